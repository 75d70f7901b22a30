import { randomBytes } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';
import { depsOf, type Context } from '../../../shared/context.js';
import type { Prisma } from '../../../shared/db/generated/client.js';
import { AUTH_CHANGED_TOPIC, type AuthChangedEvent } from '../../../shared/auth/auth-state.js';
import { hashOpaqueToken } from '../../../shared/auth/tokens.js';
import { transact } from '../../../shared/after-commit.js';
import { requireViewer } from '../../../shared/authz.js';
import { badInput, conflict } from '../../../shared/errors.js';
import { consumeAttempt } from './throttle.js';

const deps = (ctx: Context) => depsOf(ctx, 'accounts');

/**
 * Two-factor authentication: TOTP (RFC 6238: SHA-1, 6 digits, 30 s, one step of clock drift either way) with 10
 * single-use recovery codes stored as hashes. A TOTP code is accepted once (the last step used is stored).
 * Required for admins (shared/authz.ts: an admin without it is refused every admin action, TWO_FACTOR_REQUIRED) and
 * before changing payout details.
 */

type Tx = Prisma.TransactionClient;
const RECOVERY_CODES = 10;
const totpFor = (secret: string, label: string) =>
  new TOTP({ issuer: 'SoulSeer', label, algorithm: 'SHA1', digits: 6, period: 30, secret: Secret.fromBase32(secret) });

/** A recovery code's normal form (case, spaces and dashes ignored) and stored hash. */
const recoveryHash = (code: string) => hashOpaqueToken(`recovery:${code.replace(/[\s-]/g, '').toLowerCase()}`);

/**
 * Checks a second factor for a user with 2FA on: a current TOTP code (not used before) or an unused recovery code
 * (spent now). Returns whether it was accepted; writes in `tx`.
 */
export async function checkSecondFactor(tx: Tx, user: { id: string; email: string; twoFactorSecret: string | null; twoFactorLastStep: number | null }, code: string): Promise<boolean> {
  const trimmed = code.replace(/\s/g, '');
  if (/^\d{6}$/.test(trimmed)) {
    if (!user.twoFactorSecret) return false;
    const totp = totpFor(user.twoFactorSecret, user.email);
    const delta = totp.validate({ token: trimmed, window: 1 });
    if (delta === null) return false;
    const step = totp.counter() + delta;
    // Atomic: a code (its time step or an older one) is accepted once, even by two logins racing.
    const spent = await tx.user.updateMany({
      where: { id: user.id, OR: [{ twoFactorLastStep: null }, { twoFactorLastStep: { lt: step } }] },
      data: { twoFactorLastStep: step },
    });
    return spent.count === 1;
  }
  if (trimmed.length < 8 || trimmed.length > 40) return false;
  const spent = await tx.recoveryCode.updateMany({ where: { userId: user.id, codeHash: recoveryHash(trimmed), usedAt: null }, data: { usedAt: new Date() } });
  return spent.count === 1;
}

/** Starts enrolment: a new secret (not in force until confirmTwoFactor). CONFLICT when 2FA is already on. */
export async function enableTwoFactor(ctx: Context): Promise<{ secret: string; otpauthUri: string }> {
  const viewer = requireViewer(ctx);
  const user = await ctx.prisma.user.findUniqueOrThrow({ where: { id: viewer.id } });
  if (user.twoFactorEnabledAt) throw conflict('Two-factor authentication is already on; disable it first to start again.', { reason: 'TWO_FACTOR_ON' });
  const secret = new Secret({ size: 20 }).base32;
  await ctx.prisma.user.update({ where: { id: user.id }, data: { twoFactorSecret: secret, twoFactorLastStep: null } });
  return { secret, otpauthUri: totpFor(secret, user.email).toString() };
}

/** Turns 2FA on with a code from the app; returns the recovery codes, shown this once (only hashes are kept). */
export async function confirmTwoFactor(ctx: Context, code: string): Promise<string[]> {
  const viewer = requireViewer(ctx);
  await consumeAttempt(deps(ctx).security.codeTries, viewer.id, 'code tries');
  return transact(ctx, { service: 'accounts' }, async (tx, after) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: viewer.id } });
    if (user.twoFactorEnabledAt) throw conflict('Two-factor authentication is already on.', { reason: 'TWO_FACTOR_ON' });
    if (!user.twoFactorSecret) throw conflict('Call enableTwoFactor first.', { reason: 'TWO_FACTOR_NOT_STARTED' });
    if (!/^\d{6}$/.test(code.trim()) || !(await checkSecondFactor(tx, user, code))) throw wrongCode();
    const codes = Array.from({ length: RECOVERY_CODES }, () => {
      const raw = randomBytes(8).toString('hex');
      return `${raw.slice(0, 4)}-${raw.slice(4, 8)}-${raw.slice(8, 12)}-${raw.slice(12)}`;
    });
    await tx.recoveryCode.deleteMany({ where: { userId: user.id } });
    await tx.recoveryCode.createMany({ data: codes.map((c) => ({ userId: user.id, codeHash: recoveryHash(c) })) });
    await tx.user.update({ where: { id: user.id }, data: { twoFactorEnabledAt: new Date() } });
    after.publish(AUTH_CHANGED_TOPIC, { userId: user.id } satisfies AuthChangedEvent);
    return codes;
  });
}

/** Turns 2FA off with a current code or a recovery code (an admin then loses admin actions until it is on again). */
export async function disableTwoFactor(ctx: Context, code: string): Promise<boolean> {
  const viewer = requireViewer(ctx);
  await consumeAttempt(deps(ctx).security.codeTries, viewer.id, 'code tries');
  return transact(ctx, { service: 'accounts' }, async (tx, after) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: viewer.id } });
    if (!user.twoFactorEnabledAt) throw conflict('Two-factor authentication is not on.', { reason: 'TWO_FACTOR_OFF' });
    if (!(await checkSecondFactor(tx, user, code))) throw wrongCode();
    await tx.recoveryCode.deleteMany({ where: { userId: user.id } });
    await tx.user.update({ where: { id: user.id }, data: { twoFactorEnabledAt: null, twoFactorSecret: null, twoFactorLastStep: null } });
    after.publish(AUTH_CHANGED_TOPIC, { userId: user.id } satisfies AuthChangedEvent);
    return true;
  });
}

const wrongCode = () => badInput('The code is wrong or was already used.', { field: 'code', reason: 'BAD_TWO_FACTOR_CODE' });
