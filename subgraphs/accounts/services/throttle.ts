import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import { consumePoints, rateLimitedError } from '../../../shared/rate-limit.js';
import { errorField, logger } from '../../../shared/logger.js';
import { verifyPassword } from '../../../shared/auth/passwords.js';
import { badInput } from '../../../shared/errors.js';

// Brute-force throttling of password checks and registrations (OWASP authentication cheat sheet): attempts are
// counted per IP and failures per (IP, email) with exponential backoff. Nothing is counted per email alone, so
// nobody can lock an account out by typing wrong passwords for it from elsewhere: the owner, from their own IP,
// still gets in. Unknown emails are counted exactly like known ones (nothing tells them apart).

export interface AuthThrottle {
  /** Every login attempt per IP (fixed window). */
  loginByIp: RateLimiterAbstract;
  /** Consecutive failed password checks per IP + email (a counter: never refuses by itself). */
  failures: RateLimiterAbstract;
  /** The current backoff block per IP + email (one point: blocked while over it). */
  backoff: RateLimiterAbstract;
  /** Failures per IP + email allowed before the backoff starts (1 s, then doubling). */
  freeFailures: number;
  /** The longest single backoff. */
  maxBackoffSeconds: number;
  /** Registration attempts per IP (fixed window). */
  registerByIp: RateLimiterAbstract;
}

const key = (ip: string | null, email: string) => `${ip ?? '-'}|${email}`;

/** Takes one point from a fixed-window limiter, or refuses with RATE_LIMITED and retryAfterSeconds. */
export async function consumeAttempt(limiter: RateLimiterAbstract, k: string, what: string): Promise<void> {
  await consumePoints(limiter, k, what);
}

/** Refuses (RATE_LIMITED) while this IP is backing off from failures on this email; before any password check. */
export async function checkBackoff(t: AuthThrottle, ip: string | null, email: string): Promise<void> {
  const res = await t.backoff.get(key(ip, email));
  if (res && res.consumedPoints > 1 && res.msBeforeNext > 0) throw rateLimitedError(res.msBeforeNext, 'failed attempts');
}

/** Counts a failed password check; past the free failures, blocks the next attempts for 1, 2, 4 … seconds. */
export async function recordFailure(t: AuthThrottle, ip: string | null, email: string): Promise<void> {
  const k = key(ip, email);
  const { consumedPoints } = await t.failures.penalty(k);
  const over = consumedPoints - t.freeFailures;
  if (over > 0) await t.backoff.block(k, Math.min(2 ** Math.min(over - 1, 30), t.maxBackoffSeconds));
}

/** A correct password from this IP forgets its failures on this email. */
export async function clearFailures(t: AuthThrottle, ip: string | null, email: string): Promise<void> {
  const k = key(ip, email);
  // Best effort: the sign-in already succeeded; stale counters only expire later than they would have.
  await Promise.all([t.failures.delete(k), t.backoff.delete(k)]).catch((error: unknown) =>
    logger('accounts').warn({ ...errorField(error) }, 'could not clear sign-in failure counters'),
  );
}

/**
 * Re-checks a signed-in user's password before a sensitive change (password, email, deletion): refused while this IP
 * backs off on this email, a wrong one counts like a failed login (BAD_USER_INPUT, reason WRONG_PASSWORD, on `field`),
 * a right one forgets the failures. One path, so none of these can be used to guess passwords faster than a login.
 */
export async function confirmPassword(
  t: AuthThrottle,
  ip: string | null,
  user: { email: string; passwordHash: string | null },
  password: string,
  field = 'password',
): Promise<void> {
  await checkBackoff(t, ip, user.email);
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, password))) {
    await recordFailure(t, ip, user.email);
    throw badInput(field === 'password' ? 'The password is incorrect.' : 'The current password is incorrect.', { field, reason: 'WRONG_PASSWORD' });
  }
  await clearFailures(t, ip, user.email);
}
