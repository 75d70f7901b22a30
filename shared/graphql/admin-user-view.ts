import type { ObjectFieldsShape, SchemaTypes as PothosTypes } from '@pothos/core';
import type { Builder, SchemaTypes } from '../builder.js';
import { badInput } from '../errors.js';

/** The admin console's picture of one user: the federated entity every subgraph adds its own fields to. */
export interface AdminUserViewShape {
  userId: string;
}

type Types = PothosSchemaTypes.ExtendDefaultTypes<SchemaTypes> & PothosTypes;

/**
 * Declares one subgraph's part of `AdminUserView` (keyed by the user's id; accounts owns the key and adds `user` and
 * `auditTrail`, payments the wallet and transactions, readings the sessions, community the flags). Every subgraph
 * declares the same type name, description, `userId` field and key, so they compose; only `fields` differ.
 */
export function implementAdminUserView(builder: Builder, fields: ObjectFieldsShape<Types, AdminUserViewShape>) {
  const ref = builder.objectRef<AdminUserViewShape>('AdminUserView').implement({
    description: 'Everything support needs about one user, each part from the service that owns it. Admins only.',
    fields: (t) => ({
      userId: t.exposeID('userId', { description: "The user's id." }),
      ...fields(t),
    }),
  });
  builder.asEntity(ref, {
    key: builder.selection<AdminUserViewShape>('userId'),
    resolveReference: (key) => ({ userId: key.userId }),
  });
  return ref;
}

/** The `limit` argument of AdminUserView's lists: 1 to 100, 20 when not given (else BAD_USER_INPUT naming `limit`). */
export function adminViewLimit(limit: number | null | undefined): number {
  const n = limit ?? 20;
  if (!Number.isInteger(n) || n < 1 || n > 100) throw badInput('limit must be between 1 and 100.', 'limit');
  return n;
}
