/**
 * What each kind of admin may do. An admin's roles are stored in accounts' `admins.permissions` (Admin.permissions),
 * served with the user's auth state to the gateway, carried in the signed viewer header (`Viewer.adminRoles`) and
 * checked by each subgraph's authz.ts through `hasAdminPermission`. See docs/auth.md "Admin permissions".
 *
 * Reading (a user's private fields, money, sessions) stays open to every admin: support needs the full picture.
 * Acting needs the permission below.
 */
export const ADMIN_ROLES = ['SUPER_ADMIN', 'SUPPORT', 'FINANCE', 'MODERATOR'] as const;
export type AdminRole = (typeof ADMIN_ROLES)[number];

export const ADMIN_PERMISSIONS = [
  /** Suspend, ban or reactivate users (setUserStatus). */
  'USERS_MANAGE',
  /** Invite and verify readers, review reader invitations. */
  'READERS_MANAGE',
  /** Refund sessions and wallet balances (SUPPORT up to support_refund_limit_cents). */
  'REFUNDS',
  /** Credit or debit balances by hand (SUPPORT up to support_refund_limit_cents). */
  'ADJUSTMENTS',
  /** Pay readers out. */
  'PAYOUTS',
  /** Read the whole ledger, its accounts and the reconciliation report. */
  'LEDGER_AUDIT',
  /** Moderate the forum (queue, flags, posts, replies) and post announcements. */
  'MODERATION',
  /** End any reading session. */
  'SESSIONS_MANAGE',
  /** Manage the gift catalogue. */
  'CATALOGUE',
  /** Read the audit log. */
  'AUDIT_READ',
  /** Change system settings. */
  'SETTINGS',
  /** Change admins' roles. */
  'PERMISSIONS',
] as const;
export type AdminPermission = (typeof ADMIN_PERMISSIONS)[number];

/** The permissions each role grants (SUPER_ADMIN: every one). */
export const ROLE_PERMISSIONS: Record<AdminRole, readonly AdminPermission[]> = {
  SUPER_ADMIN: ADMIN_PERMISSIONS,
  SUPPORT: ['USERS_MANAGE', 'READERS_MANAGE', 'REFUNDS', 'ADJUSTMENTS', 'SESSIONS_MANAGE', 'AUDIT_READ'],
  FINANCE: ['REFUNDS', 'ADJUSTMENTS', 'PAYOUTS', 'LEDGER_AUDIT', 'AUDIT_READ'],
  MODERATOR: ['MODERATION', 'USERS_MANAGE', 'AUDIT_READ'],
};

/** Roles whose refunds and adjustments are bounded by the support_refund_limit_cents setting. */
const LIMITED_MONEY_ROLES: readonly AdminRole[] = ['SUPPORT'];

interface AdminLike {
  role: string;
  adminRoles?: readonly AdminRole[];
}

/** Known roles only, deduplicated, in ADMIN_ROLES order (anything else stored or forwarded is ignored). */
export function normalizeAdminRoles(values: readonly unknown[] | null | undefined): AdminRole[] {
  if (!values) return [];
  return ADMIN_ROLES.filter((r) => values.includes(r));
}

/** Whether the viewer is an admin holding `permission` through one of its roles. */
export function hasAdminPermission(viewer: AdminLike | null | undefined, permission: AdminPermission): boolean {
  if (!viewer || viewer.role !== 'ADMIN') return false;
  return (viewer.adminRoles ?? []).some((r) => ROLE_PERMISSIONS[r]?.includes(permission));
}

/**
 * Whether a money action (REFUNDS or ADJUSTMENTS) of the viewer is capped: true when only a limited role grants it
 * (SUPPORT), false when an unlimited one does (FINANCE, SUPER_ADMIN). Call after hasAdminPermission.
 */
export function isMoneyLimited(viewer: AdminLike, permission: 'REFUNDS' | 'ADJUSTMENTS'): boolean {
  return !(viewer.adminRoles ?? []).some((r) => !LIMITED_MONEY_ROLES.includes(r) && ROLE_PERMISSIONS[r].includes(permission));
}

/** Every permission the viewer holds, in ADMIN_PERMISSIONS order. */
export function adminPermissionsOf(viewer: AdminLike | null | undefined): AdminPermission[] {
  return ADMIN_PERMISSIONS.filter((p) => hasAdminPermission(viewer, p));
}
