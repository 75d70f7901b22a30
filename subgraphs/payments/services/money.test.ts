import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers/db.js';
import { createPubSub, type PubSub } from '../../../shared/pubsub.js';
import { migrateJobs, startJobRunner } from '../../../shared/jobs.js';
import { createMoney, walletTopic, type PaymentsMoney, type WalletEvent } from './money.js';
import { MONEY_MOVED_TASK, moneyMovedTask } from './outbox.js';
import { CLEAN, checkLedger, createSession, createUser } from '../testing/fixtures.js';

let db: TestDatabase;
let pubsub: PubSub;
let money: PaymentsMoney;
let admin: string;
const adminCtx = () => ({ viewer: { id: admin, role: 'ADMIN' as const, adminRoles: ['SUPER_ADMIN' as const] }, ip: '127.0.0.1', userAgent: 'test' });

beforeAll(async () => {
  db = await createTestDatabase();
  pubsub = createPubSub({ prefix: `${db.schema}:` });
  money = createMoney(db.prisma, pubsub);
  admin = await createUser(db.prisma, 'ADMIN');
});
afterAll(async () => {
  expect(await checkLedger(db.sql)).toEqual(CLEAN);
  await pubsub.close();
  await db.drop();
});

async function fund(userId: string, cents: number) {
  return money.adjustBalance({ userId, amountCents: cents, account: 'WALLET', reason: 'test credit', idempotencyKey: `fund-${userId}-${cents}-${Math.random()}` }, adminCtx());
}

describe('ledger core', () => {
  it('charges a minute once with the 70/30 split rounded down for the reader', async () => {
    const client = await createUser(db.prisma);
    const reader = await createUser(db.prisma, 'READER');
    const session = await createSession(db.prisma, client, reader, 199);
    await fund(client, 1000);
    const first = await money.chargeSessionMinute({ sessionId: session, clientId: client, readerId: reader, minute: 1, rateCents: 199 });
    expect(first).toMatchObject({ status: 'CHARGED', balanceCents: 801, lowBalance: false });
    const again = await money.chargeSessionMinute({ sessionId: session, clientId: client, readerId: reader, minute: 1, rateCents: 199 });
    expect(again).toMatchObject({ status: 'ALREADY_CHARGED', balanceCents: 801 });
    expect('transactionId' in again && 'transactionId' in first && again.transactionId === first.transactionId).toBe(true);
    const [earn] = await db.sql<{ b: string }>(`SELECT balance_cents AS b FROM ledger_accounts WHERE id = $1`, [`earnings:${reader}`]);
    expect(Number(earn!.b)).toBe(139); // floor(199 * 0.7) = 139; platform 60
    const [tx] = await db.sql<{ r: number; p: number }>(`SELECT reader_earnings_cents AS r, platform_revenue_cents AS p FROM transactions WHERE id = $1`, [
      first.status === 'CHARGED' ? first.transactionId : '',
    ]);
    expect(tx).toEqual({ r: 139, p: 60 });
  });

  it('refuses a minute the wallet cannot pay and moves nothing', async () => {
    const client = await createUser(db.prisma);
    const reader = await createUser(db.prisma, 'READER');
    const session = await createSession(db.prisma, client, reader, 500);
    await fund(client, 499);
    const r = await money.chargeSessionMinute({ sessionId: session, clientId: client, readerId: reader, minute: 1, rateCents: 500 });
    expect(r).toEqual({ status: 'INSUFFICIENT_FUNDS', balanceCents: 499 });
    expect(await db.sql(`SELECT 1 FROM transactions WHERE session_id = $1`, [session])).toHaveLength(0);
  });

  it('two charges racing on a wallet that can pay only one: exactly one succeeds', async () => {
    const client = await createUser(db.prisma);
    const readers = [await createUser(db.prisma, 'READER'), await createUser(db.prisma, 'READER')];
    const sessions = [await createSession(db.prisma, client, readers[0]!, 300), await createSession(db.prisma, client, readers[1]!, 300)];
    await fund(client, 500);
    const results = await Promise.all(
      sessions.map((s, i) => money.chargeSessionMinute({ sessionId: s, clientId: client, readerId: readers[i]!, minute: 1, rateCents: 300 })),
    );
    expect(results.map((r) => r.status).sort()).toEqual(['CHARGED', 'INSUFFICIENT_FUNDS']);
    expect(await money.balanceOf(client)).toBe(200);
  });

  it('a tick and a single charge racing on a wallet that can pay only one: exactly one is taken', async () => {
    for (let round = 0; round < 5; round++) {
      const client = await createUser(db.prisma);
      const readers = [await createUser(db.prisma, 'READER'), await createUser(db.prisma, 'READER')];
      const sessions = [await createSession(db.prisma, client, readers[0]!, 400), await createSession(db.prisma, client, readers[1]!, 400)];
      await fund(client, 700);
      const [tick, single] = await Promise.all([
        money.chargeSessionMinutes([{ sessionId: sessions[0]!, clientId: client, readerId: readers[0]!, minute: 1, rateCents: 400 }]),
        money.chargeSessionMinute({ sessionId: sessions[1]!, clientId: client, readerId: readers[1]!, minute: 1, rateCents: 400 }),
      ]);
      expect([tick[0]!.status, single.status].sort()).toEqual(['CHARGED', 'INSUFFICIENT_FUNDS']);
      expect(await money.balanceOf(client)).toBe(300);
    }
  });

  it('the same minute charged 10 times at once is charged once', async () => {
    const client = await createUser(db.prisma);
    const reader = await createUser(db.prisma, 'READER');
    const session = await createSession(db.prisma, client, reader, 250);
    await fund(client, 5000);
    const results = await Promise.all(
      Array.from({ length: 10 }, () => money.chargeSessionMinute({ sessionId: session, clientId: client, readerId: reader, minute: 3, rateCents: 250 })),
    );
    expect(results.filter((r) => r.status === 'CHARGED')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'ALREADY_CHARGED')).toHaveLength(9);
    expect(await money.balanceOf(client)).toBe(4750);
  });

  it('bulk tick charges each (session, minute) once, in input order per wallet, and agrees with single charges', async () => {
    const c1 = await createUser(db.prisma);
    const c2 = await createUser(db.prisma);
    const r1 = await createUser(db.prisma, 'READER');
    const r2 = await createUser(db.prisma, 'READER');
    const r3 = await createUser(db.prisma, 'READER');
    const s1 = await createSession(db.prisma, c1, r1, 100);
    const s2 = await createSession(db.prisma, c1, r2, 150);
    const s3 = await createSession(db.prisma, c2, r3, 333);
    await fund(c1, 200);
    await fund(c2, 1000);
    await money.chargeSessionMinute({ sessionId: s3, clientId: c2, readerId: r3, minute: 1, rateCents: 333 });
    const results = await money.chargeSessionMinutes([
      { sessionId: s1, clientId: c1, readerId: r1, minute: 1, rateCents: 100 },
      { sessionId: s2, clientId: c1, readerId: r2, minute: 1, rateCents: 150 }, // 100 + 150 > 200
      { sessionId: s3, clientId: c2, readerId: r3, minute: 1, rateCents: 333 }, // already charged
      { sessionId: s3, clientId: c2, readerId: r3, minute: 2, rateCents: 333 },
      { sessionId: s3, clientId: c2, readerId: r3, minute: 2, rateCents: 333 }, // repeated in the input
    ]);
    expect(results.map((r) => r.status)).toEqual(['CHARGED', 'INSUFFICIENT_FUNDS', 'ALREADY_CHARGED', 'CHARGED', 'ALREADY_CHARGED']);
    expect(results[0]).toMatchObject({ balanceCents: 100, lowBalance: true });
    expect(results[3]).toMatchObject({ balanceCents: 334, lowBalance: true }); // 334 < 2 minutes × 333
    expect(await money.balanceOf(c1)).toBe(100);
    expect(await money.balanceOf(c2)).toBe(334);
    const again = await money.chargeSessionMinutes([{ sessionId: s1, clientId: c1, readerId: r1, minute: 1, rateCents: 100 }]);
    expect(again[0]).toMatchObject({ status: 'ALREADY_CHARGED', balanceCents: 100 });
    expect(await checkLedger(db.sql)).toEqual(CLEAN);
  });

  it('purchase splits, is idempotent on its key, refuses reuse for another payment and refuses when short', async () => {
    const client = await createUser(db.prisma);
    const reader = await createUser(db.prisma, 'READER');
    await fund(client, 1000);
    const input = { idempotencyKey: `gift-${client}`, clientId: client, readerId: reader, amountCents: 333, type: 'GIFT_PURCHASE' as const, description: 'Rose' };
    const first = await money.purchase(input);
    expect(first).toMatchObject({ balanceCents: 667, readerShareCents: 233, platformShareCents: 100, replayed: false });
    const again = await money.purchase(input);
    expect(again).toMatchObject({ transactionId: first.transactionId, balanceCents: 667, readerShareCents: 233, replayed: true });
    await expect(money.purchase({ ...input, amountCents: 334 })).rejects.toMatchObject({ extensions: { code: 'CONFLICT' } });
    await expect(money.purchase({ ...input, idempotencyKey: `big-${client}`, amountCents: 668 })).rejects.toMatchObject({
      extensions: { code: 'INSUFFICIENT_FUNDS' },
    });
    for (const bad of [0, -5, 1.5, 1e12]) {
      await expect(money.purchase({ ...input, idempotencyKey: `bad-${bad}`, amountCents: bad })).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    }
    expect(await money.balanceOf(client)).toBe(667);
  });

  it('purchase inside the caller transaction rolls back with it; walletUpdated comes from its outbox job, only after a commit', async () => {
    // Money with the outbox, and a runner with payments' handler of its job (no auto-reload here).
    const jobs = { connectionString: db.url, schema: 'test_jobs', prefix: `${db.schema}:`, pollIntervalMs: 100 };
    await migrateJobs(jobs);
    const queued = createMoney(db.prisma, pubsub, jobs);
    const runner = await startJobRunner(jobs, { [MONEY_MOVED_TASK]: moneyMovedTask({ publish: queued.publish, autoReload: async () => {}, rearm: async () => {} }) });
    const client = await createUser(db.prisma);
    await fund(client, 500);
    const events: WalletEvent[] = [];
    const sub = pubsub.subscribe<WalletEvent>(walletTopic(client));
    const reading = (async () => {
      for await (const e of sub) events.push(e);
    })();
    try {
      await expect(
        db.prisma.$transaction(async (tx) => {
          await queued.purchase({ idempotencyKey: `tx-${client}`, clientId: client, readerId: null, amountCents: 200, type: 'PURCHASE', description: 'x' }, tx);
          throw new Error('caller failed');
        }),
      ).rejects.toThrow('caller failed');
      expect(await money.balanceOf(client)).toBe(500);
      await new Promise((r) => setTimeout(r, 300));
      expect(events).toEqual([]);
      let txId = '';
      await db.prisma.$transaction(async (tx) => {
        txId = (await queued.purchase({ idempotencyKey: `tx2-${client}`, clientId: client, readerId: null, amountCents: 200, type: 'PURCHASE', description: 'x' }, tx)).transactionId;
        await new Promise((r) => setTimeout(r, 200));
        expect(events).toEqual([]); // not yet committed
      });
      const until = Date.now() + 5000;
      while (!events.length && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      expect(events).toEqual([{ userId: client, balanceCents: 300, cause: 'PURCHASE', transactionId: txId, lowBalance: false }]);
    } finally {
      await sub.return!();
      await reading;
      await runner.stop();
      await db.sql(`DELETE FROM test_jobs._private_jobs j USING test_jobs._private_tasks t WHERE j.task_id = t.id AND t.identifier LIKE $1`, [`${jobs.prefix}%`]);
    }
  });

  it('checkSessionFunds needs max($5, one minute)', async () => {
    const client = await createUser(db.prisma);
    await fund(client, 600);
    expect(await money.checkSessionFunds(client, 100)).toEqual({ ok: true, balanceCents: 600, requiredCents: 500, prepaidMinutes: 0 });
    expect(await money.checkSessionFunds(client, 700)).toEqual({ ok: false, balanceCents: 600, requiredCents: 700, prepaidMinutes: 0 });
  });

  it('adjustBalance: credit and debit with reason and key, audited, replay-safe, never below zero; publishes walletUpdated', async () => {
    const client = await createUser(db.prisma);
    const it = pubsub.subscribe<WalletEvent>(walletTopic(client));
    const next = it.next();
    const r = await money.adjustBalance({ userId: client, amountCents: 1500, account: 'WALLET', reason: 'demo credit', idempotencyKey: `adj-${client}` }, adminCtx());
    expect((await next).value).toMatchObject({ userId: client, balanceCents: 1500, cause: 'ADJUSTMENT' });
    await it.return!();
    const replay = await money.adjustBalance({ userId: client, amountCents: 1500, account: 'WALLET', reason: 'demo credit', idempotencyKey: `adj-${client}` }, adminCtx());
    expect(replay).toEqual({ ...r, replayed: true });
    await expect(
      money.adjustBalance({ userId: client, amountCents: -2000, account: 'WALLET', reason: 'too much', idempotencyKey: `adj2-${client}` }, adminCtx()),
    ).rejects.toMatchObject({ extensions: { code: 'INSUFFICIENT_FUNDS' } });
    await expect(
      money.adjustBalance({ userId: client, amountCents: 10, account: 'WALLET', reason: '', idempotencyKey: `adj3-${client}` }, adminCtx()),
    ).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(await money.balanceOf(client)).toBe(1500);
    const logs = await db.sql(`SELECT action FROM audit_logs WHERE entity_id = $1`, [r.transactionId]);
    expect(logs).toEqual([{ action: 'payments:adjust' }]);
    expect(pubsub.listenerCount()).toBe(0);
  });
});

describe('the database refuses an unbalanced ledger transaction (one check per writing statement)', () => {
  const refused = async (write: (q: (sql: string, ...values: unknown[]) => Promise<number>) => Promise<unknown>) => {
    const error = await db.prisma.$transaction(async (tx) => write((sql, ...values) => tx.$executeRawUnsafe(sql, ...values))).then(
      () => null,
      (e: unknown) => e,
    );
    expect(String((error as Error | null)?.message ?? error)).toMatch(/unbalanced/);
  };
  const newTx = (id: string) =>
    `INSERT INTO transactions (id, external_id, idempotency_key, type, status, amount_cents, updated_at) VALUES ('${id}', '${id}', '${id}', 'ADJUSTMENT', 'COMPLETED', 5, now())`;
  const leg = (id: string, tid: string, account: string, cents: number) => `('${id}', '${tid}', '${account}', ${cents})`;

  it('refuses legs that do not sum to zero, a batch with one bad transaction, a leg added or changed later; nothing is written', async () => {
    const client = await createUser(db.prisma);
    await fund(client, 100);
    const wallet = `wallet:${client}`;
    const before = await checkLedger(db.sql);
    const id = `unbalanced-${client}`;
    // Legs that do not sum to zero by the end of their statement (a writer may not spread them over two statements).
    await refused(async (q) => {
      await q(newTx(id));
      await q(`INSERT INTO ledger_entries (id, transaction_id, account_id, amount_cents) VALUES ${leg(`${id}-1`, id, wallet, 5)}`);
      await q(`INSERT INTO ledger_entries (id, transaction_id, account_id, amount_cents) VALUES ${leg(`${id}-2`, id, 'platform:adjustments', -5)}`);
    });
    // A balanced transaction in one statement with an unbalanced one: the whole statement is refused.
    await refused(async (q) => {
      await q(newTx(`${id}-a`));
      await q(newTx(`${id}-b`));
      await q(
        `INSERT INTO ledger_entries (id, transaction_id, account_id, amount_cents) VALUES ` +
          [leg(`${id}-a1`, `${id}-a`, wallet, 5), leg(`${id}-a2`, `${id}-a`, 'platform:adjustments', -5), leg(`${id}-b1`, `${id}-b`, wallet, 1)].join(', '),
      );
    });
    // Against a transaction already in the ledger: one more leg, one leg's amount changed, a leg moved to another one.
    const [{ tid }] = (await db.sql<{ tid: string }>(`SELECT transaction_id AS tid FROM ledger_entries WHERE account_id = $1 LIMIT 1`, [wallet])) as [{ tid: string }];
    await refused((q) => q(`INSERT INTO ledger_entries (id, transaction_id, account_id, amount_cents) VALUES ${leg(`${id}-x`, tid, wallet, 1)}`));
    await refused((q) => q(`UPDATE ledger_entries SET amount_cents = amount_cents + 1 WHERE transaction_id = '${tid}' AND account_id = '${wallet}'`));
    const other = await fund(client, 50);
    await refused((q) => q(`UPDATE ledger_entries SET transaction_id = '${other.transactionId}' WHERE transaction_id = '${tid}' AND account_id = '${wallet}'`));
    expect(await db.sql(`SELECT 1 FROM transactions WHERE id LIKE $1`, [`${id}%`])).toHaveLength(0);
    expect(await checkLedger(db.sql)).toEqual(before);
    expect(await money.balanceOf(client)).toBe(150);
  });

  it('refuses an entry whose transaction or account does not exist, and deleting or renaming what entries refer to; nothing is written', async () => {
    const client = await createUser(db.prisma);
    await fund(client, 100);
    const wallet = `wallet:${client}`;
    const before = await checkLedger(db.sql);
    const id = `dangling-${client}`;
    const code = async (write: (q: (sql: string, ...values: unknown[]) => Promise<number>) => Promise<unknown>) =>
      db.prisma.$transaction(async (tx) => write((sql, ...values) => tx.$executeRawUnsafe(sql, ...values))).then(
        () => 'written',
        (e: unknown) => /Code: `(\w+)`/.exec(String((e as Error).message))?.[1] ?? String(e),
      );
    const entries = (...legs: string[]) => `INSERT INTO ledger_entries (id, transaction_id, account_id, amount_cents) VALUES ${legs.join(', ')}`;
    // Balanced legs of a transaction that was never written; legs on an account that does not exist (with a good
    // transaction in the same statement): each statement is refused whole (23503, as the foreign keys did).
    expect(await code((q) => q(entries(leg(`${id}-1`, id, wallet, 5), leg(`${id}-2`, id, 'platform:adjustments', -5))))).toBe('23503');
    expect(
      await code(async (q) => {
        await q(newTx(`${id}-a`));
        await q(newTx(`${id}-b`));
        await q(entries(leg(`${id}-a1`, `${id}-a`, wallet, 5), leg(`${id}-a2`, `${id}-a`, 'platform:adjustments', -5), leg(`${id}-b1`, `${id}-b`, `wallet:${id}`, 5), leg(`${id}-b2`, `${id}-b`, 'platform:adjustments', -5)));
      }),
    ).toBe('23503');
    // Moving a leg onto a missing account or transaction.
    const [{ tid }] = (await db.sql<{ tid: string }>(`SELECT transaction_id AS tid FROM ledger_entries WHERE account_id = $1 LIMIT 1`, [wallet])) as [{ tid: string }];
    expect(await code((q) => q(`UPDATE ledger_entries SET account_id = 'wallet:${id}' WHERE transaction_id = '${tid}' AND account_id = '${wallet}'`))).toBe('23503');
    expect(await code((q) => q(`UPDATE ledger_entries SET transaction_id = '${id}' WHERE transaction_id = '${tid}'`))).toBe('23503');
    // The referenced side: a transaction or account with entries is neither deleted nor given another id.
    expect(await code((q) => q(`DELETE FROM transactions WHERE id = '${tid}'`))).toBe('23503');
    // Another table's restricting foreign key may refuse it first (23001 on PGlite, whose triggers fire in another order).
    expect(['23503', '23001']).toContain(await code((q) => q(`DELETE FROM ledger_accounts WHERE id = '${wallet}'`)));
    expect(await code((q) => q(`UPDATE transactions SET id = '${id}' WHERE id = '${tid}'`))).toBe('23503');
    expect(await code((q) => q(`UPDATE ledger_accounts SET id = 'wallet:${id}' WHERE id = '${wallet}'`))).toBe('23503');
    // What nothing refers to is still deleted and renamed freely; a good write still goes through.
    expect(await code(async (q) => { await q(newTx(`${id}-c`)); await q(`UPDATE transactions SET id = '${id}-d' WHERE id = '${id}-c'`); await q(`DELETE FROM transactions WHERE id = '${id}-d'`); })).toBe('written');
    expect(await db.sql(`SELECT 1 FROM transactions WHERE id LIKE $1`, [`${id}%`])).toHaveLength(0);
    expect(await checkLedger(db.sql)).toEqual(before);
    expect(await money.balanceOf(client)).toBe(100);
  });

  // Two database sessions at once: PostgreSQL only (PGlite is one session, where the delete would wait on itself).
  it.runIf(!!process.env.TEST_DATABASE_URL)('a delete racing the first entries of a transaction waits for them and is then refused (the reference check locks what it read)', async () => {
    const client = await createUser(db.prisma);
    await fund(client, 100);
    const id = `race-${client}`;
    await db.sql(newTx(id));
    const writer = new pg.Client({ connectionString: db.url });
    const deleter = new pg.Client({ connectionString: db.url });
    await Promise.all([writer.connect(), deleter.connect()]);
    try {
      await writer.query('BEGIN');
      await writer.query(`INSERT INTO ledger_entries (id, transaction_id, account_id, amount_cents) VALUES ${leg(`${id}-1`, id, `wallet:${client}`, 5)}, ${leg(`${id}-2`, id, 'platform:adjustments', -5)}`);
      const pid = (await deleter.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
      const deleted = deleter.query(`DELETE FROM transactions WHERE id = $1`, [id]).then(() => 'deleted', (e: { code?: string }) => e.code);
      // The delete is blocked on the writer's row lock (not merely slow): wait until PostgreSQL says so.
      for (let waiting = false; !waiting; ) {
        waiting = (await db.sql<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = 'Lock'`, [pid]))[0]!.n === 1;
        if (!waiting) await new Promise((r) => setTimeout(r, 20));
      }
      await writer.query('COMMIT');
      expect(await deleted).toBe('23503');
      expect(await db.sql(`SELECT id FROM ledger_entries WHERE transaction_id = $1 ORDER BY id`, [id])).toHaveLength(2);
      // Cleanup: the legs balance, so the ledger stays clean; the wallet's cached balance follows its new leg.
      await db.sql(`UPDATE ledger_accounts SET balance_cents = balance_cents + 5 WHERE id = $1`, [`wallet:${client}`]);
      await db.sql(`UPDATE ledger_accounts SET balance_cents = balance_cents - 5 WHERE id = 'platform:adjustments'`);
    } finally {
      await Promise.all([writer.end(), deleter.end()]);
    }
  });

  it('a set-based tick reports the current balance of a wallet it charged nothing from', async () => {
    const client = await createUser(db.prisma);
    const reader = await createUser(db.prisma, 'READER');
    const session = await createSession(db.prisma, client, reader, 300);
    await fund(client, 299);
    const [r] = await money.chargeSessionMinutes([{ sessionId: session, clientId: client, readerId: reader, minute: 1, rateCents: 300 }]);
    expect(r).toEqual({ status: 'INSUFFICIENT_FUNDS', balanceCents: 299 });
  });
});
