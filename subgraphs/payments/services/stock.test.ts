import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.js';
import { createUser } from '../testing/fixtures.js';
import { returnStock, takeStock } from './stock.js';

// The database-level guarantee on its own, without the in-process queue placeOrder adds (keyed-lock.ts): concurrent
// transactions on separate connections, each taking units under the row lock.
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase({ poolSize: 25 });
});
afterAll(async () => {
  await db?.drop();
});

async function stocked(units: number): Promise<string> {
  const readerId = await createUser(db.prisma, 'READER');
  const p = await db.prisma.product.create({ data: { name: 'Geode', description: '', type: 'PHYSICAL', category: 'Crystals', priceCents: 1000, stockQuantity: units, readerId } });
  return p.id;
}

describe('takeStock', () => {
  it('20 concurrent transactions for the last 5 units: exactly 5 take one, the rest are told what is left', async () => {
    const id = await stocked(5);
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () => db.prisma.$transaction((tx) => takeStock(tx, [{ productId: id, quantity: 1 }]), { maxWait: 60_000, timeout: 60_000 })),
    );
    expect(outcomes.filter((o) => o.length === 0)).toHaveLength(5);
    expect(outcomes.filter((o) => o.length === 1 && o[0]!.available === 0)).toHaveLength(15);
    expect(await db.prisma.product.findUniqueOrThrow({ where: { id } })).toMatchObject({ stockQuantity: 0, status: 'OUT_OF_STOCK' });
  }, 120_000);

  it('a cart is served whole or not at all, and returned units list a sold-out product again', async () => {
    const a = await stocked(2);
    const b = await stocked(1);
    const short = await db.prisma.$transaction((tx) => takeStock(tx, [{ productId: a, quantity: 1 }, { productId: b, quantity: 2 }]));
    expect(short).toEqual([{ productId: b, quantity: 2, available: 1 }]);
    expect((await db.prisma.product.findUniqueOrThrow({ where: { id: a } })).stockQuantity).toBe(2);
    expect(await db.prisma.$transaction((tx) => takeStock(tx, [{ productId: a, quantity: 2 }, { productId: b, quantity: 1 }]))).toEqual([]);
    await db.prisma.$transaction((tx) => returnStock(tx, [{ productId: b, quantity: 1 }]));
    expect(await db.prisma.product.findUniqueOrThrow({ where: { id: b } })).toMatchObject({ stockQuantity: 1, status: 'ACTIVE' });
  });

  it('the table refuses negative stock whatever writes it', async () => {
    const id = await stocked(1);
    await expect(db.sql(`UPDATE products SET stock_quantity = -1 WHERE id = $1`, [id])).rejects.toThrow(/violates check constraint/);
  });
});
