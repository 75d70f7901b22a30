import { createHmac, randomInt } from 'node:crypto';
import { depsOf, type Context } from '../../../shared/context.js';
import type { AccountTokenPurpose, Prisma } from '../../../shared/db/generated/client.js';
import { hashOpaqueToken, newOpaqueToken } from '../../../shared/auth/tokens.js';
import { badInput } from '../../../shared/errors.js';
import { errorField, logger } from '../../../shared/logger.js';
import type { OutgoingMail } from '../../../shared/mail/index.js';

const deps = (ctx: Context) => depsOf(ctx, 'accounts');

type Tx = Prisma.TransactionClient;

/** How long each kind of mailed token works. */
export const TOKEN_TTL_MS: Record<AccountTokenPurpose, number> = {
  VERIFY_EMAIL: 24 * 3_600_000,
  RESET_PASSWORD: 30 * 60_000,
  CHANGE_EMAIL: 24 * 3_600_000,
};

/** A 6-digit code's stored form: keyed by the token row and the deployment's secret, never the code itself. */
export const codeHash = (ctx: Context, tokenId: string, code: string) => createHmac('sha256', deps(ctx).jwtSecret).update(`${tokenId}:${code}`).digest('base64url');

/**
 * A new single-use token for `purpose` (any earlier unused one of the same purpose is spent: only the newest link
 * works). Only its SHA-256 hash is stored; `withCode` adds a 6-digit code (stored as an HMAC).
 */
export async function issueAccountToken(
  ctx: Context,
  tx: Tx,
  input: { userId: string; purpose: AccountTokenPurpose; email: string; withCode?: boolean },
): Promise<{ token: string; code: string | null }> {
  const now = new Date();
  await tx.accountToken.updateMany({ where: { userId: input.userId, purpose: input.purpose, usedAt: null }, data: { usedAt: now } });
  const { token, hash } = newOpaqueToken();
  const row = await tx.accountToken.create({
    data: { userId: input.userId, purpose: input.purpose, email: input.email, tokenHash: hash, expiresAt: new Date(now.getTime() + TOKEN_TTL_MS[input.purpose]) },
  });
  if (!input.withCode) return { token, code: null };
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await tx.accountToken.update({ where: { id: row.id }, data: { codeHash: codeHash(ctx, row.id, code) } });
  return { token, code };
}

/**
 * Spends a mailed token: it must exist for this purpose, be unused and unexpired; the claim is atomic (two uses
 * racing: one wins). Every refusal is the same BAD_USER_INPUT (reason INVALID_TOKEN), saying nothing of why.
 */
export async function claimAccountToken(tx: Tx, token: unknown, purpose: AccountTokenPurpose) {
  if (typeof token !== 'string' || token.length < 20 || token.length > 200) throw invalidToken();
  const row = await tx.accountToken.findUnique({ where: { tokenHash: hashOpaqueToken(token) } });
  if (!row || row.purpose !== purpose) throw invalidToken();
  const claimed = await tx.accountToken.updateMany({ where: { id: row.id, usedAt: null, expiresAt: { gt: new Date() } }, data: { usedAt: new Date() } });
  if (claimed.count !== 1) throw invalidToken();
  return row;
}

export const invalidToken = () =>
  badInput('This link or code is invalid, was already used or has expired; ask for a new one.', { field: 'token', reason: 'INVALID_TOKEN' });

/**
 * Sends an email without holding up the request (and without letting its duration tell anything): a failure is
 * logged with the user's id, never the address. The user can always ask again (resend, reset again).
 */
export function sendInBackground(ctx: Context, userId: string, kind: string, mail: OutgoingMail): void {
  void deps(ctx)
    .mailer.send(mail)
    .catch((error: unknown) => logger('accounts').warn({ ...errorField(error), userId, kind }, 'email could not be sent'));
}

/** A link into the client app carrying a token. */
export const tokenLink = (ctx: Context, route: string, token: string) => {
  const url = new URL(`${deps(ctx).appUrl}/${route}`);
  url.searchParams.set('token', token);
  return url.toString();
};
