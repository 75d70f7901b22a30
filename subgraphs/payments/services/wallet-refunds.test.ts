import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { isDefiniteRefusal } from './stripe-client.js';
import { stripeRefundKey, walletRefundStatus } from './wallet-refunds.js';

// What the SDK throws for each answer (its own error factory), and whether the reserved cents may go back.
const thrown = (raw: { statusCode: number; type: string; code?: string; message?: string }) => Stripe.errors.StripeError.generate(raw as never);

describe('wallet refunds: which Stripe failures are definite', () => {
  it('restores only on a refusal Stripe certainly made', () => {
    expect(isDefiniteRefusal(thrown({ statusCode: 400, type: 'invalid_request_error', code: 'charge_disputed' }))).toBe(true);
    expect(isDefiniteRefusal(thrown({ statusCode: 404, type: 'invalid_request_error', code: 'resource_missing' }))).toBe(true);
    expect(isDefiniteRefusal(thrown({ statusCode: 402, type: 'card_error' }))).toBe(true);
    // Unknown outcomes: the refund may exist, so restoring could pay the client twice.
    expect(isDefiniteRefusal(thrown({ statusCode: 500, type: 'api_error' }))).toBe(false);
    expect(isDefiniteRefusal(thrown({ statusCode: 503, type: 'api_error' }))).toBe(false);
    expect(isDefiniteRefusal(thrown({ statusCode: 429, type: 'rate_limit_error' }))).toBe(false);
    expect(isDefiniteRefusal(thrown({ statusCode: 409, type: 'api_error', message: 'concurrent request with this key' }))).toBe(false);
    expect(isDefiniteRefusal(thrown({ statusCode: 400, type: 'idempotency_error' }))).toBe(false);
    expect(isDefiniteRefusal(new Stripe.errors.StripeConnectionError({ message: 'ECONNRESET' } as never))).toBe(false);
    expect(isDefiniteRefusal(new Error('socket hang up'))).toBe(false);
  });

  it('one Stripe key per (our key, PaymentIntent), within Stripe\'s 255 characters for the longest key we accept', () => {
    expect(stripeRefundKey('k'.repeat(8), 'pi_1')).toBe('wallet-refund:kkkkkkkk:pi_1');
    expect(stripeRefundKey('k'.repeat(200), `pi_${'x'.repeat(24)}`).length).toBeLessThanOrEqual(255);
  });

  it('a request\'s status follows its parts', () => {
    expect(walletRefundStatus([{ status: 'SUCCEEDED' }, { status: 'PROCESSING' }])).toBe('PROCESSING');
    expect(walletRefundStatus([{ status: 'SUCCEEDED' }, { status: 'SUCCEEDED' }])).toBe('SUCCEEDED');
    expect(walletRefundStatus([{ status: 'SUCCEEDED' }, { status: 'FAILED' }])).toBe('PARTIALLY_FAILED');
    expect(walletRefundStatus([{ status: 'FAILED' }])).toBe('FAILED');
  });
});
