import express from 'express';
import type { Prisma, PrismaClient } from '../../../shared/db/generated/client.js';
import type { Role } from '../../../shared/context.js';
import type { PubSub } from '../../../shared/pubsub.js';
import { conflict, notFound } from '../../../shared/errors.js';
import { errorField, logger } from '../../../shared/logger.js';
import type { ReaderStatusEvent, UserStatusChange } from '../../../shared/ports.js';
import { publishReaderStatus, setReaderPresence } from './presence.js';
import { normalizeAdminRoles } from '../../../shared/admin-permissions.js';
import {
  AUTH_STATE_PATH,
  INTERNAL_CALL_HEADER,
  MAX_AUTH_STATE_IDS,
  publishAuthChanged,
  verifyInternalCall,
  type AuthState,
} from '../../../shared/auth/auth-state.js';

export type UserStatus = AuthState['status'];

export type { UserStatusChange };

/**
 * The one path that changes a user's status (accounts' admin mutation, community's moderation queue), inside the
 * caller's transaction. The user's row is locked, so concurrent changes serialise; the users_auth_epoch trigger bumps
 * the auth epoch with the status, so every access token issued before is refused once the gateway hears of it (after
 * commit, publishUserStatusChange). Suspending or banning also revokes every refresh token, voids pending invites
 * and takes a reader offline. A PENDING reader becomes ACTIVE only by accepting the invite.
 */
export async function changeUserStatus(tx: Prisma.TransactionClient, userId: string, status: UserStatus): Promise<UserStatusChange> {
  const rows = await tx.$queryRaw<Array<{ status: UserStatus; role: Role }>>`
    SELECT status::text AS status, role::text AS role FROM users WHERE id = ${userId} FOR UPDATE`;
  const user = rows[0];
  if (!user) throw notFound('User');
  if (user.status === 'PENDING' && status === 'ACTIVE') {
    throw conflict('A pending reader becomes active by accepting the invitation.', { reason: 'ACCOUNT_PENDING' });
  }
  await tx.user.update({ where: { id: userId }, data: { status } });
  let revokedRefreshTokens = 0;
  let presence: ReaderStatusEvent | null = null;
  if (status !== 'ACTIVE') {
    const now = new Date();
    revokedRefreshTokens = (await tx.refreshToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } })).count;
    // Pending invites die with the account.
    await tx.readerInvite.updateMany({ where: { userId, acceptedAt: null, expiresAt: { gt: now } }, data: { expiresAt: now } });
    if (user.role === 'READER') presence = await setReaderPresence(tx, userId, 'OFFLINE');
  }
  return { userId, from: user.status, to: status, role: user.role, revokedRefreshTokens, presence };
}

/** After commit: the gateways drop the user's cached auth state and end their sockets; readers' presence moves. */
export async function publishUserStatusChange(pubsub: PubSub, change: UserStatusChange): Promise<void> {
  await publishAuthChanged(pubsub, change.userId);
  await publishReaderStatus(pubsub, change.presence);
}

/** Current auth states of up to MAX_AUTH_STATE_IDS users (unknown ids are absent). */
export async function readAuthStates(prisma: PrismaClient, ids: string[]): Promise<Record<string, AuthState>> {
  const users = await prisma.user.findMany({
    where: { id: { in: ids } },
    select: { id: true, role: true, status: true, authEpoch: true, emailVerifiedAt: true, twoFactorEnabledAt: true, adminProfile: { select: { permissions: true } } },
  });
  return Object.fromEntries(
    users.map((u) => [
      u.id,
      {
        role: u.role,
        status: u.status,
        epoch: u.authEpoch,
        emailVerified: !!u.emailVerifiedAt,
        twoFactor: !!u.twoFactorEnabledAt,
        // An admin's roles travel with its auth state, so a change reaches the gateway with the auth-changed event.
        ...(u.role === 'ADMIN' ? { adminRoles: normalizeAdminRoles(u.adminProfile?.permissions) } : {}),
      },
    ]),
  );
}

/**
 * The gateway's lookup (not part of the public schema): POST { ids } signed with the gateway secret in
 * INTERNAL_CALL_HEADER; anything else is 401 or 400.
 */
export function mountAuthStateRoute(app: express.Express, prisma: PrismaClient, gatewaySecret: string): void {
  app.post(AUTH_STATE_PATH, express.json({ limit: '64kb' }), async (req, res) => {
    if (!(await verifyInternalCall(req.header(INTERNAL_CALL_HEADER), gatewaySecret))) {
      res.status(401).json({ error: 'gateway signature required' });
      return;
    }
    const ids = (req.body as { ids?: unknown } | undefined)?.ids;
    if (!Array.isArray(ids) || ids.length > MAX_AUTH_STATE_IDS || !ids.every((id) => typeof id === 'string' && id.length > 0 && id.length <= 64 && !id.includes('\0'))) {
      res.status(400).json({ error: `ids must be 1 to ${MAX_AUTH_STATE_IDS} user ids` });
      return;
    }
    try {
      res.json({ states: await readAuthStates(prisma, ids as string[]) });
    } catch (error) {
      logger('accounts').warn({ ...errorField(error), ids: (ids as string[]).length }, 'auth-state lookup failed');
      res.status(503).json({ error: 'unavailable' });
    }
  });
}
