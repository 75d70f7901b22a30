import { expect } from 'vitest';
import { CreateProductDocument, PlaceOrderDocument, type CreateProductInput, type PlaceOrderInput } from '../generated/graphql.js';
import type { TestFederation } from '../helpers/federation.js';
import type { TestUser } from '../helpers/seed.js';

let n = 0;
/** A unique idempotency key / sku suffix per call. */
export const uid = (prefix = 'key') => `${prefix}-${process.pid}-${Date.now().toString(36)}-${++n}`;

export const ADDRESS = { name: 'Ada Client', line1: '1 Main Street', city: 'Springfield', postalCode: '12345', country: 'US' };

/** Creates a product through the gateway as `seller` (ACTIVE unless said otherwise) and returns it. */
export async function product(fed: TestFederation, seller: TestUser, input: Partial<CreateProductInput> = {}) {
  const type = input.type ?? 'PHYSICAL';
  const res = await fed.run(
    CreateProductDocument,
    {
      input: {
        name: `Amethyst ${uid('p')}`,
        category: 'Crystals',
        priceCents: 1000,
        status: 'ACTIVE',
        ...(type === 'PHYSICAL' ? { stockQuantity: 10 } : {}),
        ...(type === 'DIGITAL' ? { fileKey: 'guides/moon.pdf' } : {}),
        ...input,
        type,
      },
    },
    seller.token,
  );
  expect(res.errors).toBeUndefined();
  return res.data!.createProduct;
}

/** Places an order through the gateway (wallet by default) and returns the raw response. */
export function order(fed: TestFederation, buyer: TestUser, items: Array<{ productId: string; quantity?: number }>, more: Partial<PlaceOrderInput> = {}) {
  return fed.run(
    PlaceOrderDocument,
    {
      input: {
        items: items.map((i) => ({ productId: i.productId, quantity: i.quantity ?? 1 })),
        paymentMethod: 'WALLET',
        idempotencyKey: uid('order'),
        ...more,
      },
    },
    buyer.token,
  );
}

/** Cached balance of a ledger account ("wallet:<id>", "earnings:<id>", "platform:revenue"…), in cents. */
export async function balanceOf(fed: TestFederation, accountId: string): Promise<number> {
  const [row] = await fed.db.sql<{ b: string }>(`SELECT balance_cents AS b FROM ledger_accounts WHERE id = $1`, [accountId]);
  return Number(row?.b ?? 0);
}
