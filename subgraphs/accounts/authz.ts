import type { Context, Viewer } from '../../shared/context.js';
import { forbidden } from '../../shared/errors.js';
import { isSelf, isSelfOrAdmin, requireAdminPermission, requireRole, requireViewer } from '../../shared/authz.js';

/**
 * Accounts' authorization: one helper per domain action, called by the schema (field scopes, what a field shows)
 * and by the services alike. Generic rules (signed in, admin, self or admin) are in shared/authz.ts. Predicates
 * (`canX`) never throw; `requireX` / `assertX` throw the error the API documents.
 */

type MaybeViewer = Viewer | null | undefined;

/** A user's private fields (email, status, last sign-in, client profile): the user and admins. */
export const canSeeUserPrivateFields = (viewer: MaybeViewer, userId: string): boolean => isSelfOrAdmin(viewer, userId);

/** A client's leaderboard naming choice: the client only (not even admins). */
export const canSeeLeaderboardChoice = (viewer: MaybeViewer, clientUserId: string): boolean => isSelf(viewer, clientUserId);

/** A reader's true presence (INVISIBLE rather than OFFLINE): the reader and admins. */
export const canSeeTruePresence = (viewer: MaybeViewer, readerUserId: string): boolean => isSelfOrAdmin(viewer, readerUserId);

/** Changing a user's status (suspend, ban, reactivate): admins with USERS_MANAGE (support, moderators). */
export const requireUserManager = (ctx: Pick<Context, 'viewer'>): Viewer => requireAdminPermission(ctx, 'USERS_MANAGE');

/** Inviting and verifying readers: admins with READERS_MANAGE (support). */
export const requireReaderManager = (ctx: Pick<Context, 'viewer'>): Viewer => requireAdminPermission(ctx, 'READERS_MANAGE');

/** Changing admins' roles: admins with PERMISSIONS (super-admins). */
export const requirePermissionManager = (ctx: Pick<Context, 'viewer'>): Viewer => requireAdminPermission(ctx, 'PERMISSIONS');

/** An admin changes other users' status, never their own. */
export function assertNotOwnStatus(admin: Viewer, userId: string): void {
  if (isSelf(admin, userId)) throw forbidden('Admins cannot change their own status.', { reason: 'SELF_STATUS' });
}

/** The signed-in user acting on their own account (password, client profile, sign out everywhere). */
export const requireAccountOwner = (ctx: Pick<Context, 'viewer'>): Viewer => requireViewer(ctx);

/** A reader editing their own reader profile or presence. */
export const requireReaderSelf = (ctx: Pick<Context, 'viewer'>): Viewer => requireRole(ctx, 'READER', 'Only readers have a reader profile.');
