import { builder } from '../builder.js';
import { ADMIN_PERMISSIONS, ADMIN_ROLES, adminPermissionsOf, normalizeAdminRoles, type AdminPermission, type AdminRole } from '../../../shared/admin-permissions.js';
import { isSelfOrAdmin } from '../../../shared/authz.js';
import * as perms from '../services/admin-permissions.js';

const ROLE_DESCRIPTIONS: Record<AdminRole, string> = {
  SUPER_ADMIN: 'Every admin permission, including system settings and admins\' roles.',
  SUPPORT: 'Suspends and reactivates users, invites and verifies readers, ends sessions, refunds and adjusts balances up to the support_refund_limit_cents setting, reads the audit log.',
  FINANCE: 'Pays readers out, refunds and adjusts balances without a cap, audits the ledger, reads the audit log.',
  MODERATOR: 'Moderates the forum (queue, flags, posts, announcements), suspends users, reads the audit log.',
};

const PERMISSION_DESCRIPTIONS: Record<AdminPermission, string> = {
  USERS_MANAGE: 'Suspend, ban or reactivate users (setUserStatus).',
  READERS_MANAGE: 'Invite readers and verify them (inviteReader, verifyReader).',
  REFUNDS: 'Refund sessions and wallet balances (refundSession, refundWalletBalance, walletRefunds).',
  ADJUSTMENTS: 'Credit or debit balances by hand (adjustBalance).',
  PAYOUTS: 'Pay readers out (requestPayout).',
  LEDGER_AUDIT: 'Read the whole ledger, its accounts and the reconciliation report.',
  MODERATION: 'Moderate the forum (moderationQueue, moderateForumPost, removeForumReply, resolveFlag) and post in admin-only categories.',
  SESSIONS_MANAGE: 'End any reading session (endSession as an admin).',
  CATALOGUE: 'Manage the virtual gift catalogue.',
  AUDIT_READ: 'Read the audit log (auditLogs).',
  SETTINGS: 'Change system settings.',
  PERMISSIONS: 'Change admins\' roles (setAdminPermissions).',
};

export const AdminRoleEnum = builder.enumType('AdminRole', {
  description: 'A kind of admin; an admin\'s roles decide which admin actions it may take (docs/auth.md "Admin permissions").',
  values: Object.fromEntries(ADMIN_ROLES.map((r) => [r, { description: ROLE_DESCRIPTIONS[r] }])) as Record<AdminRole, { description: string }>,
});

export const AdminPermissionEnum = builder.enumType('AdminPermission', {
  description: 'One admin action family, granted by admin roles.',
  values: Object.fromEntries(ADMIN_PERMISSIONS.map((p) => [p, { description: PERMISSION_DESCRIPTIONS[p] }])) as Record<AdminPermission, { description: string }>,
});

builder.prismaObjectFields('User', (t) => ({
  adminRoles: t.field({
    type: [AdminRoleEnum],
    nullable: true,
    description: 'An admin\'s roles; null for clients and readers. Visible to the admin itself and to other admins.',
    select: { role: true, adminProfile: { select: { permissions: true } } },
    authScopes: (user, _args, ctx) => isSelfOrAdmin(ctx.viewer, user.id),
    resolve: (u) => (u.role === 'ADMIN' ? normalizeAdminRoles(u.adminProfile?.permissions) : null),
  }),
  adminPermissions: t.field({
    type: [AdminPermissionEnum],
    nullable: true,
    description: 'What an admin\'s roles allow; null for clients and readers. Visible to the admin itself and to other admins.',
    select: { role: true, adminProfile: { select: { permissions: true } } },
    authScopes: (user, _args, ctx) => isSelfOrAdmin(ctx.viewer, user.id),
    resolve: (u) => (u.role === 'ADMIN' ? adminPermissionsOf({ role: 'ADMIN', adminRoles: normalizeAdminRoles(u.adminProfile?.permissions) }) : null),
  }),
}));

const SetAdminPermissionsInput = builder.inputType('SetAdminPermissionsInput', {
  description: 'The complete new set of roles of one admin.',
  fields: (t) => ({
    userId: t.id({ required: true, description: 'The admin to change.' }),
    roles: t.field({ type: [AdminRoleEnum], required: true, description: 'Every role the admin will hold (an empty list: no admin permission at all).' }),
    reason: t.string({ required: true, description: 'Why, for the audit log (1 to 500 characters).' }),
  }),
});

const SetAdminPermissionsPayload = builder.objectRef<perms.SetAdminPermissionsResult>('SetAdminPermissionsPayload').implement({
  description: 'The result of setAdminPermissions.',
  fields: (t) => ({
    user: t.prismaField({
      type: 'User',
      description: 'The admin, with its new roles.',
      resolve: (query, p, _args, ctx) => ctx.prisma.user.findUniqueOrThrow({ ...query, where: { id: p.userId } }),
    }),
    roles: t.field({ type: [AdminRoleEnum], description: 'The roles the admin now holds.', resolve: (p) => p.roles }),
  }),
});

builder.mutationField('setAdminPermissions', (t) =>
  t.field({
    type: SetAdminPermissionsPayload,
    description:
      'Super-admins (PERMISSIONS): replaces an admin\'s roles. Audited; applies to the admin\'s next request within seconds. ' +
      'FORBIDDEN (reason SELF_PERMISSIONS) to take SUPER_ADMIN from yourself; CONFLICT (LAST_SUPER_ADMIN) to remove the last active super-admin; ' +
      'BAD_USER_INPUT (NOT_AN_ADMIN) for a client or reader.',
    authScopes: { adminPermission: 'PERMISSIONS' },
    args: { input: t.arg({ type: SetAdminPermissionsInput, required: true, description: 'Admin, roles and reason.' }) },
    resolve: (_root, { input }, ctx) => perms.setAdminPermissions(ctx, { ...input, userId: String(input.userId) }),
  }),
);
