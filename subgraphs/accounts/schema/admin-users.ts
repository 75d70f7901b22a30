import { builder } from '../builder.js';
import { adminViewLimit, implementAdminUserView } from '../../../shared/graphql/admin-user-view.js';
import { totalCountField } from './connection.js';
import { UserRef, UserRoleEnum, UserStatusEnum } from './user.js';
import { badInput } from '../../../shared/errors.js';
import type { Prisma } from '../../../shared/db/generated/client.js';

/**
 * The admin console's picture of one user: an entity keyed by the user's id, with each part contributed by the
 * subgraph that owns it (accounts: the user and its audit trail; payments: wallet and recent transactions;
 * readings: recent sessions; community: flags). Every field is for admins only.
 */
export const AdminUserViewRef = implementAdminUserView(builder, (t) => ({
  user: t.prismaField({
    type: 'User',
    authScopes: { admin: true },
    description: 'The user: profile, role, status, admin roles.',
    resolve: (query, v, _args, ctx) => ctx.prisma.user.findUniqueOrThrow({ ...query, where: { id: v.userId } }),
  }),
  auditTrail: t.prismaField({
    type: ['AuditLog'],
    authScopes: { admin: true },
    description: 'The latest audit rows about the user or by the user, newest first (auditLogs pages through all of them).',
    args: { limit: t.arg.int({ defaultValue: 20, description: 'How many (1 to 100).' }) },
    resolve: (query, v, args, ctx) =>
      ctx.prisma.auditLog.findMany({
        ...query,
        where: { OR: [{ entityId: v.userId }, { userId: v.userId }] },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: adminViewLimit(args.limit),
      }),
  }),
}));

const AdminUserFilter = builder.inputType('AdminUserFilter', {
  description: 'Filters of adminUsers; all given filters must match.',
  fields: (t) => ({
    search: t.string({ description: 'Part of the email, first or last name, or reader display name (case-insensitive; 2 to 100 characters).' }),
    role: t.field({ type: UserRoleEnum, description: 'Only this role.' }),
    status: t.field({ type: UserStatusEnum, description: 'Only this status.' }),
    createdFrom: t.field({ type: 'DateTime', description: 'Only accounts created at or after this instant.' }),
    createdTo: t.field({ type: 'DateTime', description: 'Only accounts created before this instant (after createdFrom).' }),
  }),
});

function userWhere(filter: typeof AdminUserFilter.$inferInput | null | undefined): Prisma.UserWhereInput {
  if (!filter) return {};
  const where: Prisma.UserWhereInput = {};
  if (filter.search != null) {
    const q = filter.search.trim();
    if (q.length < 2 || q.length > 100) throw badInput('search must be 2 to 100 characters.', 'filter.search');
    const like = { contains: q, mode: 'insensitive' as const };
    where.OR = [
      { email: like },
      { clientProfile: { is: { OR: [{ firstName: like }, { lastName: like }] } } },
      { readerProfile: { is: { OR: [{ displayName: like }, { firstName: like }, { lastName: like }] } } },
      { adminProfile: { is: { OR: [{ firstName: like }, { lastName: like }] } } },
    ];
  }
  if (filter.role) where.role = filter.role;
  if (filter.status) where.status = filter.status;
  if (filter.createdFrom && filter.createdTo && filter.createdFrom.getTime() >= filter.createdTo.getTime()) {
    throw badInput('createdTo must be after createdFrom.', 'filter.createdTo');
  }
  if (filter.createdFrom || filter.createdTo) {
    where.createdAt = { ...(filter.createdFrom ? { gte: filter.createdFrom } : {}), ...(filter.createdTo ? { lt: filter.createdTo } : {}) };
  }
  return where;
}

builder.queryFields((t) => ({
  adminUsers: t.prismaConnection(
    {
      type: 'User',
      cursor: 'id',
      defaultSize: 20,
      maxSize: 100,
      authScopes: { admin: true },
      description: 'Admins: users, newest accounts first, searched and filtered; 20 a page by default (100 at most).',
      args: { filter: t.arg({ type: AdminUserFilter, description: 'Which users.' }) },
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.user.findMany({ ...query, where: userWhere(args.filter), orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }),
      totalCount: (_parent, args, ctx) => ctx.prisma.user.count({ where: userWhere(args.filter) }),
    },
    { description: 'A page of users.', fields: (t) => ({ totalCount: totalCountField(t, 'Number of users matching (all pages).') }) },
    { description: 'One user in a page.' },
  ),
  adminUser: t.field({
    type: AdminUserViewRef,
    nullable: true,
    authScopes: { admin: true },
    description: 'Admins: one user\'s full picture for support (profile, wallet, recent sessions, flags, audit trail); null if no such user.',
    args: { id: t.arg.id({ required: true, description: 'The user\'s id.' }) },
    resolve: async (_root, args, ctx) => {
      const id = String(args.id);
      if (id.length > 64) return null;
      const user = await ctx.prisma.user.findUnique({ where: { id }, select: { id: true } });
      return user ? { userId: user.id } : null;
    },
  }),
}));

// ---- Reader invitations and the verification queue ----------------------------------------------------------------

const InviteStateEnum = builder.enumType('ReaderInviteState', {
  description: 'Where a reader invitation stands.',
  values: {
    PENDING: { description: 'Sent, not accepted, not expired: the reader may still accept.' },
    ACCEPTED: { description: 'The reader accepted and activated the account.' },
    EXPIRED: { description: 'Not accepted in time (or voided by a suspension); invite again to resend.' },
  } as const,
});

builder.prismaObject('ReaderInvite', {
  description: 'An invitation of a reader to join (the token itself is never shown again).',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Invitation id.' }),
    email: t.exposeString('email', { description: 'Where it was sent.' }),
    state: t.field({
      type: InviteStateEnum,
      description: 'Pending, accepted or expired, now.',
      resolve: (i) => (i.acceptedAt ? 'ACCEPTED' : i.expiresAt.getTime() > Date.now() ? 'PENDING' : 'EXPIRED'),
    }),
    user: t.relation('user', { description: 'The invited reader\'s account.' }),
    invitedBy: t.relation('invitedBy', { description: 'The admin who sent it.' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', description: 'When it stops working.' }),
    acceptedAt: t.expose('acceptedAt', { type: 'DateTime', nullable: true, description: 'The moment the invited reader activated the account (null until then).' }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was sent.' }),
  }),
});

function inviteWhere(state: 'PENDING' | 'ACCEPTED' | 'EXPIRED' | null | undefined): Prisma.ReaderInviteWhereInput {
  const now = new Date();
  if (state === 'PENDING') return { acceptedAt: null, expiresAt: { gt: now } };
  if (state === 'ACCEPTED') return { acceptedAt: { not: null } };
  if (state === 'EXPIRED') return { acceptedAt: null, expiresAt: { lte: now } };
  return {};
}

builder.queryFields((t) => ({
  readerInvites: t.prismaConnection(
    {
      type: 'ReaderInvite',
      cursor: 'id',
      defaultSize: 20,
      maxSize: 100,
      authScopes: { adminPermission: 'READERS_MANAGE' },
      description: 'Admins with READERS_MANAGE: reader invitations, newest first, by state (inviteReader sends, the reader accepts).',
      args: { state: t.arg({ type: InviteStateEnum, description: 'Only invitations in this state.' }) },
      resolve: (query, _root, args, ctx) =>
        ctx.prisma.readerInvite.findMany({ ...query, where: inviteWhere(args.state), orderBy: [{ createdAt: 'desc' }, { id: 'desc' }] }),
      totalCount: (_parent, args, ctx) => ctx.prisma.readerInvite.count({ where: inviteWhere(args.state) }),
    },
    { description: 'A page of invitations.', fields: (t) => ({ totalCount: totalCountField(t, 'Number of invitations matching (all pages).') }) },
    { description: 'One invitation in a page.' },
  ),
  readerVerificationQueue: t.prismaConnection(
    {
      type: 'Reader',
      cursor: 'userId',
      defaultSize: 20,
      maxSize: 100,
      authScopes: { adminPermission: 'READERS_MANAGE' },
      description:
        'Admins with READERS_MANAGE: active readers not verified yet, oldest first (verifyReader approves; verified: false withdraws).',
      resolve: (query, _root, _args, ctx) =>
        ctx.prisma.reader.findMany({ ...query, where: { isVerified: false, user: { status: 'ACTIVE' } }, orderBy: [{ createdAt: 'asc' }, { userId: 'asc' }] }),
      totalCount: (_parent, _args, ctx) => ctx.prisma.reader.count({ where: { isVerified: false, user: { status: 'ACTIVE' } } }),
    },
    { description: 'A page of readers awaiting verification.', fields: (t) => ({ totalCount: totalCountField(t, 'Number of readers awaiting verification.') }) },
    { description: 'One reader awaiting verification.' },
  ),
}));

export { UserRef };
