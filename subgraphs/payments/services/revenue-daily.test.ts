import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.js';
import { revenueByDay, revenueByDayDirect } from './analytics.js';

// The revenue_daily rollup (kept by triggers on transactions) must answer exactly what the ledger says, whatever
// writes the ledger: bulk inserts into past days, single inserts, status changes (refunded, failed) and deletions.
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

const DAY = 86_400_000;
const ctx = () => ({ prisma: db.prisma });

/** `rows` pseudo-random ledger transactions over the last `days` days, every type, status and shop/kind marker. */
async function seedLedger(prefix: string, rows: number, days: number): Promise<void> {
  await db.sql(`
    INSERT INTO transactions (id, external_id, idempotency_key, type, status, amount_cents, reader_earnings_cents,
                              platform_revenue_cents, metadata, created_at, updated_at)
    SELECT '${prefix}' || i, '${prefix}x' || i, '${prefix}:' || i, t.type::"TransactionType",
           (CASE WHEN i % 13 = 0 THEN 'PENDING' WHEN i % 17 = 0 THEN 'FAILED' WHEN i % 19 = 0 THEN 'REFUNDED' ELSE 'COMPLETED' END)::"TransactionStatus",
           t.amount, (t.amount * 7) / 10, CASE WHEN i % 11 = 0 THEN NULL ELSE t.amount - (t.amount * 7) / 10 END,
           t.meta, now() - ((i * 7919) % (${days} * 86400)) * interval '1 second', now()
      FROM generate_series(1, ${rows}) i
      CROSS JOIN LATERAL (
        SELECT (ARRAY['SESSION_CHARGE', 'ADD_FUNDS', 'GIFT_PURCHASE', 'PURCHASE', 'PURCHASE', 'PURCHASE', 'PURCHASE', 'REFUND', 'PAYOUT'])[1 + i % 9] AS type,
               (100 + (i * 31) % 900)::int AS amount,
               (ARRAY['{"kind":"PAID_REPLY"}', '{"kind":"STREAM_ENTRY"}', '{"kind":"ORDER"}', '{"kind":"SHOP"}', NULL])[1 + (i / 9) % 5]::jsonb AS meta) t`);
}

async function expectSame(from: Date, to: Date): Promise<void> {
  const r = { from, to };
  expect(await revenueByDay(ctx(), r)).toEqual(await revenueByDayDirect(ctx(), r));
}

describe('revenue_daily', () => {
  it('answers whole and partial days exactly as the ledger does, after inserts, updates and deletes', async () => {
    await seedLedger('a', 5000, 60);
    const now = Date.now();
    const midnight = new Date(Math.floor(now / DAY) * DAY);
    const ranges: Array<[Date, Date]> = [
      [new Date(midnight.getTime() - 365 * DAY), new Date(midnight.getTime() + DAY)], // whole days, today included
      [new Date(now - 365 * DAY), new Date(now + 1000)], // partial first and last day
      [new Date(midnight.getTime() - 10 * DAY + 3_600_000), new Date(midnight.getTime() - 3 * DAY - 7_200_000)],
      [new Date(midnight.getTime() - 5 * DAY + 60_000), new Date(midnight.getTime() - 5 * DAY + 7_200_000)], // within one day
    ];
    const year = await revenueByDay(ctx(), { from: ranges[0]![0], to: ranges[0]![1] });
    expect(year.length).toBeGreaterThan(50);
    expect(year.reduce((s, d) => s + d.shopCents, 0)).toBeGreaterThan(0);
    for (const [from, to] of ranges) await expectSame(from, to);

    // Later writes move the rollup with them: a refund posted today, statuses changed, rows removed, more bulk.
    await db.sql(`UPDATE transactions SET status = 'REFUNDED' WHERE id LIKE 'a%' AND status = 'COMPLETED' AND (substr(id, 2))::int % 5 = 0`);
    await db.sql(`UPDATE transactions SET status = 'FAILED' WHERE id LIKE 'a%' AND (substr(id, 2))::int % 7 = 0`);
    await db.sql(`UPDATE transactions SET amount_cents = amount_cents + 1, metadata = '{"kind":"PAID_REPLY"}' WHERE id LIKE 'a%' AND (substr(id, 2))::int % 23 = 0`);
    await db.sql(`DELETE FROM transactions WHERE id LIKE 'a%' AND (substr(id, 2))::int % 29 = 0`);
    await seedLedger('b', 2000, 400);
    for (const [from, to] of ranges) await expectSame(from, to);

    // Everything deleted: the rollup answers no days, as the ledger does.
    await db.sql(`DELETE FROM transactions`);
    expect(await revenueByDay(ctx(), { from: ranges[0]![0], to: ranges[0]![1] })).toEqual([]);
    const [left] = await db.sql<{ n: string }>(`SELECT count(*)::text AS n FROM revenue_daily WHERE total_cents <> 0 OR refunds_cents <> 0 OR platform_cents <> 0`);
    expect(left!.n).toBe('0');
  }, 120_000);
});
