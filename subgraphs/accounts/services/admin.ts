import type { Context } from '../../../shared/context.js';
import { AppError, forbidden, notFound } from '../../../shared/errors.js';
import { audit } from '../../../shared/audit.js';
import { publishReaderStatus, setReaderPresence, type ReaderStatusEvent } from '../../../shared/presence.js';
import { parseInput, z } from '../../../shared/validation.js';
import { LIMITS } from './rules.js';

const reasonSchema = z.string().trim().min(1, 'is required').max(LIMITS.auditReason, `must be at most ${LIMITS.auditReason} characters`);
const idSchema = z.string().min(1).max(64);

function requireAdmin(ctx: Context) {
  if (ctx.viewer?.role !== 'ADMIN') throw forbidden();
  return ctx.viewer;
}

const verifyReaderInput = z.object({ readerId: idSchema, verified: z.boolean(), reason: reasonSchema.nullish() }).strict();

/** Sets or clears a reader's verification flag, with an audit row in the same transaction. */
export async function verifyReader(ctx: Context, input: unknown): Promise<{ userId: string }> {
  requireAdmin(ctx);
  const data = parseInput(verifyReaderInput, input);
  await ctx.prisma.$transaction(async (tx) => {
    const reader = await tx.reader.findUnique({ where: { userId: data.readerId }, select: { isVerified: true } });
    if (!reader) throw notFound('Reader');
    await tx.reader.update({ where: { userId: data.readerId }, data: { isVerified: data.verified } });
    await audit(tx, ctx, {
      action: data.verified ? 'accounts:verify_reader' : 'accounts:unverify_reader',
      entityType: 'Reader',
      entityId: data.readerId,
      changes: { isVerified: { from: reader.isVerified, to: data.verified }, ...(data.reason ? { reason: data.reason } : {}) },
    });
  });
  return { userId: data.readerId };
}

const setUserStatusInput = z
  .object({ userId: idSchema, status: z.enum(['ACTIVE', 'SUSPENDED', 'BANNED']), reason: reasonSchema })
  .strict();

export interface SetUserStatusResult {
  userId: string;
  revokedRefreshTokens: number;
}

/**
 * Suspends, bans or reactivates a user. Suspending or banning revokes every refresh token of the user (their
 * access tokens lapse within the access-token lifetime) and takes a reader offline; all in one transaction
 * with its audit row. A PENDING reader becomes ACTIVE only by accepting the invite.
 */
export async function setUserStatus(ctx: Context, input: unknown): Promise<SetUserStatusResult> {
  const admin = requireAdmin(ctx);
  const data = parseInput(setUserStatusInput, input);
  if (data.userId === admin.id) throw new AppError('FORBIDDEN', 'Admins cannot change their own status.', { reason: 'SELF_STATUS' });
  let presence: ReaderStatusEvent | null = null;
  const revoked = await ctx.prisma.$transaction(async (tx) => {
    // Lock the row so two admins changing one user serialise and the audit "from" is exact.
    const rows = await tx.$queryRaw<Array<{ status: string; role: string }>>`
      SELECT status::text AS status, role::text AS role FROM users WHERE id = ${data.userId} FOR UPDATE`;
    const user = rows[0];
    if (!user) throw notFound('User');
    if (user.status === 'PENDING' && data.status === 'ACTIVE') {
      throw new AppError('CONFLICT', 'A pending reader becomes active by accepting the invitation.', { reason: 'ACCOUNT_PENDING' });
    }
    await tx.user.update({ where: { id: data.userId }, data: { status: data.status } });
    let count = 0;
    if (data.status !== 'ACTIVE') {
      const now = new Date();
      count = (await tx.refreshToken.updateMany({ where: { userId: data.userId, revokedAt: null }, data: { revokedAt: now } })).count;
      // Pending invites die with the account.
      await tx.readerInvite.updateMany({ where: { userId: data.userId, acceptedAt: null, expiresAt: { gt: now } }, data: { expiresAt: now } });
      if (user.role === 'READER') presence = await setReaderPresence(tx, data.userId, 'OFFLINE');
    }
    await audit(tx, ctx, {
      action: `accounts:set_user_status`,
      entityType: 'User',
      entityId: data.userId,
      changes: { status: { from: user.status, to: data.status }, reason: data.reason, revokedRefreshTokens: count },
    });
    return count;
  });
  await publishReaderStatus(ctx.pubsub, presence);
  return { userId: data.userId, revokedRefreshTokens: revoked };
}
