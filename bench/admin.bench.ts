// npm run bench:admin — the admin dashboard's queries (adminAnalytics: payments' revenue per day by source, payouts
// due, top readers, new-client conversion; readings' minutes per reader and active sessions) on a year of data:
// 1,000,000 ledger transactions (ROWS overrides), 20,000 clients, 2,000 readers and 200,000 sessions, seeded with
// set-based SQL (generate_series) on a scratch schema of TEST_DATABASE_URL / DATABASE_URL (default: the machine's
// PostgreSQL), migrated like production. Each query runs through the production service functions over the whole
// year (the widest range the API allows), a 30-day and a 1-day range, RUNS times (default 5), warm; prints the
// median and worst latency. Goal: each ≤ 300 ms. topReaders and newClients (served from rollups) are first checked
// equal to their ledger-only computation (`direct`) on every range, and both are timed in the same process.
import { randomBytes } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createPrisma } from '../shared/db/client.js';
import { MIGRATIONS_DIR } from '../shared/db/migrations.js';
import { analyticsRange, type AnalyticsRange } from '../shared/analytics-range.js';
import * as money from '../subgraphs/payments/services/analytics.js';
import * as readings from '../subgraphs/readings/services/analytics.js';

const base = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const ROWS = Number(process.env.ROWS ?? 1_000_000);
const RUNS = Number(process.env.RUNS ?? 5);
const CLIENTS = 20_000;
const READERS = 2_000;
const SESSIONS = 200_000;
const schema = `bench_${randomBytes(5).toString('hex')}`;
const out = (line: string) => process.stdout.write(`${line}\n`);

const admin = new pg.Client({ connectionString: base });
await admin.connect();
await admin.query(`CREATE SCHEMA "${schema}"`);
await admin.query(`SET search_path TO "${schema}"`);
try {
  const dirs = (await readdir(MIGRATIONS_DIR, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  for (const d of dirs) {
    const sql = await readFile(path.join(MIGRATIONS_DIR, d, 'migration.sql'), 'utf8');
    await admin.query(sql.replace(/CREATE SCHEMA IF NOT EXISTS "public";/g, ''));
  }
  const t0 = Date.now();
  // Users: clients created over the year, readers before it.
  await admin.query(`
    INSERT INTO users (id, email, role, status, created_at, updated_at)
    SELECT 'bc' || i, 'bc' || i || '@bench.test', 'CLIENT', 'ACTIVE', now() - (random() * interval '365 days'), now()
      FROM generate_series(1, ${CLIENTS}) i`);
  await admin.query(`
    INSERT INTO users (id, email, role, status, created_at, updated_at)
    SELECT 'br' || i, 'br' || i || '@bench.test', 'READER', 'ACTIVE', now() - interval '400 days', now()
      FROM generate_series(1, ${READERS}) i`);
  // Earnings accounts with unpaid balances (some over the payout threshold).
  await admin.query(`
    INSERT INTO ledger_accounts (id, code, kind, user_id, balance_cents, updated_at)
    SELECT 'ble' || i, 'earnings:br' || i, 'READER_EARNINGS', 'br' || i, (random() * 5000)::int, now() FROM generate_series(1, ${READERS}) i`);
  // The ledger: a year of transactions, by type roughly as the product runs (most are billed minutes).
  await admin.query(`
    INSERT INTO transactions (id, external_id, idempotency_key, user_id, type, status, amount_cents, reader_id,
                              reader_earnings_cents, platform_revenue_cents, metadata, created_at, updated_at)
    SELECT 'bt' || i, 'bx' || i, 'bench:' || i, 'bc' || (1 + (i * 7919) % ${CLIENTS}),
           t.type::"TransactionType", 'COMPLETED', t.amount,
           CASE WHEN t.type IN ('ADD_FUNDS', 'REFUND') THEN NULL ELSE 'br' || (1 + (i * 104729) % ${READERS}) END,
           CASE WHEN t.type = 'ADD_FUNDS' THEN NULL ELSE (t.amount * 7) / 10 END,
           CASE WHEN t.type = 'ADD_FUNDS' THEN NULL ELSE t.amount - (t.amount * 7) / 10 END,
           t.meta, now() - (random() * interval '365 days'), now()
      FROM generate_series(1::bigint, ${ROWS}) i
      CROSS JOIN LATERAL (
        SELECT CASE WHEN i % 100 < 70 THEN 'SESSION_CHARGE' WHEN i % 100 < 80 THEN 'ADD_FUNDS' WHEN i % 100 < 88 THEN 'GIFT_PURCHASE'
                    WHEN i % 100 < 98 THEN 'PURCHASE' ELSE 'REFUND' END AS type,
               (100 + (i % 900))::int AS amount,
               CASE WHEN i % 100 BETWEEN 88 AND 92 THEN '{"kind":"PAID_REPLY"}'::jsonb
                    WHEN i % 100 BETWEEN 93 AND 95 THEN '{"kind":"STREAM_ENTRY"}'::jsonb
                    WHEN i % 100 BETWEEN 96 AND 97 THEN '{"kind":"ORDER"}'::jsonb END AS meta) t`);
  await admin.query(`
    INSERT INTO sessions (id, external_id, client_id, reader_id, type, status, rate_cents, billed_minutes, created_at, updated_at)
    SELECT 'bs' || i, 'bse' || i, 'bc' || (1 + (i * 31) % ${CLIENTS}), 'br' || (1 + (i * 17) % ${READERS}), 'CHAT',
           CASE WHEN i <= 200 THEN 'IN_PROGRESS' ELSE 'COMPLETED' END::"SessionStatus", 199, 1 + i % 40,
           now() - (random() * interval '365 days'), now()
      FROM generate_series(1, ${SESSIONS}) i`);
  await admin.query('ANALYZE');
  out(`seeded ${ROWS.toLocaleString('en')} transactions, ${CLIENTS + READERS} users, ${SESSIONS.toLocaleString('en')} sessions in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const prisma = createPrisma(url.toString(), { schema, max: 1 });
  const ctx = { prisma };
  const now = Date.now();
  const ranges: Array<[string, AnalyticsRange]> = [
    ['366 days', analyticsRange(new Date(now - 366 * 86_400_000), new Date(now))],
    ['30 days', analyticsRange(new Date(now - 30 * 86_400_000), new Date(now))],
    ['1 day', analyticsRange(new Date(now - 86_400_000), new Date(now))],
  ];
  const queries: Array<[string, (r: AnalyticsRange) => Promise<unknown>]> = [
    ['revenueByDay', (r) => money.revenueByDay(ctx, r)],
    ['payoutsDue', () => money.payoutsDue(ctx)],
    ['topReaders(10)', (r) => money.topReaders(ctx, r, 10)],
    ['topReaders(10) direct', (r) => money.topReadersDirect(ctx, r, 10)],
    ['newClients', (r) => money.newClients(ctx, r)],
    ['newClients direct', (r) => money.newClientsDirect(ctx, r)],
    ['minutesPerReader(20)', (r) => readings.minutesPerReader(ctx, r, 20)],
    ['activeSessionsNow', () => readings.activeSessionsNow(ctx)],
  ];
  // The rollups must answer exactly what the ledger says: checked on every range before timing anything.
  for (const [label, range] of ranges) {
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
    if (!same(await money.topReaders(ctx, range, 10), await money.topReadersDirect(ctx, range, 10))) throw new Error(`topReaders differs from the ledger over ${label}`);
    if (!same(await money.newClients(ctx, range), await money.newClientsDirect(ctx, range))) throw new Error(`newClients differs from the ledger over ${label}`);
  }
  out('topReaders and newClients equal their direct computation on every range');
  const cpu0 = process.cpuUsage();
  out(`host: ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), load ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}; ${RUNS} warm runs each`);
  out('| query | range | median ms | worst ms |');
  out('| --- | --- | ---: | ---: |');
  let worst = 0;
  for (const [name, run] of queries) {
    for (const [label, range] of ranges) {
      await run(range); // warm
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t = performance.now();
        await run(range);
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      if (!name.endsWith('direct')) worst = Math.max(worst, times[times.length - 1]!);
      out(`| ${name} | ${label} | ${times[Math.floor(times.length / 2)]!.toFixed(1)} | ${times[times.length - 1]!.toFixed(1)} |`);
      if (name === 'payoutsDue' || name === 'activeSessionsNow') break; // not range-bound
    }
  }
  out(`worst of all: ${worst.toFixed(1)} ms (goal ≤ 300 ms); "direct" rows are the ledger-only reference, not served`);
  const cpu = process.cpuUsage(cpu0);
  out(`bench process CPU (client side only: the queries run in PostgreSQL) ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms; load at the end ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  await prisma.$disconnect();
} finally {
  if (!process.env.KEEP_SCHEMA) await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
  await admin.end();
}
