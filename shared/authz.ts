import type { Context, Role, Viewer } from './context.js';
import { emailNotVerified, forbidden, twoFactorRequired, unauthenticated } from './errors.js';
import { hasAdminPermission as roleGrants, type AdminPermission } from './admin-permissions.js';

/**
 * Generic authorization rules, shared by every subgraph. Each subgraph's domain actions have one helper each in
 * `subgraphs/<name>/authz.ts` (who may see a session, moderate a post, read a conversation…), built from these, and
 * used by both its Pothos schema (authScopes, resolvers) and its services. The coarse Pothos scopes of
 * shared/builder.ts (`authenticated`, `admin`, `reader`, `client`, `role`) are computed by these same functions.
 *
 * Predicates (`isX`, `hasRole`) answer and never throw; `requireX` / `assertX` return the viewer or throw
 * UNAUTHENTICATED (no viewer) or FORBIDDEN (a viewer without the right).
 */

type MaybeViewer = Viewer | null | undefined;

export const isSignedIn = (viewer: MaybeViewer): viewer is Viewer => !!viewer;

/**
 * An admin without two-factor authentication (twoFactor false, as the gateway forwards it) is no admin for any rule:
 * it may sign in and turn 2FA on, and every admin action answers TWO_FACTOR_REQUIRED until then.
 */
const adminWithout2fa = (viewer: MaybeViewer): boolean => viewer?.role === 'ADMIN' && viewer.twoFactor === false;

export const isAdmin = (viewer: MaybeViewer): boolean => viewer?.role === 'ADMIN' && !adminWithout2fa(viewer);

/** The viewer has one of these roles (ADMIN only with two-factor authentication on). */
export const hasRole = (viewer: MaybeViewer, ...roles: Role[]): boolean => !!viewer && roles.includes(viewer.role) && !adminWithout2fa(viewer);

/** The error for an admin refused for want of two-factor authentication. */
export const adminNeeds2fa = () =>
  twoFactorRequired('Admins must turn on two-factor authentication (enableTwoFactor, confirmTwoFactor) before any admin action.', { reason: 'ADMIN_2FA' });

/** The viewer is this user. */
export const isSelf = (viewer: MaybeViewer, userId: string | null | undefined): boolean => !!viewer && !!userId && viewer.id === userId;

/** The viewer is this user, or an admin: who may see a user's own data (private profile fields, gift totals, money). */
export const isSelfOrAdmin = (viewer: MaybeViewer, userId: string | null | undefined): boolean => isSelf(viewer, userId) || isAdmin(viewer);

/** The signed-in viewer, or UNAUTHENTICATED. */
export function requireViewer(ctx: Pick<Context, 'viewer'>, message = 'You must be signed in to do this.'): Viewer {
  if (!ctx.viewer) throw unauthenticated(message);
  return ctx.viewer;
}

/** The signed-in viewer with one of `roles`: UNAUTHENTICATED when signed out, FORBIDDEN (with `message`) otherwise. */
export function requireRole(ctx: Pick<Context, 'viewer'>, roles: Role | readonly Role[], message?: string, details?: Record<string, unknown>): Viewer {
  const viewer = requireViewer(ctx);
  if (!(typeof roles === 'string' ? [roles] : roles).includes(viewer.role)) throw forbidden(message, details);
  if (adminWithout2fa(viewer)) throw adminNeeds2fa();
  return viewer;
}

/**
 * The signed-in viewer whose email is verified: paying (top-ups, sessions, gifts, paid replies, orders) and
 * messaging (session chat, direct messages, forum posts, stream chat) need it. EMAIL_NOT_VERIFIED otherwise.
 */
export function requireVerifiedViewer(ctx: Pick<Context, 'viewer'>): Viewer {
  const viewer = requireViewer(ctx);
  if (viewer.emailVerified === false) throw emailNotVerified();
  return viewer;
}

/** The signed-in viewer with two-factor authentication on (changing payout details): TWO_FACTOR_REQUIRED otherwise. */
export function requireTwoFactorViewer(ctx: Pick<Context, 'viewer'>, action: string): Viewer {
  const viewer = requireViewer(ctx);
  if (viewer.twoFactor === false) throw twoFactorRequired(`Turn on two-factor authentication before you ${action}.`, { reason: 'TWO_FACTOR_NOT_ENABLED' });
  return viewer;
}

/**
 * An admin holding `permission` (shared/admin-permissions.ts): UNAUTHENTICATED when signed out, FORBIDDEN for anyone
 * else, with `details.reason` ADMIN_PERMISSION and the missing permission for an admin without it.
 */
export function requireAdminPermission(ctx: Pick<Context, 'viewer'>, permission: AdminPermission, message?: string): Viewer {
  const viewer = requireViewer(ctx);
  if (adminWithout2fa(viewer)) throw adminNeeds2fa();
  if (hasAdminPermission(viewer, permission)) return viewer;
  if (viewer.role === 'ADMIN') throw forbidden(`Your admin roles do not include the ${permission} permission.`, { reason: 'ADMIN_PERMISSION', permission });
  throw forbidden(message);
}

/** Whether the viewer is an admin holding `permission` through one of its roles, with two-factor authentication on. */
export const hasAdminPermission = (viewer: MaybeViewer, permission: AdminPermission): boolean => !adminWithout2fa(viewer) && roleGrants(viewer, permission);

/** The signed-in admin: UNAUTHENTICATED when signed out, FORBIDDEN for anyone else. */
export const requireAdmin = (ctx: Pick<Context, 'viewer'>, message?: string): Viewer => requireRole(ctx, 'ADMIN', message);

/**
 * Throws what the schema's scope check throws when a rule says no (UNAUTHENTICATED without a viewer, FORBIDDEN
 * otherwise), so a service refuses exactly as its field would.
 */
export function assertAllowed(viewer: MaybeViewer, allowed: boolean): void {
  if (allowed) return;
  if (!viewer) throw unauthenticated('You must be signed in to do this.');
  if (adminWithout2fa(viewer)) throw adminNeeds2fa();
  throw forbidden('You are not allowed to do this.');
}
