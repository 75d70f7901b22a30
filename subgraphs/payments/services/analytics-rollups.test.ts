import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.js';
import { newClients, newClientsDirect, topReaders, topReadersDirect } from './analytics.js';

// The top-readers rollups (per reader and day, per reader and month) and each user's first payment are kept by
// triggers on transactions; the dashboard's answers must equal the ledger's own whatever writes it: bulk inserts
// into past days, status changes that stop or start counting a row, a reader or amount changed, deletions of a
// user's earliest payment, and everything deleted.
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

const DAY = 86_400_000;
const ctx = () => ({ prisma: db.prisma });

async function seedUsers(): Promise<void> {
  await db.sql(`
    INSERT INTO users (id, email, role, status, created_at, updated_at)
    SELECT 'c' || i, 'c' || i || '@rollup.test', 'CLIENT', 'ACTIVE', now() - ((i * 4801) % (400 * 86400)) * interval '1 second', now()
      FROM generate_series(1, 300) i`);
  await db.sql(`
    INSERT INTO users (id, email, role, status, created_at, updated_at)
    SELECT 'r' || i, 'r' || i || '@rollup.test', 'READER', 'ACTIVE', now() - interval '500 days', now() FROM generate_series(1, 25) i`);
}

/** `rows` ledger transactions over the last `days` days: every type and status, some without reader or user. */
async function seedLedger(prefix: string, rows: number, days: number): Promise<void> {
  await db.sql(`
    INSERT INTO transactions (id, external_id, idempotency_key, user_id, reader_id, type, status, amount_cents,
                              reader_earnings_cents, platform_revenue_cents, created_at, updated_at)
    SELECT '${prefix}' || i, '${prefix}x' || i, '${prefix}:' || i,
           CASE WHEN i % 10 = 0 THEN NULL ELSE 'c' || (1 + (i * 37) % 300) END,
           CASE WHEN i % 9 = 0 THEN NULL ELSE 'r' || (1 + (i * 13) % 25) END,
           (ARRAY['SESSION_CHARGE', 'ADD_FUNDS', 'GIFT_PURCHASE', 'PURCHASE', 'REFUND', 'PAYOUT', 'SESSION_CHARGE'])[1 + i % 7]::"TransactionType",
           (CASE WHEN i % 13 = 0 THEN 'PENDING' WHEN i % 17 = 0 THEN 'FAILED' WHEN i % 19 = 0 THEN 'REFUNDED' ELSE 'COMPLETED' END)::"TransactionStatus",
           (100 + (i * 31) % 900)::int, CASE WHEN i % 11 = 0 THEN NULL ELSE ((100 + (i * 31) % 900) * 7) / 10 END, NULL,
           now() - ((i * 7919) % (${days} * 86400)) * interval '1 second', now()
      FROM generate_series(1, ${rows}) i`);
}

function ranges(): Array<[Date, Date]> {
  const now = Date.now();
  const midnight = Math.floor(now / DAY) * DAY;
  const d = new Date(midnight);
  const month = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  const prevMonth = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1);
  return [
    [new Date(now - 366 * DAY), new Date(now)], // the dashboard's year: partial days, whole days and months
    [new Date(midnight - 365 * DAY), new Date(midnight + DAY)], // whole days
    [new Date(prevMonth), new Date(month)], // exactly one month
    [new Date(prevMonth + 3 * DAY + 3_600_000), new Date(month + 2 * DAY + 60_000)], // across a month boundary, no whole month
    [new Date(midnight - 5 * DAY + 60_000), new Date(midnight - 5 * DAY + 7_200_000)], // within one day
    [new Date(midnight - 40 * DAY), new Date(midnight - 39 * DAY)], // one whole day
  ];
}

async function expectSame(): Promise<void> {
  for (const [from, to] of ranges()) {
    const r = { from, to };
    expect(await topReaders(ctx(), r, 50)).toEqual(await topReadersDirect(ctx(), r, 50));
    expect(await topReaders(ctx(), r, 3)).toEqual(await topReadersDirect(ctx(), r, 3));
    expect(await newClients(ctx(), r)).toEqual(await newClientsDirect(ctx(), r));
  }
}

describe('top readers and first-payment rollups', () => {
  it('answer exactly as the ledger does, after inserts, updates and deletes', async () => {
    await seedUsers();
    await seedLedger('a', 6000, 400);
    const [year] = ranges();
    const top = await topReaders(ctx(), { from: year![0], to: year![1] }, 50);
    expect(top.length).toBe(25);
    const clients = await newClients(ctx(), { from: year![0], to: year![1] });
    expect(clients.purchased).toBeGreaterThan(0);
    expect(clients.purchased).toBeLessThan(clients.count);
    await expectSame();

    await db.sql(`UPDATE transactions SET status = 'REFUNDED' WHERE id LIKE 'a%' AND status = 'COMPLETED' AND (substr(id, 2))::int % 5 = 0`);
    await db.sql(`UPDATE transactions SET status = 'FAILED' WHERE id LIKE 'a%' AND (substr(id, 2))::int % 7 = 0`);
    await db.sql(`UPDATE transactions SET status = 'COMPLETED' WHERE id LIKE 'a%' AND status = 'PENDING' AND (substr(id, 2))::int % 2 = 0`);
    await db.sql(`UPDATE transactions SET reader_id = 'r1', amount_cents = amount_cents + 1 WHERE id LIKE 'a%' AND (substr(id, 2))::int % 23 = 0`);
    // Each of some users' earliest counted payment removed: their first payment moves later (or disappears).
    await db.sql(`
      DELETE FROM transactions WHERE id IN (
        SELECT DISTINCT ON (user_id) id FROM transactions
         WHERE user_id IS NOT NULL AND type IN ('ADD_FUNDS', 'SESSION_CHARGE', 'GIFT_PURCHASE', 'PURCHASE') AND status IN ('COMPLETED', 'REFUNDED')
           AND (substr(user_id, 2))::int % 3 = 0
         ORDER BY user_id, created_at)`);
    await db.sql(`DELETE FROM transactions WHERE id LIKE 'a%' AND (substr(id, 2))::int % 29 = 0`);
    await seedLedger('b', 2000, 400);
    await expectSame();

    // One reader's rows all gone: no longer a top reader (the rollups keep zero rows, which must not show).
    await db.sql(`DELETE FROM transactions WHERE reader_id = 'r2'`);
    expect((await topReaders(ctx(), { from: year![0], to: year![1] }, 50)).some((t) => t.readerId === 'r2')).toBe(false);
    await expectSame();

    await db.sql(`DELETE FROM transactions`);
    expect(await topReaders(ctx(), { from: year![0], to: year![1] }, 50)).toEqual([]);
    expect((await newClients(ctx(), { from: year![0], to: year![1] })).purchased).toBe(0);
    const [left] = await db.sql<{ n: string }>(`SELECT count(*)::text AS n FROM user_first_payments`);
    expect(left!.n).toBe('0');
  }, 120_000);
});
