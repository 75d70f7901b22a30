import type { Context } from '../../../shared/context.js';
import { notFound } from '../../../shared/errors.js';
import { audit } from '../../../shared/audit.js';
import { transact } from '../../../shared/after-commit.js';
import { parseInput, z } from '../../../shared/validation.js';
import { LIMITS } from './rules.js';
import { changeUserStatus, publishUserStatusChange } from './user-status.js';
import { publishReaderProfileChanged } from './presence.js';
import { assertNotOwnStatus, requireReaderManager, requireUserManager } from '../authz.js';

const reasonSchema = z.string().trim().min(1, 'is required').max(LIMITS.auditReason, `must be at most ${LIMITS.auditReason} characters`);
const idSchema = z.string().min(1).max(64);

const verifyReaderInput = z.object({ readerId: idSchema, verified: z.boolean(), reason: reasonSchema.nullish() }).strict();

/** Sets or clears a reader's verification flag, with an audit row in the same transaction. */
export async function verifyReader(ctx: Context, input: unknown): Promise<{ userId: string }> {
  requireReaderManager(ctx);
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
  await publishReaderProfileChanged(ctx.pubsub, data.readerId);
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
 * Suspends, bans or reactivates a user through changeUserStatus (user-status.ts), with its audit row in the same
 * transaction. After commit the change is published: every gateway refuses the user's earlier access tokens and
 * ends their sockets within seconds.
 */
export async function setUserStatus(ctx: Context, input: unknown): Promise<SetUserStatusResult> {
  const admin = requireUserManager(ctx);
  const data = parseInput(setUserStatusInput, input);
  assertNotOwnStatus(admin, data.userId);
  const change = await transact(ctx, { service: 'accounts' }, async (tx, after) => {
    const change = await changeUserStatus(tx, data.userId, data.status);
    after.run('publish user status change', () => publishUserStatusChange(ctx.pubsub, change));
    await audit(tx, ctx, {
      action: `accounts:set_user_status`,
      entityType: 'User',
      entityId: data.userId,
      changes: { status: { from: change.from, to: data.status }, reason: data.reason, revokedRefreshTokens: change.revokedRefreshTokens },
    });
    return change;
  });
  return { userId: data.userId, revokedRefreshTokens: change.revokedRefreshTokens };
}
