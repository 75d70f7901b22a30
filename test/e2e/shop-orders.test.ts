import { beforeAll, describe, expect, it } from 'vitest';
import { OrderDocument, OrdersDocument, PlaceOrderDocument, ProductDocument } from '../generated/graphql.js';
import { errorCode, type TestFederation } from '../helpers/federation.js';
import type { FakeStripe } from '../fakes/stripe.js';
import type { Seed, TestUser } from '../helpers/seed.js';
import { useStripeFederation } from './payments-stripe-fixtures.js';
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

describe('wallet orders', () => {
  it('one ledger transaction pays the seller their floored share and the platform the rest; stock is taken', async () => {
    const buyer = await seed.client().withCredit(10_000).create();
    const crystal = await product(fed, reader, { priceCents: 1333, stockQuantity: 5 });
    const earningsBefore = await balanceOf(fed, `earnings:${reader.id}`);
    const revenueBefore = await balanceOf(fed, 'platform:revenue');
    const res = await order(fed, buyer, [{ productId: crystal.id, quantity: 2 }], { shippingAddress: ADDRESS });
    expect(res.errors).toBeUndefined();
    const placed = res.data!.placeOrder.order;
    expect(placed).toMatchObject({ status: 'PAID', totalAmountCents: 2666, paymentMethod: 'WALLET', buyer: { id: buyer.id } });
    // 70% of 2666 = 1866.2 → the reader gets 1866 (floored), the platform 800.
    expect(placed.items[0]).toMatchObject({ quantity: 2, priceCents: 1333, amountCents: 2666, sellerShareCents: 1866 });
    expect(await balanceOf(fed, `wallet:${buyer.id}`)).toBe(10_000 - 2666);
    expect((await balanceOf(fed, `earnings:${reader.id}`)) - earningsBefore).toBe(1866);
    expect((await balanceOf(fed, 'platform:revenue')) - revenueBefore).toBe(800);
    const txs = await fed.db.sql<{ type: string; amount_cents: number }>(`SELECT type, amount_cents FROM transactions WHERE order_id = $1`, [placed.id]);
    expect(txs).toEqual([{ type: 'PURCHASE', amount_cents: 2666 }]);
    expect((await fed.run(ProductDocument, { id: crystal.id }, buyer.token)).data!.product.stockQuantity).toBe(3);
  });

  it('a platform product pays the platform in full; a cart of two sellers credits each', async () => {
    const buyer = await seed.client().withCredit(10_000).create();
    const other = await seed.reader().create();
    const platformItem = await product(fed, admin, { type: 'SERVICE', priceCents: 1000, sellAsPlatform: true });
    const otherItem = await product(fed, other, { type: 'DIGITAL', priceCents: 999 });
    const res = await order(fed, buyer, [{ productId: platformItem.id }, { productId: otherItem.id }]);
    expect(res.errors).toBeUndefined();
    const shares = Object.fromEntries(res.data!.placeOrder.order.items.map((i) => [i.product.id, i.sellerShareCents]));
    expect(shares).toEqual({ [platformItem.id]: 0, [otherItem.id]: 699 });
    expect(await balanceOf(fed, `earnings:${other.id}`)).toBe(699);
  });

  it('refusals charge nothing and write nothing: not enough money, not enough stock, a draft, one\'s own product', async () => {
    const poor = await seed.client().withCredit(500).create();
    const item = await product(fed, reader, { priceCents: 1000, stockQuantity: 2 });
    const count = async () => (await fed.db.sql<{ n: number }>(`SELECT count(*)::int AS n FROM orders WHERE client_id = $1`, [poor.id]))[0]!.n;
    expect(errorCode(await order(fed, poor, [{ productId: item.id }], { shippingAddress: ADDRESS }))).toBe('INSUFFICIENT_FUNDS');
    const rich = await seed.client().withCredit(50_000).create();
    const tooMany = await order(fed, rich, [{ productId: item.id, quantity: 3 }], { shippingAddress: ADDRESS });
    expect(errorCode(tooMany)).toBe('OUT_OF_STOCK');
    expect(tooMany.errors![0]!.extensions).toMatchObject({ productId: item.id, available: 2 });
    const draft = await product(fed, reader, { type: 'SERVICE', status: 'DRAFT' });
    expect(errorCode(await order(fed, rich, [{ productId: draft.id }]))).toBe('NOT_FOUND');
    expect(errorCode(await order(fed, reader, [{ productId: item.id }], { shippingAddress: ADDRESS }))).toBe('BAD_USER_INPUT');
    expect(await count()).toBe(0);
    expect(await balanceOf(fed, `wallet:${poor.id}`)).toBe(500);
    expect(await balanceOf(fed, `wallet:${rich.id}`)).toBe(50_000);
    expect((await fed.run(ProductDocument, { id: item.id }, rich.token)).data!.product.stockQuantity).toBe(2);
  });

  it('validates the cart and the shipping address', async () => {
    const buyer = await seed.client().withCredit(10_000).create();
    const item = await product(fed, reader, { priceCents: 1000 });
    const file = await product(fed, reader, { type: 'DIGITAL' });
    const cases: Array<[Parameters<typeof order>[2], Parameters<typeof order>[3], string]> = [
      [[{ productId: item.id }], {}, 'shippingAddress'],
      [[{ productId: item.id }], { shippingAddress: { ...ADDRESS, country: 'usa' } }, 'shippingAddress.country'],
      [[{ productId: item.id }], { shippingAddress: { ...ADDRESS, postalCode: '<b>' } }, 'shippingAddress.postalCode'],
      [[{ productId: file.id }], { shippingAddress: ADDRESS }, 'shippingAddress'],
      [[{ productId: item.id, quantity: 0 }], { shippingAddress: ADDRESS }, 'items.0.quantity'],
      [[{ productId: item.id }, { productId: item.id }], { shippingAddress: ADDRESS }, 'items'],
      [[], {}, 'items'],
      [[{ productId: file.id, quantity: 2 }], {}, 'items.0.quantity'],
      [[{ productId: file.id }], { idempotencyKey: 'short' }, 'idempotencyKey'],
    ];
    for (const [items, more, field] of cases) {
      const res = await order(fed, buyer, items, more);
      expect(errorCode(res), field).toBe('BAD_USER_INPUT');
      expect(res.errors![0]!.extensions!.field, field).toBe(field);
    }
    expect(await balanceOf(fed, `wallet:${buyer.id}`)).toBe(10_000);
  });

  it('the same idempotency key returns the first order and charges once; another cart with it is a CONFLICT', async () => {
    const buyer = await seed.client().withCredit(10_000).create();
    const item = await product(fed, reader, { type: 'SERVICE', priceCents: 2000 });
    const idempotencyKey = uid('same');
    const input = { items: [{ productId: item.id, quantity: 1 }], paymentMethod: 'WALLET' as const, idempotencyKey };
    const results = await Promise.all([1, 2, 3].map(() => fed.run(PlaceOrderDocument, { input }, buyer.token)));
    for (const r of results) expect(r.errors).toBeUndefined();
    expect(new Set(results.map((r) => r.data!.placeOrder.order.id)).size).toBe(1);
    expect(results.filter((r) => !r.data!.placeOrder.replayed)).toHaveLength(1);
    expect(await balanceOf(fed, `wallet:${buyer.id}`)).toBe(8000);
    const other = await fed.run(PlaceOrderDocument, { input: { ...input, items: [{ productId: item.id, quantity: 2 }] } }, buyer.token);
    expect(errorCode(other)).toBe('CONFLICT');
  });

  it('50 concurrent buyers of the last 10 units: exactly 10 paid orders, 40 OUT_OF_STOCK refusals, nothing charged for them', async () => {
    const item = await product(fed, reader, { priceCents: 1500, stockQuantity: 10 });
    const buyers = await Promise.all(Array.from({ length: 50 }, () => seed.client().withCredit(5000).create()));
    const results = await Promise.all(buyers.map((b) => order(fed, b, [{ productId: item.id }], { shippingAddress: ADDRESS })));
    const paid = results.filter((r) => r.data?.placeOrder.order.status === 'PAID');
    const refused = results.filter((r) => errorCode(r) === 'OUT_OF_STOCK');
    expect(paid).toHaveLength(10);
    expect(refused).toHaveLength(40);
    const balances = await Promise.all(buyers.map((b) => balanceOf(fed, `wallet:${b.id}`)));
    expect(balances.filter((b) => b === 3500)).toHaveLength(10);
    expect(balances.filter((b) => b === 5000)).toHaveLength(40);
    const after = (await fed.run(ProductDocument, { id: item.id }, admin.token)).data!.product;
    expect(after).toMatchObject({ stockQuantity: 0, status: 'OUT_OF_STOCK', inStock: false });
    const [{ n }] = await fed.db.sql<{ n: number }>(`SELECT count(*)::int AS n FROM order_items WHERE product_id = $1`, [item.id]);
    expect(n).toBe(10);
  }, 180_000);
});

describe('who sees which order', () => {
  it('the buyer, the seller (scope SELLER) and admins (scope ALL); anyone else gets NOT_FOUND', async () => {
    const buyer = await seed.client().withCredit(10_000).create();
    const stranger = await seed.client().create();
    const otherReader = await seed.reader().create();
    const item = await product(fed, reader, { type: 'SERVICE', priceCents: 1200 });
    const placed = (await order(fed, buyer, [{ productId: item.id }])).data!.placeOrder.order;
    expect((await fed.run(OrderDocument, { id: placed.id }, buyer.token)).data!.order.id).toBe(placed.id);
    expect((await fed.run(OrderDocument, { id: placed.id }, reader.token)).data!.order.id).toBe(placed.id);
    expect((await fed.run(OrderDocument, { id: placed.id }, admin.token)).data!.order.id).toBe(placed.id);
    expect(errorCode(await fed.run(OrderDocument, { id: placed.id }, stranger.token))).toBe('NOT_FOUND');
    expect(errorCode(await fed.run(OrderDocument, { id: placed.id }, otherReader.token))).toBe('NOT_FOUND');
    expect(errorCode(await fed.run(OrderDocument, { id: placed.id }, null))).toBe('UNAUTHENTICATED');

    const mine = await fed.run(OrdersDocument, {}, buyer.token);
    expect(mine.data!.orders.edges.map((e) => e.node.id)).toEqual([placed.id]);
    expect((await fed.run(OrdersDocument, {}, stranger.token)).data!.orders.edges).toEqual([]);
    const sales = await fed.run(OrdersDocument, { scope: 'SELLER', first: 100 }, reader.token);
    expect(sales.data!.orders.edges.map((e) => e.node.id)).toContain(placed.id);
    expect((await fed.run(OrdersDocument, { scope: 'SELLER' }, otherReader.token)).data!.orders.edges).toEqual([]);
    expect(errorCode(await fed.run(OrdersDocument, { scope: 'ALL' }, buyer.token))).toBe('FORBIDDEN');
    const all = await fed.run(OrdersDocument, { scope: 'ALL', status: 'PAID', first: 100 }, admin.token);
    expect(all.data!.orders.edges.map((e) => e.node.id)).toContain(placed.id);
  });
});

describe('card orders', () => {
  it('PENDING with a PaymentIntent; PAID only by the verified webhook, which takes the stock and posts the split from Stripe', async () => {
    const buyer = await seed.client().create();
    const item = await product(fed, reader, { priceCents: 2000, stockQuantity: 3 });
    const res = await order(fed, buyer, [{ productId: item.id }], { paymentMethod: 'CARD', shippingAddress: ADDRESS });
    expect(res.errors).toBeUndefined();
    const placed = res.data!.placeOrder;
    expect(placed.order).toMatchObject({ status: 'PENDING', paymentMethod: 'CARD' });
    expect(placed.clientSecret).toMatch(/_secret_/);
    expect((await fed.run(ProductDocument, { id: item.id }, buyer.token)).data!.product.stockQuantity).toBe(3);
    // A forged delivery changes nothing.
    const good = stripe.succeed(placed.order.paymentIntentId!);
    expect((await stack.deliver({ body: good.body, signature: 't=1,v1=forged' })).status).toBe(400);
    expect((await fed.run(OrderDocument, { id: placed.order.id }, buyer.token)).data!.order.status).toBe('PENDING');
    expect((await stack.deliver(good)).status).toBe(200);
    const paid = (await fed.run(OrderDocument, { id: placed.order.id }, buyer.token)).data!.order;
    expect(paid.status).toBe('PAID');
    expect((await fed.run(ProductDocument, { id: item.id }, buyer.token)).data!.product.stockQuantity).toBe(2);
    expect(await balanceOf(fed, `wallet:${buyer.id}`)).toBe(0);
    const txs = await fed.db.sql<{ type: string; stripe_event_id: string }>(`SELECT type, stripe_event_id FROM transactions WHERE order_id = $1`, [paid.id]);
    expect(txs).toEqual([{ type: 'PURCHASE', stripe_event_id: good.id }]);
    // Replays and a second event for the same payment do nothing more.
    await stack.deliver(good);
    await stack.deliver(stripe.succeed(placed.order.paymentIntentId!));
    expect((await fed.db.sql(`SELECT 1 FROM transactions WHERE order_id = $1`, [paid.id])).length).toBe(1);
  });

  it('sold out before the card payment arrived: the order is CANCELLED (OUT_OF_STOCK), nothing posted, the card refunded', async () => {
    const buyer = await seed.client().create();
    const rival = await seed.client().withCredit(5000).create();
    const item = await product(fed, reader, { priceCents: 1000, stockQuantity: 1 });
    const placed = (await order(fed, buyer, [{ productId: item.id }], { paymentMethod: 'CARD', shippingAddress: ADDRESS })).data!.placeOrder.order;
    expect((await order(fed, rival, [{ productId: item.id }], { shippingAddress: ADDRESS })).data!.placeOrder.order.status).toBe('PAID');
    expect((await stack.deliver(stripe.succeed(placed.paymentIntentId!))).status).toBe(200);
    const after = (await fed.run(OrderDocument, { id: placed.id }, buyer.token)).data!.order;
    expect(after).toMatchObject({ status: 'CANCELLED', failureReason: 'OUT_OF_STOCK' });
    expect((await fed.db.sql(`SELECT 1 FROM transactions WHERE order_id = $1`, [placed.id])).length).toBe(0);
    await expect.poll(() => [...stripe.refunds.values()].filter((r) => r.payment_intent === placed.paymentIntentId).length).toBe(1);
    // Tracked like every card refund: the whole payment, no ledger transaction (it was never credited).
    await expect
      .poll(async () => fed.db.sql(`SELECT amount_cents, status, transaction_id FROM order_card_refunds WHERE order_id = $1`, [placed.id]), { timeout: 10_000 })
      .toEqual([{ amount_cents: 1000, status: 'SUCCEEDED', transaction_id: null }]);
  });
});
