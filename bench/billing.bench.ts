// npm run bench:billing — one billing tick over 10,000 in-progress sessions (set-based chargeSessionMinutes)
// against the naive baseline (one database transaction per charge, issued sequentially), in the same run, on a
// scratch schema of DATABASE_URL / TEST_DATABASE_URL (default: the machine's PostgreSQL). Checks the ledger
// invariants after each phase. SESSIONS and NAIVE_SESSIONS override the sizes.
import { randomBytes } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createPrisma } from '../shared/db/client.js';
import { MIGRATIONS_DIR } from '../shared/db/migrations.js';
import { createPubSub } from '../shared/pubsub.js';
import { createMoney } from '../subgraphs/payments/services/money.js';
import { CLEAN, checkLedger } from '../subgraphs/payments/testing/fixtures.js';

const base = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const N = Number(process.env.SESSIONS ?? 10_000);
const NAIVE = Number(process.env.NAIVE_SESSIONS ?? N);
const RATE = 199;
const schema = `bench_${randomBytes(5).toString('hex')}`;

const admin = new pg.Client({ connectionString: base });
await admin.connect();
await admin.query(`CREATE SCHEMA "${schema}"`);
await admin.query(`SET search_path TO "${schema}"`);
const dirs = (await readdir(MIGRATIONS_DIR, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
for (const d of dirs) {
  const sql = await readFile(path.join(MIGRATIONS_DIR, d, 'migration.sql'), 'utf8');
  await admin.query(sql.replace(/CREATE SCHEMA IF NOT EXISTS "public";/g, ''));
}
const url = new URL(base);
url.searchParams.set('options', `-c search_path=${schema}`);
// One connection: every query of the bench runs on one PostgreSQL backend, whose CPU time we can read, so the
// figures can be judged apart from the other load on a shared machine.
const prisma = createPrisma(url.toString(), { schema, max: 1 });
const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
const sql = async <T>(text: string, values?: unknown[]) => (await pool.query(text, values)).rows as T[];
const pubsub = createPubSub({ prefix: `${schema}:` });
const money = createMoney(prisma, pubsub);

try {
  // N clients and N readers (one active session per reader is a database rule), N in-progress sessions, and
  // every wallet funded with a balanced adjustment, all set-based.
  const total = N + NAIVE;
  console.log(`setting up ${total} sessions…`);
  await sql(`INSERT INTO users (id, email, role, updated_at)
             SELECT p || g, p || g || '@bench.dev', r::"UserRole", now()
               FROM generate_series(1, $1) g, (VALUES ('c', 'CLIENT'), ('r', 'READER')) v(p, r)`, [total]);
  await sql(`INSERT INTO sessions (id, external_id, client_id, reader_id, type, status, rate_cents, started_at, updated_at)
             SELECT 's' || g, 's' || g, 'c' || g, 'r' || g, 'CHAT', 'IN_PROGRESS', $2, now(), now() FROM generate_series(1, $1) g`, [total, RATE]);
  await money.chargeSessionMinutes([]); // no-op
  await money.checkSessionFunds('c1', RATE);
  await sql(`INSERT INTO ledger_accounts (id, code, kind, allow_negative, updated_at) VALUES
             ('platform:adjustments', 'platform:adjustments', 'ADJUSTMENTS', true, now()),
             ('platform:revenue', 'platform:revenue', 'PLATFORM_REVENUE', false, now()) ON CONFLICT DO NOTHING`);
  await sql(`INSERT INTO ledger_accounts (id, code, kind, user_id, balance_cents, updated_at)
             SELECT 'wallet:c' || g, 'wallet:c' || g, 'CLIENT_WALLET', 'c' || g, 10000, now() FROM generate_series(1, $1) g`, [total]);
  await sql(`INSERT INTO wallets (id, user_id, account_id, updated_at) SELECT 'wallet:c' || g, 'c' || g, 'wallet:c' || g, now() FROM generate_series(1, $1) g`, [total]);
  await sql(`BEGIN`);
  await sql(`INSERT INTO transactions (id, external_id, idempotency_key, user_id, type, status, amount_cents, reason, updated_at)
             SELECT 'fund' || g, 'fund' || g, 'bench-fund-' || g, 'c' || g, 'ADJUSTMENT', 'COMPLETED', 10000, 'bench credit', now() FROM generate_series(1, $1) g`, [total]);
  await sql(`INSERT INTO ledger_entries (id, transaction_id, account_id, amount_cents)
             SELECT 'fw' || g, 'fund' || g, 'wallet:c' || g, 10000 FROM generate_series(1, $1) g
             UNION ALL SELECT 'fa' || g, 'fund' || g, 'platform:adjustments', -10000 FROM generate_series(1, $1) g`, [total]);
  await sql(`UPDATE ledger_accounts SET balance_cents = -10000::bigint * $1 WHERE id = 'platform:adjustments'`, [total]);
  await sql(`COMMIT`);
  await sql(`INSERT INTO ledger_accounts (id, code, kind, user_id, updated_at)
             SELECT 'earnings:r' || g, 'earnings:r' || g, 'READER_EARNINGS', 'r' || g, now() FROM generate_series(1, $1) g`, [total]);
  await sql('ANALYZE');
  const inputs = (from: number, count: number, minute: number) =>
    Array.from({ length: count }, (_, i) => {
      const g = from + i;
      return { sessionId: `s${g}`, clientId: `c${g}`, readerId: `r${g}`, minute, rateCents: RATE };
    });

  // Set-based tick: all N sessions, minute 1, then minute 2 (warm), then a replay of minute 2 (all already charged).
  const [{ pid }] = await prisma.$queryRawUnsafe<Array<{ pid: number }>>('SELECT pg_backend_pid() AS pid');
  const backendCpuMs = async () => {
    try {
      const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 10 ms
    } catch {
      return Number.NaN; // PostgreSQL on another host
    }
  };
  const tickTimes: number[] = [];
  const tickCpu: Array<{ pg: number; node: number }> = [];
  for (const minute of [1, 2]) {
    const pg0 = await backendCpuMs();
    const node0 = process.cpuUsage();
    const t0 = performance.now();
    const results = await money.chargeSessionMinutes(inputs(1, N, minute));
    tickTimes.push(performance.now() - t0);
    const node1 = process.cpuUsage(node0);
    tickCpu.push({ pg: (await backendCpuMs()) - pg0, node: (node1.user + node1.system) / 1000 });
    const charged = results.filter((r) => r.status === 'CHARGED').length;
    if (charged !== N) throw new Error(`tick minute ${minute}: ${charged}/${N} charged`);
  }
  const t1 = performance.now();
  const replay = await money.chargeSessionMinutes(inputs(1, N, 2));
  const replayMs = performance.now() - t1;
  if (replay.some((r) => r.status !== 'ALREADY_CHARGED')) throw new Error('replayed tick charged again');
  const afterTick = await checkLedger(sql);
  if (JSON.stringify(afterTick) !== JSON.stringify(CLEAN)) throw new Error(`invariants broken after tick: ${JSON.stringify(afterTick)}`);

  // Naive baseline: one transaction per charge, one after the other, on fresh sessions.
  const naiveInputs = inputs(N + 1, NAIVE, 1);
  const naivePg0 = await backendCpuMs();
  const naiveNode0 = process.cpuUsage();
  const t2 = performance.now();
  for (const input of naiveInputs) {
    const r = await money.chargeSessionMinute(input);
    if (r.status !== 'CHARGED') throw new Error(`naive charge failed: ${r.status}`);
  }
  const naiveMs = performance.now() - t2;
  const naiveNode = process.cpuUsage(naiveNode0);
  const naiveCpu = { pg: (await backendCpuMs()) - naivePg0, node: (naiveNode.user + naiveNode.system) / 1000 };
  const afterNaive = await checkLedger(sql);
  if (JSON.stringify(afterNaive) !== JSON.stringify(CLEAN)) throw new Error(`invariants broken after naive run: ${JSON.stringify(afterNaive)}`);
  const [{ wallets, revenue, earnings }] = await sql<{ wallets: string; revenue: string; earnings: string }>(`
    SELECT (SELECT sum(balance_cents) FROM ledger_accounts WHERE kind = 'CLIENT_WALLET') AS wallets,
           (SELECT balance_cents FROM ledger_accounts WHERE id = 'platform:revenue') AS revenue,
           (SELECT sum(balance_cents) FROM ledger_accounts WHERE kind = 'READER_EARNINGS') AS earnings`);
  const charges = 2 * N + NAIVE;
  if (Number(wallets) !== total * 10000 - charges * RATE || Number(revenue) + Number(earnings) !== charges * RATE) {
    throw new Error('totals do not add up');
  }

  const tick = tickTimes[1]!;
  const naivePer = naiveMs / NAIVE;
  const naiveFor = naivePer * N;
  console.log('');
  console.log(`billing tick, ${N} sessions at ${RATE}¢/min (PostgreSQL, ${schema})`);
  console.log(`  set-based tick, minute 1 (cold):       ${tickTimes[0]!.toFixed(0)} ms  (${Math.round((N / tickTimes[0]!) * 1000)} charges/s)`);
  console.log(`  set-based tick, minute 2:              ${tick.toFixed(0)} ms  (${Math.round((N / tick) * 1000)} charges/s)`);
  console.log(`  replayed tick (all already charged):   ${replayMs.toFixed(0)} ms`);
  console.log(`  naive, ${NAIVE} sequential transactions: ${naiveMs.toFixed(0)} ms  (${naivePer.toFixed(2)} ms/charge, ${Math.round(1000 / naivePer)} charges/s)`);
  if (NAIVE !== N) console.log(`  naive extrapolated to ${N}:           ${naiveFor.toFixed(0)} ms`);
  console.log(`  speed-up set-based vs naive:           ${(naiveFor / tick).toFixed(1)}x`);
  const cpu = tickCpu[1]!;
  console.log(`  CPU of tick, minute 2:                 ${(cpu.pg + cpu.node).toFixed(0)} ms (PostgreSQL backend ${cpu.pg.toFixed(0)} ms + node ${cpu.node.toFixed(0)} ms)`);
  console.log(`  CPU of naive run:                      ${(naiveCpu.pg + naiveCpu.node).toFixed(0)} ms for ${NAIVE} (PostgreSQL backend ${naiveCpu.pg.toFixed(0)} ms + node ${naiveCpu.node.toFixed(0)} ms); CPU ratio ${(((naiveCpu.pg + naiveCpu.node) / NAIVE) * N / (cpu.pg + cpu.node)).toFixed(1)}x`);
  console.log(`  machine load during the run:           ${os.loadavg()[0]!.toFixed(1)} (1-min average) on ${os.cpus().length} cores`);
  console.log(`  goal ≤ 2000 ms for ${N}:                 ${tick <= 2000 ? 'met' : 'MISSED'} (wall clock)`);
  console.log(`  invariants after tick and after naive run: every transaction sums to zero, balances = entries, none negative, splits exact`);
} finally {
  await pubsub.close();
  await prisma.$disconnect();
  await pool.end();
  if (!process.env.KEEP_SCHEMA) await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
  await admin.end();
}
