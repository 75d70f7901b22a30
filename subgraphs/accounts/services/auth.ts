import type { Context, Role } from '../../../shared/context.js';
import { AppError, badInput, forbidden, unauthenticated } from '../../../shared/errors.js';
import { createAccessToken, hashOpaqueToken, newOpaqueToken } from '../../../shared/auth/tokens.js';
import { dummyHash, hashPassword, verifyPassword } from '../../../shared/auth/passwords.js';
import { parseInput, z } from '../../../shared/validation.js';
import { isUniqueViolation } from '../../../shared/db/client.js';
import { AUTH_CHANGED_TOPIC, type AuthChangedEvent } from '../../../shared/auth/auth-state.js';
import { transact } from '../../../shared/after-commit.js';
import { requireAccountOwner } from '../authz.js';
import type { AccountsDeps } from '../deps.js';
import { checkBackoff, clearFailures, consumeAttempt, recordFailure } from './throttle.js';
import { notifySecurityEvent } from './security-notices.js';
import { depsOf } from '../../../shared/context.js';
import { twoFactorRequired } from '../../../shared/errors.js';
import { startVerification } from './verification.js';
import { checkSecondFactor } from './two-factor.js';


/** The error for an account that may not do this (pending, suspended or banned), with a stable reason. */
export function accountNotActive(status: string): AppError {
  const message = status === 'PENDING' ? 'This account is not active yet.' : `This account is ${status.toLowerCase()}.`;
  return forbidden(message, { reason: `ACCOUNT_${status}` });
}

export const emailSchema = z
  .string()
  .trim()
  .max(254)
  .email('must be a valid email address')
  .transform((e) => e.toLowerCase());

/** At least 10 characters with a letter and a digit; at most 128 (argon2 input stays bounded). */
export const passwordSchema = z
  .string()
  .min(10, 'must be at least 10 characters')
  .max(128, 'must be at most 128 characters')
  .refine((p) => /[A-Za-z]/.test(p) && /\d/.test(p), 'must contain a letter and a digit');

const nameSchema = z.string().trim().min(1).max(60);

export function deps(ctx: Context): AccountsDeps {
  return depsOf(ctx, 'accounts');
}

export interface AuthResult {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
  userId: string;
}

/** Issues an access token and a new refresh token (optionally continuing a rotation family). */
export async function issueTokens(
  ctx: Context,
  user: { id: string; role: Role; authEpoch: number; emailVerifiedAt?: Date | null; twoFactorEnabledAt?: Date | null },
  familyId?: string,
): Promise<AuthResult> {
  const d = deps(ctx);
  const { token, hash } = newOpaqueToken();
  await ctx.prisma.refreshToken.create({
    data: {
      userId: user.id,
      tokenHash: hash,
      familyId: familyId ?? hash,
      expiresAt: new Date(Date.now() + d.refreshTokenTtlDays * 86_400_000),
      userAgent: ctx.userAgent,
      ipAddress: ctx.ip,
    },
  });
  const viewer = { id: user.id, role: user.role, emailVerified: !!user.emailVerifiedAt, twoFactor: !!user.twoFactorEnabledAt };
  const accessToken = await createAccessToken(viewer, d.jwtSecret, d.accessTokenTtlSeconds, user.authEpoch);
  // The rest of this request (the payload's `user` selection) is answered as the newly signed-in user.
  ctx.viewer = viewer;
  return {
    accessToken,
    refreshToken: token,
    expiresAt: new Date(Date.now() + d.accessTokenTtlSeconds * 1000),
    userId: user.id,
  };
}

const registerInput = z.object({
  email: emailSchema,
  password: passwordSchema,
  firstName: nameSchema.optional(),
  lastName: nameSchema.optional(),
});

/**
 * The refusal of an email that is taken: the same code and field as any other refused email, in the same time as
 * a registration that succeeds (the password is hashed first). That a valid new email gets tokens and a taken one
 * does not stays visible (no email verification yet); the per-IP limit keeps it from being probed in bulk.
 */
const EMAIL_NOT_ACCEPTED = 'cannot be used to register; sign in, or register with another address';
const emailNotAccepted = () =>
  badInput(`email: ${EMAIL_NOT_ACCEPTED}`, { field: 'email', issues: [{ field: 'email', message: EMAIL_NOT_ACCEPTED }] });

export async function register(ctx: Context, input: unknown): Promise<AuthResult> {
  const data = parseInput(registerInput, input);
  if (ctx.ip) await consumeAttempt(deps(ctx).throttle.registerByIp, ctx.ip, 'registrations');
  const passwordHash = await hashPassword(data.password);
  const user = await ctx.prisma.user
    .create({
      data: {
        email: data.email,
        passwordHash,
        role: 'CLIENT',
        status: 'ACTIVE',
        clientProfile: { create: { firstName: data.firstName, lastName: data.lastName, preferences: {} } },
      },
    })
    .catch((error: unknown) => {
      // The unique index decides, also between two registrations racing for one email.
      if (isUniqueViolation(error)) throw emailNotAccepted();
      throw error;
    });
  // Signed in at once, unverified: browsing works; paying and messaging wait for the link or code mailed now.
  await startVerification(ctx, user);
  return issueTokens(ctx, user);
}

const loginInput = z.object({ email: emailSchema, password: z.string().min(1).max(128), totpCode: z.string().trim().max(40).nullish() });

export async function login(ctx: Context, input: unknown): Promise<AuthResult> {
  const data = parseInput(loginInput, input);
  const t = deps(ctx).throttle;
  if (ctx.ip) await consumeAttempt(t.loginByIp, ctx.ip, 'login attempts');
  await checkBackoff(t, ctx.ip, data.email);

  // An unknown email (or an account without a password) is checked against a dummy hash: same time, same answer.
  const user = await ctx.prisma.user.findUnique({ where: { email: data.email } });
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), data.password);
  if (!user || !user.passwordHash || !ok) {
    await recordFailure(t, ctx.ip, data.email);
    throw unauthenticated('Email or password is incorrect.', { reason: 'BAD_CREDENTIALS' });
  }
  await clearFailures(t, ctx.ip, data.email);
  // Only the holder of the right password learns that the account is suspended, banned or pending.
  if (user.status !== 'ACTIVE') throw accountNotActive(user.status);
  // Two-factor: only the holder of the right password learns that a second factor is needed; a wrong code counts
  // as a failed attempt (same backoff as a wrong password).
  if (user.twoFactorEnabledAt) {
    if (!data.totpCode) throw twoFactorRequired('Enter the code from your authenticator app (or a recovery code) as totpCode.', { reason: 'TOTP_CODE_REQUIRED' });
    if (!(await checkSecondFactor(ctx.prisma, user, data.totpCode))) {
      await recordFailure(t, ctx.ip, data.email);
      throw unauthenticated('The two-factor code is wrong or was already used.', { reason: 'BAD_TWO_FACTOR_CODE' });
    }
  }
  await transact(ctx, { service: 'accounts' }, async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
    await notifySecurityEvent(ctx, tx, user.id, 'NEW_LOGIN');
  });
  return issueTokens(ctx, user);
}

/**
 * Rotates a refresh token. Presenting a token that was already rotated or revoked is treated as theft:
 * the whole family is revoked and the caller must sign in again.
 */
export async function refresh(ctx: Context, refreshToken: string): Promise<AuthResult> {
  if (typeof refreshToken !== 'string' || refreshToken.length < 20 || refreshToken.length > 200) {
    throw unauthenticated('The refresh token is invalid.');
  }
  const hash = hashOpaqueToken(refreshToken);
  const row = await ctx.prisma.refreshToken.findUnique({ where: { tokenHash: hash }, include: { user: true } });
  if (!row) throw unauthenticated('The refresh token is invalid.');
  // A suspended or banned user's tokens were revoked with the status change; say why rather than "reused".
  if (row.user.status !== 'ACTIVE') {
    throw accountNotActive(row.user.status);
  }
  const now = new Date();
  if (row.revokedAt || row.replacedById) {
    await ctx.prisma.refreshToken.updateMany({ where: { familyId: row.familyId, revokedAt: null }, data: { revokedAt: now } });
    throw unauthenticated('The refresh token was already used; sign in again.');
  }
  if (row.expiresAt <= now) throw unauthenticated('The refresh token has expired.');
  // Claim the token atomically so two concurrent refreshes cannot both rotate it.
  const claimed = await ctx.prisma.refreshToken.updateMany({
    where: { id: row.id, revokedAt: null, replacedById: null },
    data: { revokedAt: now, replacedById: 'rotating' },
  });
  if (claimed.count !== 1) throw unauthenticated('The refresh token was already used; sign in again.');
  const result = await issueTokens(ctx, row.user, row.familyId);
  await ctx.prisma.refreshToken.update({
    where: { id: row.id },
    data: { replacedById: hashOpaqueToken(result.refreshToken) },
  });
  return result;
}

/**
 * Revokes the given refresh token, or with allDevices every refresh token of the viewer and (a new auth epoch)
 * every access token, this one included: published after commit, so the gateways refuse them within seconds.
 */
export async function logout(ctx: Context, refreshToken: string | null | undefined, allDevices: boolean): Promise<boolean> {
  const now = new Date();
  if (allDevices) {
    const userId = requireAccountOwner(ctx).id;
    await transact(ctx, { service: 'accounts' }, async (tx, after) => {
      await tx.refreshToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
      await tx.user.update({ where: { id: userId }, data: { authEpoch: { increment: 1 } } });
      after.publish(AUTH_CHANGED_TOPIC, { userId } satisfies AuthChangedEvent);
    });
    return true;
  }
  if (!refreshToken) throw badInput('refreshToken is required unless allDevices is true.', { field: 'refreshToken' });
  await ctx.prisma.refreshToken.updateMany({
    where: { tokenHash: hashOpaqueToken(refreshToken), revokedAt: null },
    data: { revokedAt: now },
  });
  return true;
}
