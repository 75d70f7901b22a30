import type { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { rateLimited, type AppError } from './errors.js';

// The one way this project counts attempts (rate-limiter-flexible): the accounts throttle (sign-in, registration),
// community's per-user limiters and the gateway's per-class mutation limits (gateway/mutation-limits.ts) all build
// their limiters and spend their points here, and all answer RATE_LIMITED with extensions.retryAfterSeconds.

/** Builds a fixed-window limiter: `points` per `durationSeconds` per key. */
export type LimiterFactory = (keyPrefix: string, points: number, durationSeconds: number) => RateLimiterAbstract;

/**
 * Limiters counted in Redis (shared by every process on it) when a client is given, in this process's memory
 * otherwise. With `insurance`, a Redis limiter counts in memory while Redis is unreachable instead of failing.
 */
export function limiterFactory(redis: Redis | null, options: { prefix?: string; insurance?: boolean } = {}): LimiterFactory {
  const prefix = options.prefix ?? '';
  return (keyPrefix, points, duration) => {
    const full = `${prefix}${keyPrefix}`;
    if (!redis) return new RateLimiterMemory({ keyPrefix: full, points, duration });
    return new RateLimiterRedis({
      storeClient: redis,
      keyPrefix: full,
      points,
      duration,
      ...(options.insurance ? { insuranceLimiter: new RateLimiterMemory({ keyPrefix: full, points, duration }) } : {}),
    });
  };
}

/** RATE_LIMITED "Too many <what>. Try again in N seconds." with extensions.retryAfterSeconds (at least 1). */
export function rateLimitedError(msBeforeNext: number, what: string, details: Record<string, unknown> = {}): AppError {
  const retryAfterSeconds = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return rateLimited(`Too many ${what}. Try again in ${retryAfterSeconds} seconds.`, { ...details, retryAfterSeconds });
}

/**
 * Takes `points` from `key`'s budget, or throws RATE_LIMITED (rateLimitedError) when it is used up.
 * rate-limiter-flexible rejects with its RateLimiterRes when the budget is spent and with an Error when the store
 * failed: the latter propagates as it is (not the user's fault: INTERNAL).
 */
export async function consumePoints(
  limiter: RateLimiterAbstract,
  key: string,
  what: string,
  points = 1,
  details: Record<string, unknown> = {},
): Promise<void> {
  try {
    await limiter.consume(key, points);
  } catch (rejection) {
    if (rejection instanceof Error) throw rejection;
    const ms = (rejection as { msBeforeNext?: number }).msBeforeNext;
    if (typeof ms !== 'number') throw rejection;
    throw rateLimitedError(ms, what, details);
  }
}
