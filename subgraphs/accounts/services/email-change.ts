import type { Context } from '../../../shared/context.js';
import { AUTH_CHANGED_TOPIC, type AuthChangedEvent } from '../../../shared/auth/auth-state.js';
import { transact } from '../../../shared/after-commit.js';
import { isUniqueViolation } from '../../../shared/db/client.js';
import { badInput, conflict } from '../../../shared/errors.js';
import { parseInput, z } from '../../../shared/validation.js';
import { requireAccountOwner } from '../authz.js';
import { confirmEmailChangeMail, emailChangeNoticeMail } from '../mail.js';
import { notifySecurityEvent } from './security-notices.js';
import { claimAccountToken, issueAccountToken, sendInBackground, TOKEN_TTL_MS, tokenLink } from './account-tokens.js';
import { deps, emailSchema } from './auth.js';
import { confirmPassword, consumeAttempt } from './throttle.js';

const changeInput = z.object({ newEmail: emailSchema, password: z.string().min(1).max(128) });

/**
 * Asks to change the viewer's email: the password is checked (failures count like failed logins), a confirmation
 * link (single use, 24 hours) goes to the new address and a notice to the current one. The email changes only when
 * the link is used (confirmEmailChange). An address already taken gets no link, and the answer is the same `true`
 * (nobody learns which addresses have accounts); confirming would fail anyway.
 */
export async function changeEmail(ctx: Context, input: unknown): Promise<boolean> {
  const viewer = requireAccountOwner(ctx);
  const data = parseInput(changeInput, input);
  const user = await ctx.prisma.user.findUniqueOrThrow({ where: { id: viewer.id } });
  await confirmPassword(deps(ctx).throttle, ctx.ip, user, data.password);
  if (data.newEmail === user.email) throw badInput('newEmail: this is already your address', { field: 'newEmail' });
  await consumeAttempt(deps(ctx).security.resendByUser, viewer.id, 'emails');
  const taken = await ctx.prisma.user.findUnique({ where: { email: data.newEmail }, select: { id: true } });
  if (!taken) {
    const { token } = await transact(ctx, { service: 'accounts' }, (tx) => issueAccountToken(ctx, tx, { userId: user.id, purpose: 'CHANGE_EMAIL', email: data.newEmail }));
    const mail = confirmEmailChangeMail({ url: tokenLink(ctx, 'confirm-email-change', token), hours: TOKEN_TTL_MS.CHANGE_EMAIL / 3_600_000 });
    sendInBackground(ctx, user.id, 'confirm-email-change', { to: data.newEmail, ...mail });
  }
  sendInBackground(ctx, user.id, 'email-change-notice', { to: user.email, ...emailChangeNoticeMail({ newEmail: data.newEmail }) });
  return true;
}

/** Confirms a change of email with the link's token (no sign-in needed): the new address is in use, and verified. */
export async function confirmEmailChange(ctx: Context, token: string): Promise<string> {
  return transact(ctx, { service: 'accounts' }, async (tx, after) => {
    const row = await claimAccountToken(tx, token, 'CHANGE_EMAIL');
    await tx.user
      .update({ where: { id: row.userId }, data: { email: row.email, emailVerifiedAt: new Date() } })
      .catch((error: unknown) => {
        if (isUniqueViolation(error)) throw conflict('This address has been taken by another account meanwhile.', { reason: 'EMAIL_TAKEN' });
        throw error;
      });
    // Links mailed to the old address (verification, reset) stop working.
    await tx.accountToken.updateMany({ where: { userId: row.userId, usedAt: null, purpose: { in: ['VERIFY_EMAIL', 'RESET_PASSWORD'] } }, data: { usedAt: new Date() } });
    await notifySecurityEvent(ctx, tx, row.userId, 'EMAIL_CHANGED');
    after.publish(AUTH_CHANGED_TOPIC, { userId: row.userId } satisfies AuthChangedEvent);
    return row.userId;
  });
}
