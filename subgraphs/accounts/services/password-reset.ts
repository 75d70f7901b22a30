import { setTimeout as sleep } from 'node:timers/promises';
import type { Context } from '../../../shared/context.js';
import { AUTH_CHANGED_TOPIC, type AuthChangedEvent } from '../../../shared/auth/auth-state.js';
import { hashPassword } from '../../../shared/auth/passwords.js';
import { transact } from '../../../shared/after-commit.js';
import { parseInput, z } from '../../../shared/validation.js';
import { passwordChangedMail, passwordResetMail } from '../mail.js';
import { claimAccountToken, issueAccountToken, sendInBackground, TOKEN_TTL_MS, tokenLink } from './account-tokens.js';
import { deps, emailSchema, passwordSchema } from './auth.js';
import { consumeAttempt } from './throttle.js';

/** Every requestPasswordReset answers after at least this long, whether the email exists or not. */
const REQUEST_FLOOR_MS = 400;

/**
 * Asks for a password-reset email. The answer is always `true`, after the same minimum time, whether or not an
 * account has this address (nothing tells them apart); rate limited per IP and per email (known or not).
 */
export async function requestPasswordReset(ctx: Context, input: unknown): Promise<boolean> {
  const started = Date.now();
  const { email } = parseInput(z.object({ email: emailSchema }), input);
  const limits = deps(ctx).security;
  if (ctx.ip) await consumeAttempt(limits.resetByIp, ctx.ip, 'password reset requests');
  await consumeAttempt(limits.resetByEmail, email, 'password reset requests for this email');
  const user = await ctx.prisma.user.findUnique({ where: { email } });
  if (user && user.status === 'ACTIVE') {
    const { token } = await transact(ctx, { service: 'accounts' }, (tx) => issueAccountToken(ctx, tx, { userId: user.id, purpose: 'RESET_PASSWORD', email }));
    const mail = passwordResetMail({ url: tokenLink(ctx, 'reset-password', token), minutes: TOKEN_TTL_MS.RESET_PASSWORD / 60_000 });
    sendInBackground(ctx, user.id, 'reset-password', { to: email, ...mail });
  }
  const wait = REQUEST_FLOOR_MS - (Date.now() - started);
  if (wait > 0) await sleep(wait);
  return true;
}

const resetInput = z.object({ token: z.string().min(1).max(200), newPassword: passwordSchema });

/**
 * Sets a new password with a reset token (single use, 30 minutes). Every refresh token of the user is revoked and
 * the auth epoch moves on, so every access token issued before is refused by the gateways; a notice is mailed.
 * The user then signs in (with their second factor, if they have one). Proves the mailbox: verifies the email.
 */
export async function resetPassword(ctx: Context, input: unknown): Promise<boolean> {
  const data = parseInput(resetInput, input);
  const passwordHash = await hashPassword(data.newPassword);
  const user = await transact(ctx, { service: 'accounts' }, async (tx, after) => {
    const row = await claimAccountToken(tx, data.token, 'RESET_PASSWORD');
    const now = new Date();
    const current = await tx.user.findUniqueOrThrow({ where: { id: row.userId } });
    const changed = await tx.user.update({
      where: { id: row.userId },
      data: { passwordHash, authEpoch: { increment: 1 }, ...(current.email === row.email && !current.emailVerifiedAt ? { emailVerifiedAt: now } : {}) },
    });
    await tx.refreshToken.updateMany({ where: { userId: row.userId, revokedAt: null }, data: { revokedAt: now } });
    after.publish(AUTH_CHANGED_TOPIC, { userId: row.userId } satisfies AuthChangedEvent);
    return changed;
  });
  sendInBackground(ctx, user.id, 'password-changed', { to: user.email, ...passwordChangedMail({}) });
  return true;
}
