// npm run bench:billing — the production billing sweep (readings' billingSweep, services/billing-sweep.ts: find the sessions
// whose next minute started, ONE set-based payments.chargeSessionMinutes call, session rows moved forward in one
// statement, MINUTE_CHARGED events, sessions that cannot pay ended through finish) over 10,000 in-progress sessions,
// next to the money-only set-based call and the naive baseline (the previous per-session tick: one transaction per
// session), in the same run, on a scratch schema of DATABASE_URL / TEST_DATABASE_URL (default: the machine's
// PostgreSQL). Checks the ledger invariants and that every session's billedMinutes/totalCostCents match its charges.
// SESSIONS, NAIVE_SESSIONS and BROKE_PERCENT (sessions that cannot pay minute 2, default 1) override the sizes.
import { randomBytes } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createPrisma } from '../shared/db/client.js';
import { MIGRATIONS_DIR } from '../shared/db/migrations.js';
import { createPubSub } from '../shared/pubsub.js';
import { migrateJobs } from '../shared/jobs.js';
import { createMoney } from '../subgraphs/payments/services/money.js';
import { createAccountsPort } from '../subgraphs/accounts/ports.js';
import { CLEAN, checkLedger } from '../subgraphs/payments/testing/fixtures.js';
import { backgroundContext } from '../shared/context.js';
import { billingSweep, billSession, type BillingSweepResult } from '../subgraphs/readings/services/billing-sweep.js';
import { LiveKitService } from '../subgraphs/readings/services/livekit.js';

const base = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const N = Number(process.env.SESSIONS ?? 10_000);
const NAIVE = Number(process.env.NAIVE_SESSIONS ?? N);
const BROKE = Math.round((N * Number(process.env.BROKE_PERCENT ?? 1)) / 100);
const RATE = 199;
const FUNDS = 10_000;
const BROKE_FUNDS = 250; // pays minute 1, not minute 2
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
// One connection: every query of the measured sweep runs on one PostgreSQL backend, whose CPU time we can read, so
// the figures can be judged apart from the other load on a shared machine.
const prisma = createPrisma(url.toString(), { schema, max: 1 });
const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
const sql = async <T>(text: string, values?: unknown[]) => (await pool.query(text, values)).rows as T[];
const pubsub = createPubSub({ prefix: `${schema}:` });
// Money queues its outbox job (walletUpdated, auto-reload) in each charging transaction, as in production; no runner
// takes them here. The queue is the tests' (installing a new one would restart every worker on the database), under
// this run's prefix, emptied at the end.
const jobs = { connectionString: base, schema: process.env.BENCH_JOBS_SCHEMA ?? 'test_jobs', prefix: `${schema}:` };
await migrateJobs(jobs);
const money = createMoney(prisma, pubsub, jobs);
const livekit = new LiveKitService({ url: null, apiKey: 'bench', apiSecret: 'bench-secret-bench-secret-bench-secret' });
// The production services' context, without a job queue (the bench calls the sweep the job runs).
const clock = () => new Date();
const accounts = createAccountsPort();
const readings = backgroundContext({ prisma, pubsub }, { readings: { money, accounts, livekit, jobs: null, clock } });
// A second instance with its own pool, for the racing-sweeps check.
const prisma2 = createPrisma(url.toString(), { schema, max: 4 });
const readings2 = backgroundContext({ prisma: prisma2, pubsub }, { readings: { money: createMoney(prisma2, pubsub, jobs), accounts, livekit, jobs: null, clock } });

/** Makes `seconds` of connected time pass for every running session (as readings' test helper does for one). */
const timeTravel = (seconds: number) =>
  sql(`UPDATE sessions SET started_at = started_at - make_interval(secs => $1), resumed_at = resumed_at - make_interval(secs => $1)
        WHERE status = 'IN_PROGRESS' AND resumed_at IS NOT NULL`, [seconds]);

try {
  // N sweep sessions (the first BROKE of them cannot pay minute 2) and NAIVE baseline sessions, each with its own
  // client and reader (one active session per reader is a database rule), every wallet funded with a balanced
  // adjustment, all set-based. Baseline sessions stay paused (resumed_at null) until their phase.
  const total = N + NAIVE;
  console.log(`setting up ${total} sessions…`);
  await sql(`INSERT INTO users (id, email, role, updated_at)
             SELECT p || g, p || g || '@bench.dev', r::"UserRole", now()
               FROM generate_series(1, $1) g, (VALUES ('c', 'CLIENT'), ('r', 'READER')) v(p, r)`, [total]);
  await sql(`INSERT INTO readers (id, user_id, first_name, last_name, display_name, status, updated_at)
             SELECT 'r' || g, 'r' || g, 'Bench', 'Reader', 'Reader ' || g, 'BUSY', now() FROM generate_series(1, $1) g`, [total]);
  await sql(`INSERT INTO sessions (id, external_id, client_id, reader_id, type, status, rate_cents, accepted_at, started_at, resumed_at,
                                   client_connected, reader_connected, updated_at)
             SELECT 's' || g, 's' || g, 'c' || g, 'r' || g, 'CHAT', 'IN_PROGRESS', $3, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC',
                    CASE WHEN g <= $2 THEN now() AT TIME ZONE 'UTC' END, true, true, now()
               FROM generate_series(1, $1) g`, [total, N, RATE]);
  await money.chargeSessionMinutes([]); // no-op
  await money.checkSessionFunds('c1', RATE);
  await sql(`INSERT INTO ledger_accounts (id, code, kind, allow_negative, updated_at) VALUES
             ('platform:adjustments', 'platform:adjustments', 'ADJUSTMENTS', true, now()),
             ('platform:revenue', 'platform:revenue', 'PLATFORM_REVENUE', false, now()) ON CONFLICT DO NOTHING`);
  const fundsOf = `(CASE WHEN g <= ${BROKE} THEN ${BROKE_FUNDS} ELSE ${FUNDS} END)`;
  await sql(`INSERT INTO ledger_accounts (id, code, kind, user_id, balance_cents, updated_at)
             SELECT 'wallet:c' || g, 'wallet:c' || g, 'CLIENT_WALLET', 'c' || g, ${fundsOf}, now() FROM generate_series(1, $1) g`, [total]);
  await sql(`INSERT INTO wallets (id, user_id, account_id, updated_at) SELECT 'wallet:c' || g, 'c' || g, 'wallet:c' || g, now() FROM generate_series(1, $1) g`, [total]);
  await sql(`BEGIN`);
  await sql(`INSERT INTO transactions (id, external_id, idempotency_key, user_id, type, status, amount_cents, reason, updated_at)
             SELECT 'fund' || g, 'fund' || g, 'bench-fund-' || g, 'c' || g, 'ADJUSTMENT', 'COMPLETED', ${fundsOf}, 'bench credit', now() FROM generate_series(1, $1) g`, [total]);
  await sql(`INSERT INTO ledger_entries (id, transaction_id, account_id, amount_cents)
             SELECT 'fw' || g, 'fund' || g, 'wallet:c' || g, ${fundsOf} FROM generate_series(1, $1) g
             UNION ALL SELECT 'fa' || g, 'fund' || g, 'platform:adjustments', -${fundsOf} FROM generate_series(1, $1) g`, [total]);
  await sql(`UPDATE ledger_accounts SET balance_cents = -(SELECT sum(balance_cents) FROM ledger_accounts WHERE kind = 'CLIENT_WALLET') WHERE id = 'platform:adjustments'`);
  await sql(`COMMIT`);
  await sql(`INSERT INTO ledger_accounts (id, code, kind, user_id, updated_at)
             SELECT 'earnings:r' || g, 'earnings:r' || g, 'READER_EARNINGS', 'r' || g, now() FROM generate_series(1, $1) g`, [total]);
  await sql('ANALYZE');

  const [{ pid }] = await prisma.$queryRawUnsafe<Array<{ pid: number }>>('SELECT pg_backend_pid() AS pid');
  const backendCpuMs = async () => {
    try {
      const fields = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
      return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 10 ms
    } catch {
      return Number.NaN; // PostgreSQL on another host
    }
  };
  const measure = async <T>(fn: () => Promise<T>) => {
    const pg0 = await backendCpuMs();
    const node0 = process.cpuUsage();
    const t0 = performance.now();
    const value = await fn();
    const ms = performance.now() - t0;
    const node = process.cpuUsage(node0);
    return { value, ms, cpu: { pg: (await backendCpuMs()) - pg0, node: (node.user + node.system) / 1000 } };
  };
  const expectSweep = (label: string, r: BillingSweepResult, want: Partial<BillingSweepResult>) => {
    for (const [k, v] of Object.entries(want)) {
      if (r[k as keyof BillingSweepResult] !== v) throw new Error(`${label}: ${k} = ${JSON.stringify(r[k as keyof BillingSweepResult])}, expected ${v} (${JSON.stringify(r)})`);
    }
  };
  const phases = (r: BillingSweepResult) => `select ${r.ms.select} + charge ${r.ms.charge} + apply ${r.ms.apply} + end ${r.ms.end} ms`;

  // 1. The production sweep: minute 1 of all N (cold), then minute 2 one minute later (BROKE sessions end).
  const cold = await measure(() => billingSweep(readings));
  expectSweep('sweep minute 1', cold.value, { due: N, minutes: N, charged: N, advanced: N, ended: 0 });
  await timeTravel(60);
  const warm = await measure(() => billingSweep(readings));
  expectSweep('sweep minute 2', warm.value, { due: N, minutes: N, charged: N - BROKE, advanced: N - BROKE, ended: BROKE });
  const idle = await measure(() => billingSweep(readings));
  expectSweep('idle sweep', idle.value, { due: 0, charged: 0 });

  // 2. Money only (what this bench measured before): payments' set-based call for minute 3 of the running sessions.
  const running = Array.from({ length: N - BROKE }, (_, i) => {
    const g = BROKE + 1 + i;
    return { sessionId: `s${g}`, clientId: `c${g}`, readerId: `r${g}`, minute: 3, rateCents: RATE };
  });
  const moneyOnly = await measure(() => money.chargeSessionMinutes(running));
  if (moneyOnly.value.some((r) => r.status !== 'CHARGED')) throw new Error('money-only call: not every minute charged');

  // 3. Recovery: minute 3 is in the ledger but the rows were not moved (as after a sweep killed between payments'
  // commit and its row update): the next sweep moves every row and charges nothing.
  await timeTravel(60);
  const recovery = await measure(() => billingSweep(readings));
  expectSweep('recovery sweep', recovery.value, { due: N - BROKE, minutes: N - BROKE, charged: 0, advanced: N - BROKE, ended: 0 });

  // 4. Two instances sweep minute 4 at once: each minute is charged once between them.
  await timeTravel(60);
  const raceT0 = performance.now();
  const race = await Promise.all([billingSweep(readings), billingSweep(readings2)]);
  const raceMs = performance.now() - raceT0;
  if (race[0].charged + race[1].charged !== N - BROKE) throw new Error(`racing sweeps charged ${race[0].charged} + ${race[1].charged}, expected ${N - BROKE}`);

  // 5. Naive baseline: the previous per-session tick (one transaction per session: row lock, charge, row update,
  // event), one session after the other, on the baseline sessions.
  await sql(`UPDATE sessions SET resumed_at = now() AT TIME ZONE 'UTC' WHERE id = ANY($1::text[])`, [Array.from({ length: NAIVE }, (_, i) => `s${N + 1 + i}`)]);
  const naive = await measure(async () => {
    for (let i = 0; i < NAIVE; i++) await billSession(readings, `s${N + 1 + i}`);
  });

  // Checks, straight from SQL.
  const afterAll = await checkLedger(sql);
  if (JSON.stringify(afterAll) !== JSON.stringify(CLEAN)) throw new Error(`ledger invariants broken: ${JSON.stringify(afterAll)}`);
  const [mismatch] = await sql<{ n: string }>(`
    SELECT count(*) AS n FROM sessions s
      LEFT JOIN (SELECT session_id, count(*) AS n, sum(amount_cents) AS amt, max(session_minute) AS mx
                   FROM transactions WHERE type = 'SESSION_CHARGE' GROUP BY session_id) t ON t.session_id = s.id
     WHERE s.billed_minutes <> COALESCE(t.n, 0) OR s.total_cost_cents <> COALESCE(t.amt, 0) OR COALESCE(t.mx, 0) <> COALESCE(t.n, 0)`);
  if (Number(mismatch!.n) !== 0) throw new Error(`${mismatch!.n} sessions whose billedMinutes/totalCostCents differ from their charges`);
  const states = await sql<{ status: string; end_reason: string | null; billed: number; n: string }>(`
    SELECT status, end_reason, billed_minutes AS billed, count(*) AS n FROM sessions GROUP BY 1, 2, 3 ORDER BY 1, 3`);
  const count = (status: string, billed: number) => Number(states.find((s) => s.status === status && s.billed === billed)?.n ?? 0);
  if (count('COMPLETED', 1) !== BROKE || states.find((s) => s.status === 'COMPLETED' && s.end_reason !== 'INSUFFICIENT_FUNDS')) {
    throw new Error(`unpaid sessions not ended as INSUFFICIENT_FUNDS: ${JSON.stringify(states)}`);
  }
  if (count('IN_PROGRESS', 4) !== N - BROKE || count('IN_PROGRESS', 1) !== NAIVE) throw new Error(`unexpected session states: ${JSON.stringify(states)}`);
  const [{ charges, revenue, earnings }] = await sql<{ charges: string; revenue: string; earnings: string }>(`
    SELECT (SELECT sum(billed_minutes) FROM sessions) AS charges,
           (SELECT balance_cents FROM ledger_accounts WHERE id = 'platform:revenue') AS revenue,
           (SELECT sum(balance_cents) FROM ledger_accounts WHERE kind = 'READER_EARNINGS') AS earnings`);
  const expected = BROKE * 1 + (N - BROKE) * 4 + NAIVE;
  if (Number(charges) !== expected || Number(revenue) + Number(earnings) !== expected * RATE) throw new Error('totals do not add up');

  // Outbox jobs: one per set-based charging call (sweeps, money-only call), one per naive per-session charge.
  const [outbox] = await sql<{ sets: number; single: number }>(
    `SELECT count(*) FILTER (WHERE json_array_length(j.payload->'users') > 1)::int AS sets, count(*) FILTER (WHERE json_array_length(j.payload->'users') = 1)::int AS single
       FROM "${jobs.schema}"._private_jobs j JOIN "${jobs.schema}"._private_tasks t ON t.id = j.task_id WHERE t.identifier = $1`,
    [`${jobs.prefix}payments.money-moved`],
  );
  const tick = warm.ms;
  const naivePer = naive.ms / NAIVE;
  const naiveFor = naivePer * N;
  const cpu = (c: { pg: number; node: number }) => `${(c.pg + c.node).toFixed(0)} ms (PostgreSQL backend ${c.pg.toFixed(0)} + node ${c.node.toFixed(0)})`;
  const [load1] = os.loadavg();
  console.log('');
  console.log(`billing sweep (production code), ${N} in-progress sessions at ${RATE}¢/min, ${BROKE} of which cannot pay minute 2 (PostgreSQL, ${schema})`);
  console.log(`  sweep, minute 1 (cold):                 ${cold.ms.toFixed(0)} ms  [${phases(cold.value)}]`);
  console.log(`  sweep, minute 2:                        ${tick.toFixed(0)} ms  [${phases(warm.value)}]  (${N - BROKE} charged, ${BROKE} ended)`);
  console.log(`    CPU:                                  ${cpu(warm.cpu)}`);
  console.log(`  money-only chargeSessionMinutes, ${N - BROKE}: ${moneyOnly.ms.toFixed(0)} ms  CPU ${cpu(moneyOnly.cpu)}`);
  console.log(`  recovery sweep (charged, rows behind):  ${recovery.ms.toFixed(0)} ms  [${phases(recovery.value)}]`);
  console.log(`  idle sweep (nothing due):               ${idle.ms.toFixed(0)} ms`);
  console.log(`  two instances sweeping at once:         ${raceMs.toFixed(0)} ms  (charged ${race[0].charged} + ${race[1].charged}, each minute once)`);
  console.log(`  naive, previous per-session tick, ${NAIVE} sequential: ${naive.ms.toFixed(0)} ms  (${naivePer.toFixed(2)} ms/session)  CPU ${cpu(naive.cpu)}`);
  if (NAIVE !== N) console.log(`  naive extrapolated to ${N}:            ${naiveFor.toFixed(0)} ms`);
  console.log(`  speed-up sweep vs naive:                ${(naiveFor / tick).toFixed(1)}x wall, ${((((naive.cpu.pg + naive.cpu.node) / NAIVE) * N) / (warm.cpu.pg + warm.cpu.node)).toFixed(1)}x CPU`);
  console.log(`  outbox jobs queued:                     ${outbox!.sets} for set-based calls, ${outbox!.single} for single charges`);
  console.log(`  machine load during the run:            ${load1!.toFixed(1)} (1-min average) on ${os.cpus().length} cores`);
  console.log(`  goal ≤ 2000 ms for ${N}:                  ${tick <= 2000 ? 'met' : 'MISSED'} (sweep, minute 2, wall clock)`);
  console.log(`  checks: ledger invariants (balanced, balances = entries, none negative, splits exact); every session's`);
  console.log(`          billedMinutes/totalCostCents = its charges; ${BROKE} unpaid sessions ended INSUFFICIENT_FUNDS; totals add up`);
} finally {
  await pubsub.close();
  await prisma.$disconnect();
  await prisma2.$disconnect();
  await pool.end();
  await admin.query(
    `DELETE FROM "${jobs.schema}"._private_jobs j USING "${jobs.schema}"._private_tasks t WHERE j.task_id = t.id AND t.identifier LIKE $1`,
    [`${jobs.prefix}%`],
  );
  if (!process.env.KEEP_SCHEMA) await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
  await admin.end();
}
