import type { Context, Role, Viewer } from './context.js';
import { forbidden, unauthenticated } from './errors.js';

/**
 * The generic authorization rules every subgraph shares. A subgraph's own rules (who may see a session, moderate a
 * post, read a conversation…) are one helper per domain action in `subgraphs/<name>/authz.ts`, built from these and
 * called by both its Pothos schema and its services. The coarse Pothos scopes (`authenticated`, `admin`, `reader`,
 * `client`, `role`) of shared/builder.ts are computed by these same functions.
 *
 * Predicates (`isX`) answer a question and never throw; `requireX` return the viewer or throw UNAUTHENTICATED (no
 * viewer) or FORBIDDEN (a viewer without the right).
 */

type MaybeViewer = Viewer | null | undefined;

export const isSignedIn = (viewer: MaybeViewer): viewer is Viewer => !!viewer;

export const isAdmin = (viewer: MaybeViewer): boolean => viewer?.role === 'ADMIN';

/** The viewer has one of these roles. */
export const hasRole = (viewer: MaybeViewer, ...roles: Role[]): boolean => !!viewer && roles.includes(viewer.role);

/** The viewer is this user. */
export const isSelf = (viewer: MaybeViewer, userId: string | null | undefined): boolean => !!viewer && !!userId && viewer.id === userId;

/** The viewer is this user, or an admin: who may see a user's own data (profile's private fields, gift totals, money). */
export const isSelfOrAdmin = (viewer: MaybeViewer, userId: string | null | undefined): boolean => isSelf(viewer, userId) || isAdmin(viewer);

/** The signed-in viewer, or UNAUTHENTICATED. */
export function requireViewer(ctx: Pick<Context, 'viewer'>, message?: string): Viewer {
  if (!ctx.viewer) throw unauthenticated(message);
  return ctx.viewer;
}

/** The signed-in viewer with one of `roles`: UNAUTHENTICATED when signed out, FORBIDDEN (with `message`) otherwise. */
export function requireRole(ctx: Pick<Context, 'viewer'>, roles: Role | readonly Role[], message?: string, details?: Record<string, unknown>): Viewer {
  const viewer = requireViewer(ctx);
  if (!(typeof roles === 'string' ? [roles] : roles).includes(viewer.role)) throw forbidden(message, details);
  return viewer;
}

/** The signed-in admin: UNAUTHENTICATED when signed out, FORBIDDEN for anyone else. */
export const requireAdmin = (ctx: Pick<Context, 'viewer'>, message?: string): Viewer => requireRole(ctx, 'ADMIN', message);

/**
 * The user id a "mine, or anyone's for admins" query is about: the viewer's own id when `userId` is absent or is the
 * viewer, `userId` for an admin, FORBIDDEN (with `message`) for anyone else.
 */
export function ownOrAdmin(ctx: Pick<Context, 'viewer'>, userId: string | null | undefined, message?: string): string {
  const viewer = requireViewer(ctx);
  if (!userId || userId === viewer.id) return viewer.id;
  if (!isAdmin(viewer)) throw forbidden(message);
  return userId;
}
