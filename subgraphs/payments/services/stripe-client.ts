import type Stripe from 'stripe';
import { onFirstUse } from '../../../shared/on-first-use.js';
import type { Config } from '../../../shared/config.js';
import { AppError, badInput, internal, paymentsNotConfigured } from '../../../shared/errors.js';

export type { Stripe };

/** The Stripe SDK client, or null when STRIPE_SECRET_KEY / STRIPE_WEBHOOK_SECRET are not set. */
export function createStripeClient(config: Config['stripe']): Stripe | null {
  if (!config.secretKey || !config.webhookSecret) return null;
  const StripeClient = onFirstUse<typeof Stripe>('stripe');
  return new StripeClient(config.secretKey, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    ...(config.apiHost ? { host: config.apiHost, port: config.apiPort, protocol: config.apiProtocol ?? 'https', maxNetworkRetries: 0 } : {}),
  });
}

export const notConfigured = () =>
  paymentsNotConfigured('Card payments are not configured on this server (STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET). An admin can grant credit with adjustBalance.');

/** A Stripe failure as a stable GraphQL error; the provider's message is kept, never its internals. */
export function stripeFailure(error: unknown, what: string): AppError {
  const e = error as { type?: string; code?: string; message?: string; decline_code?: string };
  if (e?.type === 'StripeCardError') {
    return badInput(`The card was declined (${e.decline_code ?? e.code ?? 'declined'}).`, { provider: 'stripe', stripeCode: e.code });
  }
  return internal(`The payment provider could not ${what}.`, { provider: 'stripe', stripeCode: e?.code ?? null });
}

/**
 * A refusal Stripe definitely made (4xx): nothing was transferred or refunded, so money reserved for it may be
 * restored. Not definite: network errors, 5xx, 429 (rate limit) and 409 / idempotency errors (a concurrent request
 * with the same key is still in flight) — restoring then could pay twice. Used by payouts and wallet refunds.
 */
export function isDefiniteRefusal(error: unknown): boolean {
  const e = error as { statusCode?: number; type?: string };
  return (
    typeof e?.statusCode === 'number' &&
    e.statusCode >= 400 &&
    e.statusCode < 500 &&
    e.statusCode !== 409 &&
    e.statusCode !== 429 &&
    e.type !== 'StripeIdempotencyError'
  );
}
