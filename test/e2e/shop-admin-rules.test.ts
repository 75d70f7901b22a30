import { beforeAll, describe, expect, it } from 'vitest';
import { RefundOrderDocument, UpdateProductDocument } from '../generated/graphql.js';
import { errorCode, type TestFederation } from '../helpers/federation.js';
import type { Seed, TestUser } from '../helpers/seed.js';
import { useStripeFederation } from './payments-stripe-fixtures.js';
import { ADDRESS, balanceOf, order, product, uid } from './shop-fixtures.js';

// The shop under the platform's other rules: paying needs a verified email, and admins act on the shop only with
// the permission of their role (CATALOGUE for products, REFUNDS for orders, SUPPORT capped by support_refund_limit_cents).

const stack = useStripeFederation();
let fed: TestFederation;
let seed: Seed;
let reader: TestUser;
beforeAll(async () => {
  ({ fed, seed } = stack);
  reader = await seed.reader().create();
});

const ordersOf = async (userId: string) => (await fed.db.sql<{ n: number }>(`SELECT count(*)::int AS n FROM orders WHERE client_id = $1`, [userId]))[0]!.n;

describe('shop rules', () => {
  it('an unverified client cannot place an order: EMAIL_NOT_VERIFIED, no order, no charge, stock untouched', async () => {
    const buyer = await seed.client().unverified().withCredit(5_000).create();
    const item = await product(fed, reader, { priceCents: 1_000, stockQuantity: 3 });
    const res = await order(fed, buyer, [{ productId: item.id }], { shippingAddress: ADDRESS });
    expect(errorCode(res)).toBe('EMAIL_NOT_VERIFIED');
    expect(await ordersOf(buyer.id)).toBe(0);
    expect(await balanceOf(fed, `wallet:${buyer.id}`)).toBe(5_000);
    const [row] = await fed.db.sql<{ stock: number }>(`SELECT stock_quantity AS stock FROM products WHERE id = $1`, [item.id]);
    expect(row!.stock).toBe(3);
  });

  it("a moderator cannot edit a reader's product; a support admin cannot; a super-admin can", async () => {
    const item = await product(fed, reader, { priceCents: 1_500 });
    const moderator = await seed.admin().withRoles('MODERATOR').create();
    const support = await seed.admin().withRoles('SUPPORT').create();
    const superAdmin = await seed.admin().create();
    for (const admin of [moderator, support]) {
      expect(errorCode(await fed.run(UpdateProductDocument, { id: item.id, input: { priceCents: 1_200 } }, admin.token))).toBe('FORBIDDEN');
    }
    const [unchanged] = await fed.db.sql<{ price: number }>(`SELECT price_cents AS price FROM products WHERE id = $1`, [item.id]);
    expect(unchanged!.price).toBe(1_500);
    const ok = await fed.run(UpdateProductDocument, { id: item.id, input: { priceCents: 1_400 } }, superAdmin.token);
    expect(ok.errors).toBeUndefined();
    expect(ok.data!.updateProduct.priceCents).toBe(1_400);
  });

  it('a support admin refunds an order only up to the support limit; a moderator not at all; super-admin and finance without the cap', async () => {
    const buyer = await seed.client().withCredit(20_000).create();
    const item = await product(fed, reader, { type: 'DIGITAL', priceCents: 8_000 });
    const placed = await order(fed, buyer, [{ productId: item.id }]);
    expect(placed.errors).toBeUndefined();
    const orderId = placed.data!.placeOrder.order.id;
    const refund = (admin: TestUser, amountCents: number) =>
      fed.run(RefundOrderDocument, { input: { orderId, amountCents, to: 'WALLET', reason: 'test', idempotencyKey: uid('refund') } }, admin.token);

    const moderator = await seed.admin().withRoles('MODERATOR').create();
    expect(errorCode(await refund(moderator, 100))).toBe('FORBIDDEN');
    const support = await seed.admin().withRoles('SUPPORT').create();
    const over = await refund(support, 6_000);
    expect(errorCode(over)).toBe('FORBIDDEN');
    expect(over.errors![0]!.extensions).toMatchObject({ reason: 'ADMIN_LIMIT', limitCents: 5_000 });
    expect(await balanceOf(fed, `wallet:${buyer.id}`)).toBe(12_000);

    const within = await refund(support, 2_000);
    expect(within.errors).toBeUndefined();
    const superAdmin = await seed.admin().withRoles('SUPER_ADMIN').create();
    const large = await refund(superAdmin, 5_500); // over the support cap: a super-admin has none
    expect(large.errors).toBeUndefined();
    expect(large.data!.refundOrder.status).toBe('PAID');
    const finance = await seed.admin().withRoles('FINANCE').create();
    const rest = await refund(finance, 500);
    expect(rest.errors).toBeUndefined();
    expect(rest.data!.refundOrder.status).toBe('REFUNDED');
    expect(await balanceOf(fed, `wallet:${buyer.id}`)).toBe(20_000);
  });
});
