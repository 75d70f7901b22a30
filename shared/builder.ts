import SchemaBuilder from '@pothos/core';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin from '@pothos/plugin-relay';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import DirectivesPlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import type PrismaTypes from './db/generated/pothos-types.js';
import { getDatamodel } from './db/generated/pothos-types.js';
import type { Context, Role } from './context.js';
import { adminNeeds2fa, hasAdminPermission, hasRole, isAdmin, isSignedIn } from './authz.js';
import type { AdminPermission } from './admin-permissions.js';
import { forbidden, unauthenticated } from './errors.js';
import { isSharedStream } from './graphql/shared-subscriptions.js';
import { dateScalar, dateTimeScalar, jsonScalar } from './graphql/scalars.js';

export interface AuthScopes {
  /** Any signed-in user. */
  authenticated: boolean;
  admin: boolean;
  reader: boolean;
  client: boolean;
  /** The viewer has one of these roles. */
  role: Role[];
  /** The viewer is an admin holding this permission (shared/admin-permissions.ts). */
  adminPermission: AdminPermission;
  /**
   * The gateway's shared stream of a shared subscription field (no viewer: each subscriber was authorized on its
   * own probe). Only `sharedSubscription` fields list it, next to `authenticated`.
   */
  sharedStream: boolean;
}

export interface SchemaTypes {
  Context: Context;
  PrismaTypes: PrismaTypes;
  AuthScopes: AuthScopes;
  DefaultFieldNullability: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date | string };
    Date: { Input: Date; Output: Date | string };
    JSON: { Input: unknown; Output: unknown };
    ID: { Input: string; Output: string };
  };
}

export type Builder = PothosSchemaTypes.SchemaBuilder<PothosSchemaTypes.ExtendDefaultTypes<SchemaTypes>>;

/**
 * The one builder configuration every subgraph uses. Each subgraph calls this once (its own instance) and
 * defines only its own types on it.
 */
export function createBuilder(): Builder {
  const builder = new SchemaBuilder<SchemaTypes>({
    // Plugins that wrap resolvers (scope-auth) before directives/federation, as federation requires.
    plugins: [ScopeAuthPlugin, PrismaPlugin, RelayPlugin, DataloaderPlugin, DirectivesPlugin, FederationPlugin],
    defaultFieldNullability: false,
    scopeAuth: {
      // A subscription field's scopes are checked when subscribing (anonymous → UNAUTHENTICATED, wrong role →
      // FORBIDDEN before anything listens), not on each event.
      authorizeOnSubscribe: true,
      authScopes: (ctx) => ({
        // The coarse gates, computed by the same rules services use (shared/authz.ts).
        authenticated: isSignedIn(ctx.viewer),
        admin: isAdmin(ctx.viewer),
        reader: hasRole(ctx.viewer, 'READER'),
        client: hasRole(ctx.viewer, 'CLIENT'),
        role: (roles) => hasRole(ctx.viewer, ...roles),
        adminPermission: (permission) => hasAdminPermission(ctx.viewer, permission),
        sharedStream: isSharedStream(ctx),
      }),
      unauthorizedError: (_parent, ctx) =>
        ctx.viewer
          ? ctx.viewer.role === 'ADMIN' && ctx.viewer.twoFactor === false
            ? adminNeeds2fa()
            : forbidden('You are not allowed to do this.')
          : unauthenticated('You must be signed in to do this.'),
    },
    prisma: {
      client: (ctx) => ctx.prisma,
      dmmf: getDatamodel(),
      filterConnectionTotalCount: true,
      onUnusedQuery: null,
    },
    relay: {
      clientMutationId: 'omit',
      cursorType: 'String',
      nodeQueryOptions: false,
      nodesQueryOptions: false,
      pageInfoTypeOptions: { shareable: true, description: 'Where a page sits in a list (Relay cursor pagination).' },
      hasNextPageFieldOptions: { description: 'More results follow this page.' },
      hasPreviousPageFieldOptions: { description: 'Results precede this page.' },
      startCursorFieldOptions: { description: 'Cursor of the first result on this page.' },
      endCursorFieldOptions: { description: 'Cursor of the last result on this page; pass it as `after` for the next page.' },
      firstArgOptions: { description: 'How many results after `after` (page size; each list has a maximum).' },
      afterArgOptions: { description: 'Cursor after which to start (endCursor of the previous page).' },
      lastArgOptions: { description: 'How many results before `before`.' },
      beforeArgOptions: { description: 'Cursor before which to end.' },
      defaultConnectionTypeOptions: { description: 'A page of results.' },
      defaultEdgeTypeOptions: { description: 'One result and its cursor.' },
      edgesFieldOptions: { description: 'The results on this page.' },
      pageInfoFieldOptions: { description: 'Pagination state.' },
      cursorFieldOptions: { description: 'Opaque cursor of this result.' },
      nodeFieldOptions: { description: 'The item at this position of the page (never null).' },
      // Node ids stay plain database ids: other subgraphs and federation keys use them as they are.
      encodeGlobalID: (_typename, id) => String(id),
      decodeGlobalID: (globalID) => ({ typename: '', id: globalID }),
    },
  });

  builder.addScalarType('DateTime', dateTimeScalar, {});
  builder.addScalarType('Date', dateScalar, {});
  builder.addScalarType('JSON', jsonScalar, {});
  return builder as unknown as Builder;
}
