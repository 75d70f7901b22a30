import { beforeAll, describe, expect, it } from 'vitest';
import { BookingCreditsDocument, CancelOrderDocument, CreateProductDocument, RefundOrderDocument } from '../generated/graphql.js';
import { errorCode, type TestFederation } from '../helpers/federation.js';
import type { Seed, TestUser } from '../helpers/seed.js';
import type { FakeStripe } from '../fakes/stripe.js';
import { useStripeFederation } from './payments-stripe-fixtures.js';
import { order, product, uid } from './shop-fixtures.js';

const stack = useStripeFederation();
let fed: TestFederation;
let seed: Seed;
let admin: TestUser;
let stripe: FakeStripe;
let reader: TestUser;
beforeAll(async () => {
  ({ fed, admin, seed, stripe } = stack);
  reader = await seed.reader().create();
});

const reading = (input: { serviceMinutes?: number; priceCents?: number } = {}) =>
  product(fed, reader, { type: 'SERVICE', category: 'Readings', serviceSessionType: 'VIDEO', serviceMinutes: 30, priceCents: 4500, ...input });
const credits = async (user: TestUser) => {
  const res = await fed.run(BookingCreditsDocument, { first: 50 }, user.token);
  expect(res.errors).toBeUndefined();
  return res.data!.bookingCredits.edges.map((e) => e.node);
};

describe('booking credits', () => {
  it('a paid bookable service gives its buyer one credit per unit with that reader; nobody else sees them', async () => {
    const service = await reading();
    expect(service).toMatchObject({ type: 'SERVICE', serviceSessionType: 'VIDEO', serviceMinutes: 30 });
    const buyer = await seed.client().withCredit(20_000).create();
    const other = await seed.client().withCredit(1_000).create();
    const res = await order(fed, buyer, [{ productId: service.id, quantity: 2 }]);
    expect(res.errors).toBeUndefined();
    const placed = res.data!.placeOrder.order;
    const mine = await credits(buyer);
    expect(mine).toHaveLength(2);
    for (const c of mine) expect(c).toMatchObject({ orderId: placed.id, reader: { id: reader.id }, sessionType: 'VIDEO', minutes: 30, status: 'AVAILABLE', voidedAt: null });
    expect(await credits(other)).toEqual([]);
    expect(await credits(reader)).toEqual([]);
    // Replaying the order (same key) issues nothing more.
    const key = uid('order');
    const cheap = await reading({ priceCents: 500 });
    const first = await order(fed, other, [{ productId: cheap.id }], { idempotencyKey: key });
    const again = await order(fed, other, [{ productId: cheap.id }], { idempotencyKey: key });
    expect(again.data!.placeOrder.order.id).toBe(first.data!.placeOrder.order.id);
    expect(await credits(other)).toHaveLength(1);
    expect((await fed.run(BookingCreditsDocument, { first: 10 }, null)).errors).toBeDefined();
  }, 60_000);

  it('a card order gets its credits only once the verified webhook pays it, once however often it is delivered', async () => {
    const buyer = await seed.client().create();
    const placed = (await order(fed, buyer, [{ productId: (await reading()).id }], { paymentMethod: 'CARD' })).data!.placeOrder.order;
    expect(placed.status).toBe('PENDING');
    expect(await credits(buyer)).toEqual([]);
    const good = stripe.succeed(placed.paymentIntentId!);
    expect((await stack.deliver({ body: good.body, signature: 't=1,v1=forged' })).status).toBe(400);
    expect(await credits(buyer)).toEqual([]);
    expect((await stack.deliver(good)).status).toBe(200);
    expect((await stack.deliver(good)).status).toBe(200);
    expect(await credits(buyer)).toEqual([expect.objectContaining({ orderId: placed.id, status: 'AVAILABLE', reader: { id: reader.id } })]);
  }, 60_000);

  it('a service without session details, a refused order and other products give no credit', async () => {
    const buyer = await seed.client().withCredit(100).create();
    const plain = await product(fed, reader, { type: 'SERVICE', category: 'Readings', priceCents: 900 });
    const crystal = await product(fed, reader, { priceCents: 900, stockQuantity: 3 });
    const rich = await seed.client().withCredit(10_000).create();
    expect((await order(fed, rich, [{ productId: plain.id }])).errors).toBeUndefined();
    expect((await order(fed, rich, [{ productId: crystal.id }], { shippingAddress: { name: 'Ada Client', line1: '1 Main Street', city: 'Springfield', postalCode: '12345', country: 'US' } })).errors).toBeUndefined();
    expect(await credits(rich)).toEqual([]);
    // Not enough in the wallet: refused, nothing issued.
    const refused = await order(fed, buyer, [{ productId: (await reading()).id }]);
    expect(errorCode(refused)).toBe('INSUFFICIENT_FUNDS');
    expect(await credits(buyer)).toEqual([]);
  }, 60_000);

  it('cancelling the order or refunding it in full voids its unused credits; a partial refund keeps them', async () => {
    const buyer = await seed.client().withCredit(30_000).create();
    const service = await reading();
    const cancelled = (await order(fed, buyer, [{ productId: service.id }])).data!.placeOrder.order;
    const refunded = (await order(fed, buyer, [{ productId: service.id }])).data!.placeOrder.order;
    const partly = (await order(fed, buyer, [{ productId: service.id }])).data!.placeOrder.order;
    expect((await fed.run(CancelOrderDocument, { orderId: cancelled.id, reason: 'changed my mind' }, buyer.token)).errors).toBeUndefined();
    const full = await fed.run(RefundOrderDocument, { input: { orderId: refunded.id, to: 'WALLET', idempotencyKey: uid('refund') } }, reader.token);
    expect(full.errors).toBeUndefined();
    const part = await fed.run(RefundOrderDocument, { input: { orderId: partly.id, amountCents: 1000, to: 'WALLET', idempotencyKey: uid('refund') } }, reader.token);
    expect(part.errors).toBeUndefined();
    const byOrder = new Map((await credits(buyer)).map((c) => [c.orderId, c]));
    expect(byOrder.get(cancelled.id)).toMatchObject({ status: 'REFUNDED' });
    expect(byOrder.get(cancelled.id)!.voidedAt).toBeTruthy();
    expect(byOrder.get(refunded.id)).toMatchObject({ status: 'REFUNDED' });
    expect(byOrder.get(partly.id)).toMatchObject({ status: 'AVAILABLE', voidedAt: null });
    const available = await fed.run(BookingCreditsDocument, { status: 'AVAILABLE', first: 10 }, buyer.token);
    expect(available.data!.bookingCredits.edges.map((e) => e.node.orderId)).toEqual([partly.id]);
  }, 60_000);

  it('refuses session details on other products, half of them, and on a platform-sold service', async () => {
    const bad = async (who: TestUser, input: Record<string, unknown>) => {
      const res = await fed.run(CreateProductDocument, { input: { name: `Reading ${uid('p')}`, category: 'Readings', priceCents: 1000, type: 'SERVICE', ...input } as never }, who.token);
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
    };
    await bad(reader, { type: 'DIGITAL', fileKey: 'guides/moon.pdf', serviceSessionType: 'CHAT', serviceMinutes: 30 });
    await bad(reader, { serviceMinutes: 30 });
    await bad(reader, { serviceSessionType: 'CALL' });
    await bad(reader, { serviceSessionType: 'CALL', serviceMinutes: 2 });
    await bad(reader, { serviceSessionType: 'CALL', serviceMinutes: 241 });
    await bad(admin, { sellAsPlatform: true, serviceSessionType: 'CALL', serviceMinutes: 30 });
  }, 60_000);
});
