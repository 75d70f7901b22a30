import { builder } from '../builder.js';
import { totalCountField } from './connection.js';
import * as admin from '../services/admin.js';
import { badInput } from '../../../shared/errors.js';
import type { Prisma } from '../../../shared/db/generated/client.js';

builder.prismaObject('AuditLog', {
  description: 'One recorded admin or money action: who did what to which entity, and what changed. Admins only.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Audit row id.' }),
    actor: t.relation('user', { nullable: true, description: 'Who acted (null for the system or a deleted user).' }),
    action: t.exposeString('action', { description: 'What was done, as `area:verb_noun` (e.g. accounts:set_user_status).' }),
    entityType: t.exposeString('entityType', { description: 'Kind of entity acted on (User, Reader, Session…).' }),
    entityId: t.exposeString('entityId', { description: 'Id of the entity acted on.' }),
    changes: t.expose('changes', { type: 'JSON', nullable: true, description: 'What changed (typically { field: { from, to } }) and the reason given.' }),
    ipAddress: t.exposeString('ipAddress', { nullable: true, description: 'IP address the action came from.' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it happened.' }),
  }),
});

const AuditLogFilter = builder.inputType('AuditLogFilter', {
  description: 'Audit log filters; all given filters must match.',
  fields: (t) => ({
    entityType: t.string({ description: 'Only this kind of target entity (e.g. User, Reader, Session).' }),
    entityId: t.string({ description: 'Only this target entity.' }),
    actorId: t.id({ description: 'Only actions by this user.' }),
    action: t.string({ description: 'Only this action (e.g. accounts:set_user_status).' }),
    actionPrefix: t.string({ description: 'Only actions starting with this text, e.g. `payments:` for every money action (at most 100 characters).' }),
    from: t.field({ type: 'DateTime', description: 'Only rows written at or after this instant.' }),
    to: t.field({ type: 'DateTime', description: 'Only rows written before this instant (must be after `from`).' }),
  }),
});

function auditWhere(filter: typeof AuditLogFilter.$inferInput | null | undefined): Prisma.AuditLogWhereInput {
  if (!filter) return {};
  for (const [k, v] of Object.entries(filter)) {
    if (typeof v === 'string' && v.length > 100) throw badInput(`${k} must be at most 100 characters.`, `filter.${k}`);
  }
  if (filter.from && filter.to && filter.from.getTime() >= filter.to.getTime()) throw badInput('to must be after from.', 'filter.to');
  return {
    ...(filter.entityType ? { entityType: filter.entityType } : {}),
    ...(filter.entityId ? { entityId: filter.entityId } : {}),
    ...(filter.actorId ? { userId: String(filter.actorId) } : {}),
    ...(filter.action || filter.actionPrefix
      ? { action: { ...(filter.action ? { equals: filter.action } : {}), ...(filter.actionPrefix ? { startsWith: filter.actionPrefix } : {}) } }
      : {}),
    ...(filter.from || filter.to ? { createdAt: { ...(filter.from ? { gte: filter.from } : {}), ...(filter.to ? { lt: filter.to } : {}) } } : {}),
  };
}

builder.queryField('auditLogs', (t) =>
  t.prismaConnection(
    {
      type: 'AuditLog',
      cursor: 'id',
      defaultSize: 20,
      maxSize: 100,
      authScopes: { adminPermission: 'AUDIT_READ' },
      description: 'Admins with AUDIT_READ (every admin role): the audit log, searchable by actor, action, target and date range, newest first, 20 a page by default (100 at most).',
      args: { filter: t.arg({ type: AuditLogFilter, description: 'Which rows to list.' }) },
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.auditLog.findMany({ ...query, where: auditWhere(args.filter), orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }),
      totalCount: (_parent, args, ctx) => ctx.prisma.auditLog.count({ where: auditWhere(args.filter) }),
    },
    { description: 'A page of audit rows.', fields: (t) => ({ totalCount: totalCountField(t, 'Number of audit rows matching the filter (all pages).') }) },
    { description: 'One audit row in a page.' },
  ),
);

const VerifyReaderInput = builder.inputType('VerifyReaderInput', {
  description: 'Sets a reader\'s verification flag.',
  fields: (t) => ({
    readerId: t.id({ required: true, description: 'The reader\'s user id.' }),
    verified: t.boolean({ required: true, defaultValue: true, description: 'True to verify (default), false to withdraw verification.' }),
    reason: t.string({ description: 'Why, for the audit log (at most 500 characters).' }),
  }),
});

const VerifyReaderPayload = builder.objectRef<{ userId: string }>('VerifyReaderPayload').implement({
  description: 'The result of verifyReader.',
  fields: (t) => ({
    reader: t.prismaField({
      type: 'Reader',
      description: 'The reader, with its new verification flag.',
      resolve: (query, p, _args, ctx) => ctx.prisma.reader.findUniqueOrThrow({ ...query, where: { userId: p.userId } }),
    }),
  }),
});

const SettableUserStatus = builder.enumType('SettableUserStatus', {
  description: 'Statuses an admin may give a user (PENDING ends only when a reader accepts the invitation).',
  values: {
    ACTIVE: { description: 'May sign in (reactivates a suspended or banned user).' },
    SUSPENDED: { description: 'Temporarily blocked: cannot sign in or refresh; refresh tokens are revoked.' },
    BANNED: { description: 'Permanently blocked: cannot sign in or refresh; refresh tokens are revoked.' },
  } as const,
});

const SetUserStatusInput = builder.inputType('SetUserStatusInput', {
  description: 'A status change for one user.',
  fields: (t) => ({
    userId: t.id({ required: true, description: 'The user to change (not yourself).' }),
    status: t.field({ type: SettableUserStatus, required: true, description: 'The new status.' }),
    reason: t.string({ required: true, description: 'Why, for the audit log (1 to 500 characters).' }),
  }),
});

const SetUserStatusPayload = builder.objectRef<admin.SetUserStatusResult>('SetUserStatusPayload').implement({
  description: 'The result of setUserStatus.',
  fields: (t) => ({
    user: t.prismaField({
      type: 'User',
      description: 'The user, with the new status.',
      resolve: (query, p, _args, ctx) => ctx.prisma.user.findUniqueOrThrow({ ...query, where: { id: p.userId } }),
    }),
    revokedRefreshTokens: t.exposeInt('revokedRefreshTokens', { description: 'How many live refresh tokens were revoked.' }),
  }),
});

builder.mutationFields((t) => ({
  verifyReader: t.field({
    type: VerifyReaderPayload,
    description: 'Admins with READERS_MANAGE (support, super-admins): marks a reader as verified by SoulSeer (or withdraws it). Audited.',
    authScopes: { adminPermission: 'READERS_MANAGE' },
    args: { input: t.arg({ type: VerifyReaderInput, required: true, description: 'Reader and flag.' }) },
    resolve: (_root, { input }, ctx) => admin.verifyReader(ctx, { ...input, readerId: String(input.readerId) }),
  }),
  setUserStatus: t.field({
    type: SetUserStatusPayload,
    description:
      'Admins with USERS_MANAGE (support, moderators, super-admins): suspends, bans or reactivates a user. Suspending or banning revokes all of the user\'s refresh tokens ' +
      '(access tokens lapse within their short lifetime) and takes a reader offline. Audited.',
    authScopes: { adminPermission: 'USERS_MANAGE' },
    args: { input: t.arg({ type: SetUserStatusInput, required: true, description: 'User, status and reason.' }) },
    resolve: (_root, { input }, ctx) => admin.setUserStatus(ctx, { ...input, userId: String(input.userId) }),
  }),
}));
