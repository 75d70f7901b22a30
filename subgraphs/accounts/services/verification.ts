import { depsOf, type Context } from '../../../shared/context.js';
import { AUTH_CHANGED_TOPIC, type AuthChangedEvent } from '../../../shared/auth/auth-state.js';
import { transact } from '../../../shared/after-commit.js';
import { requireViewer } from '../../../shared/authz.js';
import { badInput, conflict } from '../../../shared/errors.js';
import { verifyEmailMail } from '../mail.js';
import { claimAccountToken, codeHash, invalidToken, issueAccountToken, sendInBackground, TOKEN_TTL_MS, tokenLink } from './account-tokens.js';
import { consumeAttempt } from './throttle.js';

const deps = (ctx: Context) => depsOf(ctx, 'accounts');

/**
 * Email verification. At registration (and on resendVerificationEmail) the user gets a link with a single-use token
 * and a 6-digit code, both valid 24 hours; either one verifies. Until then the account may browse but not pay or
 * message (EMAIL_NOT_VERIFIED, shared/authz.ts requireVerifiedViewer): the gateway learns the change at once.
 */

/** Issues a verification token and mails it (after the caller's transaction commits). */
export async function startVerification(ctx: Context, user: { id: string; email: string }): Promise<void> {
  const { token, code } = await transact(ctx, { service: 'accounts' }, (tx) =>
    issueAccountToken(ctx, tx, { userId: user.id, purpose: 'VERIFY_EMAIL', email: user.email, withCode: true }),
  );
  const mail = verifyEmailMail({ url: tokenLink(ctx, 'verify-email', token), code: code!, hours: TOKEN_TTL_MS.VERIFY_EMAIL / 3_600_000 });
  sendInBackground(ctx, user.id, 'verify-email', { to: user.email, ...mail });
}

/**
 * Verifies with the link's token (no sign-in needed) or with the 6-digit code (signed in: the code is only tried
 * against the viewer's own latest token; 5 tries per 15 minutes). The token must have been sent to the account's
 * current address. Returns the user id.
 */
export async function verifyEmail(ctx: Context, input: { token?: string | null; code?: string | null }): Promise<string> {
  if (input.token) {
    return transact(ctx, { service: 'accounts' }, async (tx, after) => {
      const row = await claimAccountToken(tx, input.token, 'VERIFY_EMAIL');
      const user = await tx.user.findUnique({ where: { id: row.userId } });
      if (!user || user.email !== row.email) throw invalidToken();
      if (!user.emailVerifiedAt) await tx.user.update({ where: { id: user.id }, data: { emailVerifiedAt: new Date() } });
      after.publish(AUTH_CHANGED_TOPIC, { userId: user.id } satisfies AuthChangedEvent);
      return user.id;
    });
  }
  if (!input.code) throw badInput('Give the token from the link or the 6-digit code.', { field: 'token' });
  const viewer = requireViewer(ctx, 'Sign in to verify with a code (or open the link).');
  if (!/^\d{6}$/.test(input.code)) throw badInput('The code is 6 digits.', { field: 'code' });
  await consumeAttempt(deps(ctx).security.codeTries, viewer.id, 'verification code tries');
  return transact(ctx, { service: 'accounts' }, async (tx, after) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: viewer.id } });
    const row = await tx.accountToken.findFirst({ where: { userId: viewer.id, purpose: 'VERIFY_EMAIL', usedAt: null, expiresAt: { gt: new Date() } }, orderBy: { createdAt: 'desc' } });
    if (!row || row.email !== user.email || row.codeHash !== codeHash(ctx, row.id, input.code!)) throw invalidToken();
    const claimed = await tx.accountToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: new Date() } });
    if (claimed.count !== 1) throw invalidToken();
    if (!user.emailVerifiedAt) await tx.user.update({ where: { id: user.id }, data: { emailVerifiedAt: new Date() } });
    after.publish(AUTH_CHANGED_TOPIC, { userId: user.id } satisfies AuthChangedEvent);
    return user.id;
  });
}

/** Sends a new verification email to the viewer (3 per hour): the earlier link and code stop working. */
export async function resendVerificationEmail(ctx: Context): Promise<boolean> {
  const viewer = requireViewer(ctx);
  const user = await ctx.prisma.user.findUniqueOrThrow({ where: { id: viewer.id } });
  if (user.emailVerifiedAt) throw conflict('This email address is already verified.', { reason: 'ALREADY_VERIFIED' });
  await consumeAttempt(deps(ctx).security.resendByUser, viewer.id, 'verification emails');
  await startVerification(ctx, user);
  return true;
}
