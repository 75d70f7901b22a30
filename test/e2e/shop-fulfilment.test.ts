import { beforeAll, describe, expect, it } from 'vitest';
import { CancelOrderDocument, MarkOrderDeliveredDocument, MarkOrderShippedDocument, OrderDocument, OrderUpdatedDocument, ProductDocument, RefundOrderDocument } from '../generated/graphql.js';
import { errorCode, type TestFederation } from '../helpers/federation.js';
import type { FakeStripe } from '../fakes/stripe.js';
import type { Seed, TestUser } from '../helpers/seed.js';
import { useStripeFederation } from './payments-stripe-fixtures.js';
import { connect, eventually, subscribe } from './subscriptions-fixtures.js';
import { ADDRESS, balanceOf, order, product, uid } from './shop-fixtures.js';

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

/** A buyer with credit and their PAID wallet order of `quantity` units of a new physical product of `reader`. */
async function paidOrder(priceCents = 1000, quantity = 1, stock = 5) {
  const buyer = await seed.client().withCredit(20_000).create();
  const item = await product(fed, reader, { priceCents, stockQuantity: stock });
  const res = await order(fed, buyer, [{ productId: item.id, quantity }], { shippingAddress: ADDRESS });
  expect(res.errors).toBeUndefined();
  return { buyer, item, order: res.data!.placeOrder.order };
}
const stockOf = async (id: string) => (await fed.run(ProductDocument, { id }, admin.token)).data!.product.stockQuantity;
const ship = (orderId: string, token: string) => fed.run(MarkOrderShippedDocument, { orderId, carrier: 'UPS', trackingNumber: '1Z 999 AA1' }, token);

describe('physical delivery', () => {
  it('the seller ships with carrier and tracking; the buyer sees it and is told over orderUpdated; then delivered', async () => {
    const { buyer, order: placed } = await paidOrder();
    const ws = connect(fed.gateway.wsUrl, buyer.token);
    const before = fed.pubsub.listenerCount();
    const sub = subscribe(ws, OrderUpdatedDocument);
    try {
      await eventually(() => fed.pubsub.listenerCount(), (n) => n > before);
      const shipped = await ship(placed.id, reader.token);
      expect(shipped.errors).toBeUndefined();
      const event = await sub.next(15_000);
      expect(event.data!.orderUpdated).toMatchObject({ id: placed.id, status: 'SHIPPED', carrier: 'UPS', trackingNumber: '1Z 999 AA1' });
      const seen = (await fed.run(OrderDocument, { id: placed.id }, buyer.token)).data!.order;
      expect(seen).toMatchObject({ status: 'SHIPPED', carrier: 'UPS', trackingNumber: '1Z 999 AA1', shippingAddress: { country: 'US' } });
      expect(seen.shippedAt).toBeTruthy();
      expect((await fed.run(MarkOrderDeliveredDocument, { orderId: placed.id }, reader.token)).data!.markOrderDelivered.status).toBe('DELIVERED');
      expect((await sub.next(15_000)).data!.orderUpdated.status).toBe('DELIVERED');
      const audit = await fed.db.sql<{ action: string }>(`SELECT action FROM audit_logs WHERE entity_id = $1 ORDER BY created_at`, [placed.id]);
      expect(audit.map((a) => a.action)).toEqual(['shop:order.paid', 'shop:order.shipped', 'shop:order.delivered']);
    } finally {
      sub.stop();
      await ws.dispose();
    }
  });

  it('only the seller or an admin ships; bad tracking input is refused; transitions out of order are CONFLICTs', async () => {
    const { buyer, order: placed } = await paidOrder();
    const stranger = await seed.reader().create();
    expect(errorCode(await ship(placed.id, buyer.token))).toBe('FORBIDDEN');
    expect(errorCode(await ship(placed.id, stranger.token))).toBe('NOT_FOUND');
    expect(errorCode(await fed.run(MarkOrderShippedDocument, { orderId: placed.id, carrier: 'UPS', trackingNumber: '<script>' }, reader.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await fed.run(MarkOrderDeliveredDocument, { orderId: placed.id }, reader.token))).toBe('CONFLICT');
    expect((await ship(placed.id, admin.token)).data!.markOrderShipped.status).toBe('SHIPPED');
    expect(errorCode(await ship(placed.id, reader.token))).toBe('CONFLICT');
    expect(errorCode(await fed.run(CancelOrderDocument, { orderId: placed.id }, buyer.token))).toBe('CONFLICT');
  });

  it('a service order is delivered without shipping; shipping it is refused', async () => {
    const buyer = await seed.client().withCredit(5000).create();
    const service = await product(fed, reader, { type: 'SERVICE', priceCents: 3000 });
    const placed = (await order(fed, buyer, [{ productId: service.id }])).data!.placeOrder.order;
    expect(errorCode(await ship(placed.id, reader.token))).toBe('BAD_USER_INPUT');
    expect((await fed.run(MarkOrderDeliveredDocument, { orderId: placed.id }, reader.token)).data!.markOrderDelivered.status).toBe('DELIVERED');
  });
});

describe('cancellations', () => {
  it('the buyer cancels a paid, unshipped order: refunded in full to the wallet, the seller\'s share reversed, stock returned', async () => {
    const { buyer, item, order: placed } = await paidOrder(1333, 2);
    const earnings = await balanceOf(fed, `earnings:${reader.id}`);
    expect(await stockOf(item.id)).toBe(3);
    const res = await fed.run(CancelOrderDocument, { orderId: placed.id, reason: 'changed my mind' }, buyer.token);
    expect(res.errors).toBeUndefined();
    expect(res.data!.cancelOrder).toMatchObject({ status: 'CANCELLED', refundedCents: 2666 });
    expect(await balanceOf(fed, `wallet:${buyer.id}`)).toBe(20_000);
    expect(earnings - (await balanceOf(fed, `earnings:${reader.id}`))).toBe(1866);
    expect(await stockOf(item.id)).toBe(5);
    expect(errorCode(await fed.run(CancelOrderDocument, { orderId: placed.id }, buyer.token))).toBe('CONFLICT');
  });

  it('another buyer cannot cancel it (NOT_FOUND); the seller can', async () => {
    const { order: placed } = await paidOrder();
    const stranger = await seed.client().create();
    expect(errorCode(await fed.run(CancelOrderDocument, { orderId: placed.id }, stranger.token))).toBe('NOT_FOUND');
    expect((await fed.run(CancelOrderDocument, { orderId: placed.id }, reader.token)).data!.cancelOrder.status).toBe('CANCELLED');
  });

  it('a sold-out product comes back on sale when its last units are returned', async () => {
    const { buyer, item, order: placed } = await paidOrder(1000, 2, 2);
    expect((await fed.run(ProductDocument, { id: item.id }, admin.token)).data!.product.status).toBe('OUT_OF_STOCK');
    await fed.run(CancelOrderDocument, { orderId: placed.id }, buyer.token);
    expect((await fed.run(ProductDocument, { id: item.id }, admin.token)).data!.product).toMatchObject({ status: 'ACTIVE', stockQuantity: 2 });
  });
});

describe('refunds', () => {
  it('partial refunds reverse the seller\'s share in proportion (floored) and add up exactly; the last one makes it REFUNDED', async () => {
    const { buyer, order: placed } = await paidOrder(1001, 1);
    await ship(placed.id, reader.token);
    const earnings0 = await balanceOf(fed, `earnings:${reader.id}`);
    // The reader earned floor(1001 × 0.7) = 700.
    const first = await fed.run(RefundOrderDocument, { input: { orderId: placed.id, amountCents: 333, to: 'WALLET', idempotencyKey: uid('rf') } }, reader.token);
    expect(first.errors).toBeUndefined();
    expect(first.data!.refundOrder).toMatchObject({ status: 'SHIPPED', refundedCents: 333 });
    expect(earnings0 - (await balanceOf(fed, `earnings:${reader.id}`))).toBe(Math.floor((333 * 700) / 1001));
    const key = uid('rf');
    const rest = await fed.run(RefundOrderDocument, { input: { orderId: placed.id, to: 'WALLET', idempotencyKey: key } }, admin.token);
    expect(rest.data!.refundOrder).toMatchObject({ status: 'REFUNDED', refundedCents: 1001 });
    expect(earnings0 - (await balanceOf(fed, `earnings:${reader.id}`))).toBe(700);
    expect(await balanceOf(fed, `wallet:${buyer.id}`)).toBe(20_000);
    // A replay changes nothing; more than was paid is refused.
    expect((await fed.run(RefundOrderDocument, { input: { orderId: placed.id, to: 'WALLET', idempotencyKey: key } }, admin.token)).errors).toBeUndefined();
    expect(await balanceOf(fed, `wallet:${buyer.id}`)).toBe(20_000);
    expect(errorCode(await fed.run(RefundOrderDocument, { input: { orderId: placed.id, amountCents: 1, to: 'WALLET', idempotencyKey: uid('rf') } }, admin.token))).toBe('CONFLICT');
  });

  it('refuses the buyer, strangers, over-refunds and card refunds of wallet orders', async () => {
    const { buyer, order: placed } = await paidOrder(1000);
    const stranger = await seed.reader().create();
    const input = (more: Record<string, unknown> = {}) => ({ input: { orderId: placed.id, to: 'WALLET' as const, idempotencyKey: uid('rf'), ...more } });
    expect(errorCode(await fed.run(RefundOrderDocument, input(), buyer.token))).toBe('FORBIDDEN');
    expect(errorCode(await fed.run(RefundOrderDocument, input(), stranger.token))).toBe('NOT_FOUND');
    expect(errorCode(await fed.run(RefundOrderDocument, input({ amountCents: 1001 }), reader.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await fed.run(RefundOrderDocument, input({ to: 'CARD' }), reader.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await fed.run(RefundOrderDocument, input({ amountCents: -5 }), reader.token))).toBe('BAD_USER_INPUT');
    expect(await balanceOf(fed, `wallet:${buyer.id}`)).toBe(19_000);
  });

  it('a card order refunded to the card: one Stripe refund with the idempotency key, Stripe clearing pays it back', async () => {
    const buyer = await seed.client().create();
    const item = await product(fed, reader, { type: 'SERVICE', priceCents: 4000 });
    const placed = (await order(fed, buyer, [{ productId: item.id }], { paymentMethod: 'CARD' })).data!.placeOrder.order;
    await stack.deliver(stripe.succeed(placed.paymentIntentId!));
    const res = await fed.run(RefundOrderDocument, { input: { orderId: placed.id, amountCents: 1500, to: 'CARD', idempotencyKey: uid('card') } }, admin.token);
    expect(res.data!.refundOrder).toMatchObject({ status: 'PAID', refundedCents: 1500 });
    await expect.poll(() => [...stripe.refunds.values()].filter((r) => r.payment_intent === placed.paymentIntentId).map((r) => r.amount)).toEqual([1500]);
    expect(await balanceOf(fed, `wallet:${buyer.id}`)).toBe(0);
  });
});
