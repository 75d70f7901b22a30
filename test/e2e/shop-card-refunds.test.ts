import { beforeAll, describe, expect, it } from 'vitest';
import { OrderCardRefundsDocument, RefundOrderDocument, type CardRefundStatus } from '../generated/graphql.js';
import { errorCode, type TestFederation } from '../helpers/federation.js';
import type { FakeStripe } from '../fakes/stripe.js';
import type { Seed, TestUser } from '../helpers/seed.js';
import { useStripeFederation } from './payments-stripe-fixtures.js';
import { balanceOf, order, product, uid } from './shop-fixtures.js';

// Card refunds of shop orders are tracked like refunds of wallet balance: one order_card_refunds row per Stripe
// refund, sent by a durable job with the same idempotency key on every attempt, settled by the refund webhooks,
// listed for admins and covered by the reconciliation (checked clean after the file by useStripeFederation).
const stack = useStripeFederation();
let fed: TestFederation;
let seed: Seed;
let stripe: FakeStripe;
let admin: TestUser;
let reader: TestUser;
beforeAll(async () => {
  ({ fed, stripe, admin, seed } = stack);
  reader = await seed.reader().create();
});

/** A buyer's card order of `priceCents`, paid by the verified webhook. */
async function paidCardOrder(priceCents: number) {
  const buyer = await seed.client().create();
  const item = await product(fed, reader, { type: 'DIGITAL', priceCents });
  const placed = (await order(fed, buyer, [{ productId: item.id }], { paymentMethod: 'CARD' })).data!.placeOrder.order;
  expect((await stack.deliver(stripe.succeed(placed.paymentIntentId!))).status).toBe(200);
  return { buyer, orderId: placed.id, pi: placed.paymentIntentId! };
}
const refundToCard = (orderId: string, amountCents: number, idempotencyKey = uid('card')) =>
  fed.run(RefundOrderDocument, { input: { orderId, amountCents, to: 'CARD', reason: 'damaged', idempotencyKey } }, admin.token);
const cardRefunds = async (orderId: string, token = admin.token) => (await fed.run(OrderCardRefundsDocument, { orderId }, token)).data?.orderCardRefunds.edges.map((e) => e.node) ?? [];
const untilStatus = (orderId: string, status: CardRefundStatus) =>
  expect.poll(async () => (await cardRefunds(orderId)).map((r) => r.status), { timeout: 20_000, interval: 200 }).toEqual([status]);
const stripeCalls = (pi: string) => stripe.requests.filter((r) => r.method === 'POST' && r.path === '/v1/refunds' && r.params.payment_intent === pi);
const stripeRefunds = (pi: string) => [...stripe.refunds.values()].filter((r) => r.payment_intent === pi);

describe('card refunds of orders', () => {
  it('is recorded with the ledger refund and sent by the job; repeating the refund key sends nothing more', async () => {
    const { buyer, orderId, pi } = await paidCardOrder(4000);
    const key = uid('card');
    const res = await refundToCard(orderId, 1500, key);
    expect(res.errors).toBeUndefined();
    await untilStatus(orderId, 'SUCCEEDED');
    const [row] = await cardRefunds(orderId);
    expect(row).toMatchObject({ amountCents: 1500, paymentIntentId: pi, attempts: 1, stripeStatus: 'succeeded', transaction: { amountCents: 1500 }, walletCreditTransaction: null });
    expect(row!.stripeRefundId).toBe(stripeRefunds(pi)[0]!.id);
    expect(stripeCalls(pi).map((c) => [c.idempotencyKey, c.params['metadata[orderCardRefundId]']])).toEqual([[`order-refund:${orderId}:${key}`, row!.id]]);

    expect((await refundToCard(orderId, 1500, key)).errors).toBeUndefined();
    await new Promise((r) => setTimeout(r, 300));
    expect(await cardRefunds(orderId)).toHaveLength(1);
    expect(stripeRefunds(pi).map((r) => r.amount)).toEqual([1500]);
    expect(await balanceOf(fed, `wallet:${buyer.id}`)).toBe(0);
  });

  it('Stripe unreachable once: the job retries with the same key and the card is refunded once', async () => {
    const { orderId, pi } = await paidCardOrder(3000);
    stripe.refundOutage = true;
    try {
      expect((await refundToCard(orderId, 3000)).data!.refundOrder.status).toBe('REFUNDED');
      await expect.poll(async () => (await cardRefunds(orderId))[0]?.attempts ?? 0, { timeout: 10_000, interval: 100 }).toBeGreaterThanOrEqual(1);
      expect((await cardRefunds(orderId))[0]).toMatchObject({ status: 'PROCESSING', stripeRefundId: null });
    } finally {
      stripe.refundOutage = false;
    }
    await untilStatus(orderId, 'SUCCEEDED');
    const keys = new Set(stripeCalls(pi).map((c) => c.idempotencyKey));
    expect(stripeCalls(pi).length).toBeGreaterThanOrEqual(2);
    expect(keys.size).toBe(1);
    expect(stripeRefunds(pi).map((r) => r.amount)).toEqual([3000]);
  });

  it('a refusal by Stripe fails it and credits the buyer\'s wallet once; the order stays refunded', async () => {
    const { buyer, orderId, pi } = await paidCardOrder(2500);
    stripe.failRefunds = true;
    try {
      await refundToCard(orderId, 1000);
      await untilStatus(orderId, 'FAILED');
    } finally {
      stripe.failRefunds = false;
    }
    const [row] = await cardRefunds(orderId);
    expect(row).toMatchObject({ failureReason: expect.stringContaining('Stripe refused the refund'), walletCreditTransaction: { amountCents: 1000, type: 'ADJUSTMENT' } });
    expect(await balanceOf(fed, `wallet:${buyer.id}`)).toBe(1000);
    expect(stripeRefunds(pi)).toEqual([]);
    const audit = await fed.db.sql<{ action: string }>(`SELECT action FROM audit_logs WHERE entity_id = $1 ORDER BY created_at`, [row!.id]);
    expect(audit.map((a) => a.action)).toEqual(['payments:order_card_refund', 'payments:order_card_refund_failed']);
  });

  it('an unknown outcome settled by the refund webhook; a later failure credits the wallet once however often delivered', async () => {
    const { buyer, orderId, pi } = await paidCardOrder(2000);
    stripe.refundOutage = true;
    let row;
    try {
      await refundToCard(orderId, 2000);
      await expect.poll(async () => (await cardRefunds(orderId))[0]?.attempts ?? 0, { timeout: 10_000, interval: 100 }).toBeGreaterThanOrEqual(1);
      [row] = await cardRefunds(orderId);
      // Stripe made the refund after all: its webhook names our row in the metadata, before the job knows.
      const made = { id: uid('re_late'), object: 'refund', amount: 2000, currency: 'usd', payment_intent: pi, status: 'succeeded', metadata: { orderCardRefundId: row!.id } };
      expect((await stack.deliver(stripe.event('refund.updated', made))).status).toBe(200);
      expect((await cardRefunds(orderId))[0]).toMatchObject({ status: 'SUCCEEDED', stripeRefundId: made.id, stripeStatus: 'succeeded' });
      // A late "pending" copy does not undo it.
      expect((await stack.deliver(stripe.event('refund.updated', { ...made, status: 'pending' }))).status).toBe(200);
      expect((await cardRefunds(orderId))[0]!.status).toBe('SUCCEEDED');

      const failed = { ...made, status: 'failed', failure_reason: 'expired_or_canceled_card' };
      const delivery = stripe.event('refund.failed', failed);
      const statuses = await Promise.all([delivery, delivery, stripe.event('charge.refund.updated', failed)].map(async (d) => (await stack.deliver(d)).status));
      expect(statuses).toEqual([200, 200, 200]);
    } finally {
      stripe.refundOutage = false;
    }
    expect((await cardRefunds(orderId))[0]).toMatchObject({ status: 'FAILED', failureReason: 'Stripe refund failed: expired_or_canceled_card', walletCreditTransaction: { amountCents: 2000 } });
    expect(await balanceOf(fed, `wallet:${buyer.id}`)).toBe(2000);
    // The job's retry finds it settled and asks Stripe nothing more.
    const calls = stripeCalls(pi).length;
    await new Promise((r) => setTimeout(r, 3500));
    expect(stripeCalls(pi).length).toBe(calls);
    expect(stripeRefunds(pi)).toEqual([]);
  });

  it('only admins with the refund right list card refunds', async () => {
    const { orderId } = await paidCardOrder(1200);
    await refundToCard(orderId, 200);
    const support = await seed.admin().withRoles('SUPPORT').create();
    const moderator = await seed.admin().withRoles('MODERATOR').create();
    const client = await seed.client().create();
    await untilStatus(orderId, 'SUCCEEDED');
    expect(await cardRefunds(orderId, support.token)).toHaveLength(1);
    expect(errorCode(await fed.run(OrderCardRefundsDocument, { orderId }, moderator.token))).toBe('FORBIDDEN');
    expect(errorCode(await fed.run(OrderCardRefundsDocument, { orderId }, client.token))).toBe('FORBIDDEN');
    const processing = (await fed.run(OrderCardRefundsDocument, { status: 'SUCCEEDED' }, admin.token)).data!.orderCardRefunds.edges;
    expect(processing.every((e) => e.node.status === 'SUCCEEDED')).toBe(true);
  });
});
