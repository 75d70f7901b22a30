import type { RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Context } from '../../../shared/context.js';
import { rateLimited } from '../../../shared/errors.js';
import type { AccountsPort, MoneyPort } from '../../../shared/ports.js';
import type { CommunityDeps, CommunityLimiters } from '../deps.js';
import { depsOf } from '../../../shared/context.js';
import { requireAccountsPort, requireMoneyPort } from '../../../shared/ports.js';

export function communityDeps(ctx: Pick<Context, 'deps'>): CommunityDeps {
  return depsOf(ctx, 'community');
}

/** Payments' money interface, or PAYMENTS_NOT_CONFIGURED when this deployment has none. */
export function requireMoney(ctx: Pick<Context, 'deps'>): MoneyPort {
  return requireMoneyPort(communityDeps(ctx).money, 'Payments are not configured on this server.');
}

/** Accounts' port, for effects on accounts' rows (shared/ports.ts); INTERNAL when this process was not wired with it. */
export function requireAccounts(ctx: Pick<Context, 'deps'>): AccountsPort {
  return requireAccountsPort(communityDeps(ctx).accounts, 'Accounts are not wired into this process.');
}

/** Spends one point of a per-user limiter; RATE_LIMITED (with retryAfterSeconds) when the budget is used up. */
export async function consume(ctx: Pick<Context, 'deps'>, name: keyof CommunityLimiters, key: string): Promise<void> {
  const limiter: RateLimiterAbstract = communityDeps(ctx).limiters[name];
  try {
    await limiter.consume(key);
  } catch (err) {
    // rate-limiter-flexible rejects with its RateLimiterRes when the budget is used up, with an Error when the
    // store failed (not the user's fault: it propagates as INTERNAL).
    if (err instanceof Error) throw err;
    const ms = (err as { msBeforeNext?: number }).msBeforeNext ?? 1000;
    const retryAfterSeconds = Math.max(1, Math.ceil(ms / 1000));
    throw rateLimited(`Too many attempts. Try again in ${retryAfterSeconds} seconds.`, { retryAfterSeconds });
  }
}
