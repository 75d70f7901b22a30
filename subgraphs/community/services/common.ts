import type { Context } from '../../../shared/context.js';
import { consumePoints } from '../../../shared/rate-limit.js';
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
  await consumePoints(communityDeps(ctx).limiters[name], key, 'attempts');
}
