// npm run bench:billing — the production billing sweep (readings' billingSweep, services/billing-sweep.ts: find the sessions
// whose next minute started, ONE set-based payments.chargeSessionMinutes call, session rows moved forward in one
// statement, MINUTE_CHARGED events, sessions that cannot pay ended through finish) over 10,000 in-progress sessions,
// next to the floor peer (billing-data.ts FLOOR_SQL: the same rows written by one plain statement, on its own
// connection), the money-only set-based call and the naive baseline (the previous per-session tick: one transaction
// per session), in the same run, on a scratch schema of DATABASE_URL / TEST_DATABASE_URL (default: the machine's
// PostgreSQL). Checks the ledger invariants and that every session's billedMinutes/totalCostCents match its charges.
// Knobs: BENCH_SESSIONS=1000,10000,50000 runs each size on its own schema and prints a growth table (SESSIONS is the
// one-size spelling); NAIVE_SESSIONS (default min(size, 300)); BROKE_PERCENT (cannot pay minute 2, default 1);
// BENCH_SQL=1 counts the SQL statements (round trips) of the sweep's connection through bench/sql-counter.ts.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import pg from 'pg';
import { createPrisma } from '../shared/db/client.js';
import { createPubSub } from '../shared/pubsub.js';
import { migrateJobs } from '../shared/jobs.js';
import { createMoney } from '../subgraphs/payments/services/money.js';
import { createAccountsPort } from '../subgraphs/accounts/ports.js';
import { CLEAN, checkLedger } from '../subgraphs/payments/testing/fixtures.js';
import { backgroundContext } from '../shared/context.js';
import { billingSweep, billSession, type BillingSweepResult } from '../subgraphs/readings/services/billing-sweep.js';
import { LiveKitService } from '../subgraphs/readings/services/livekit.js';
import { startSqlCounter } from './sql-counter.js';
import { createBillingSchema, floorIds, FLOOR_SQL, READER_SHARE_BPS, RATE, type Groups } from './billing-data.js';

const base = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const SIZES = (process.env.BENCH_SESSIONS ?? process.env.SESSIONS ?? '10000').split(',').map(Number);
const jobsSchema = process.env.BENCH_JOBS_SCHEMA ?? 'test_jobs';

/** What one size's run reports to the growth table. */
interface SizeFigures {
  n: number;
  sweepMs: number;
  sweepCpu: number;
  floorMs: number;
  floorCpu: number;
}

/** One size, on its own scratch schema: every phase, its checks and its report. */
async function runSize(N: number): Promise<SizeFigures> {
  const NAIVE = Number(process.env.NAIVE_SESSIONS ?? Math.min(N, 300));
  const BROKE = Math.round((N * Number(process.env.BROKE_PERCENT ?? 1)) / 100);
  const groups: Groups = { sweep: N, naive: NAIVE, floor: N, broke: BROKE };
  const schema = `bench_${randomBytes(5).toString('hex')}`;

  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  console.log(`setting up ${N + NAIVE + N} sessions (${N} swept, ${N} for the floor, ${NAIVE} naive)…`);
  await createBillingSchema(admin, schema, groups);
  // One connection: every query of the measured sweep runs on one PostgreSQL backend, whose CPU time we can read, so
  // the figures can be judged apart from the other load on a shared machine. The floor has its own (one) connection.
  // BENCH_SQL=1: the sweep's connection goes through a counting proxy (its work runs in this process: node CPU rises).
  const counter = process.env.BENCH_SQL ? await startSqlCounter(url) : null;
  const sweepUrl = new URL(url);
  if (counter) sweepUrl.host = `127.0.0.1:${counter.port}`;
  const prisma = createPrisma(sweepUrl.toString(), { schema, max: 1 });
  const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  const floorDb = new pg.Client({ connectionString: url.toString() });
  await floorDb.connect();
  const sql = async <T>(text: string, values?: unknown[]) => (await pool.query(text, values)).rows as T[];
  const pubsub = createPubSub({ prefix: `${schema}:` });
  // Money queues its outbox job (walletUpdated, auto-reload) in each charging transaction, as in production; no runner
  // takes them here. The queue is the tests' (installing a new one would restart every worker on the database), under
  // this run's prefix, emptied at the end.
  const jobs = { connectionString: base, schema: jobsSchema, prefix: `${schema}:` };
  await migrateJobs(jobs);
  const money = createMoney(prisma, pubsub, jobs);
  const livekit = new LiveKitService({ url: null, apiKey: 'bench', apiSecret: 'bench-secret-bench-secret-bench-secret' });
  // The production services' context, without a job queue (the bench calls the sweep the job runs).
  // A frozen clock: every phase's minute is set by moving connected time (timeTravel), never by how long the phases
  // before it took, so a loaded machine cannot make a later minute due early.
  const T0 = new Date();
  const clock = () => T0;
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
    await money.chargeSessionMinutes([]); // no-op
    await money.checkSessionFunds('c1', RATE);
    // The sweep's backend, asked again before each measurement: its pool closes a connection idle for 10 s (long phases).
    const sweepPid = async () => (await prisma.$queryRawUnsafe<Array<{ pid: number }>>('SELECT pg_backend_pid() AS pid'))[0]!.pid;
    const floorPid = (await floorDb.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    const backendCpuMs = async (of: number) => {
      try {
        const fields = (await readFile(`/proc/${of}/stat`, 'utf8')).split(') ')[1]!.split(' ');
        return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in clock ticks of 10 ms
      } catch {
        return Number.NaN; // PostgreSQL on another host
      }
    };
    const measure = async <T>(fn: () => Promise<T>, backendOf: () => Promise<number> = sweepPid) => {
      const backend = await backendOf();
      const statements0 = counter?.statements ?? 0;
      const pg0 = await backendCpuMs(backend);
      const node0 = process.cpuUsage();
      const t0 = performance.now();
      const value = await fn();
      const ms = performance.now() - t0;
      const node = process.cpuUsage(node0);
      const statements = counter ? counter.statements - statements0 : null;
      return { value, ms, statements, cpu: { pg: (await backendCpuMs(backend)) - pg0, node: (node.user + node.system) / 1000 } };
    };
    // The floor peer (billing-data.ts): the same minute of the floor group in one statement, on its own connection.
    const ids = floorIds(groups);
    const floorMinute = () =>
      measure(async () => (await floorDb.query<{ charged: number; ended: number }>(FLOOR_SQL, [ids, READER_SHARE_BPS])).rows[0]!, async () => floorPid);
    const expectSweep = (label: string, r: BillingSweepResult, want: Partial<BillingSweepResult>) => {
      for (const [k, v] of Object.entries(want)) {
        if (r[k as keyof BillingSweepResult] !== v) throw new Error(`${label}: ${k} = ${JSON.stringify(r[k as keyof BillingSweepResult])}, expected ${v} (${JSON.stringify(r)})`);
      }
    };
    const phases = (r: BillingSweepResult) => `select ${r.ms.select} + charge ${r.ms.charge} + apply ${r.ms.apply} + end ${r.ms.end} ms`;

    // 1. The production sweep: minute 1 of all N (cold), then minute 2 one minute later (BROKE sessions end).
    await sql(`UPDATE sessions SET started_at = $1::timestamptz AT TIME ZONE 'UTC', resumed_at = $1::timestamptz AT TIME ZONE 'UTC' WHERE resumed_at IS NOT NULL`, [T0.toISOString()]);
    const cold = await measure(() => billingSweep(readings));
    expectSweep('sweep minute 1', cold.value, { due: N, minutes: N, charged: N, advanced: N, ended: 0 });
    const floorCold = await floorMinute();
    if (floorCold.value.charged !== N) throw new Error(`floor minute 1 charged ${floorCold.value.charged}, expected ${N}`);
    await timeTravel(60);
    const warm = await measure(() => billingSweep(readings));
    const statements = warm.statements;
    expectSweep('sweep minute 2', warm.value, { due: N, minutes: N, charged: N - BROKE, advanced: N - BROKE, ended: BROKE });
    const floor = await floorMinute();
    if (floor.value.charged !== N - BROKE || floor.value.ended !== BROKE) throw new Error(`floor minute 2: ${JSON.stringify(floor.value)}`);
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
    await sql(`UPDATE sessions SET resumed_at = $2::timestamptz AT TIME ZONE 'UTC' WHERE id = ANY($1::text[])`, [Array.from({ length: NAIVE }, (_, i) => `s${N + 1 + i}`), T0.toISOString()]);
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
    if (count('COMPLETED', 1) !== 2 * BROKE || states.find((s) => s.status === 'COMPLETED' && s.end_reason !== 'INSUFFICIENT_FUNDS')) {
      throw new Error(`unpaid sessions not ended as INSUFFICIENT_FUNDS: ${JSON.stringify(states)}`);
    }
    if (count('IN_PROGRESS', 4) !== N - BROKE || count('IN_PROGRESS', 2) !== N - BROKE || count('IN_PROGRESS', 1) !== NAIVE) throw new Error(`unexpected session states: ${JSON.stringify(states)}`);
    const [{ charges, revenue, earnings }] = await sql<{ charges: string; revenue: string; earnings: string }>(`
      SELECT (SELECT sum(billed_minutes) FROM sessions) AS charges,
             (SELECT balance_cents FROM ledger_accounts WHERE id = 'platform:revenue') AS revenue,
             (SELECT sum(balance_cents) FROM ledger_accounts WHERE kind = 'READER_EARNINGS') AS earnings`);
    const expected = BROKE * 1 + (N - BROKE) * 4 + NAIVE + BROKE * 1 + (N - BROKE) * 2; // sweep, naive, floor groups
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
    if (statements !== null) console.log(`    SQL statements (round trips):         ${statements}`);
    console.log(`  money-only chargeSessionMinutes, ${N - BROKE}: ${moneyOnly.ms.toFixed(0)} ms  CPU ${cpu(moneyOnly.cpu)}`);
    console.log(`  recovery sweep (charged, rows behind):  ${recovery.ms.toFixed(0)} ms  [${phases(recovery.value)}]`);
    console.log(`  idle sweep (nothing due):               ${idle.ms.toFixed(0)} ms`);
    console.log(`  two instances sweeping at once:         ${raceMs.toFixed(0)} ms  (charged ${race[0].charged} + ${race[1].charged}, each minute once)`);
    if (NAIVE > 0) {
      console.log(`  naive, previous per-session tick, ${NAIVE} sequential: ${naive.ms.toFixed(0)} ms  (${naivePer.toFixed(2)} ms/session)  CPU ${cpu(naive.cpu)}`);
      if (NAIVE !== N) console.log(`  naive extrapolated to ${N}:            ${naiveFor.toFixed(0)} ms`);
      console.log(`  speed-up sweep vs naive:                ${(naiveFor / tick).toFixed(1)}x wall, ${((((naive.cpu.pg + naive.cpu.node) / NAIVE) * N) / (warm.cpu.pg + warm.cpu.node)).toFixed(1)}x CPU`);
    }
    console.log(`  floor (one statement, same rows), minute 1: ${floorCold.ms.toFixed(0)} ms  CPU ${cpu(floorCold.cpu)}`);
    console.log(`  floor, minute 2:                        ${floor.ms.toFixed(0)} ms  CPU ${cpu(floor.cpu)}  (${floor.value.charged} charged, ${floor.value.ended} ended)`);
    console.log(`  ours / floor, minute 2:                 ${(tick / floor.ms).toFixed(2)}x wall, ${((warm.cpu.pg + warm.cpu.node) / (floor.cpu.pg + floor.cpu.node)).toFixed(2)}x CPU (PostgreSQL alone ${(warm.cpu.pg / floor.cpu.pg).toFixed(2)}x)`);
    console.log(`  outbox jobs queued:                     ${outbox!.sets} for set-based calls, ${outbox!.single} for single charges`);
    console.log(`  machine load during the run:            ${load1!.toFixed(1)} (1-min average) on ${os.cpus().length} cores`);
    console.log(`  goal ≤ 1000 ms for ${N}:                  ${tick <= 1000 ? 'met' : 'MISSED'} (sweep, minute 2, wall clock)`);
    console.log(`  checks: ledger invariants (balanced, balances = entries, none negative, splits exact); every session's`);
    console.log(`          billedMinutes/totalCostCents = its charges (sweep, naive, floor); ${BROKE} unpaid sessions per group ended INSUFFICIENT_FUNDS; totals add up`);
    return { n: N, sweepMs: tick, sweepCpu: warm.cpu.pg + warm.cpu.node, floorMs: floor.ms, floorCpu: floor.cpu.pg + floor.cpu.node };
  } finally {
    await pubsub.close();
    await prisma.$disconnect();
    await prisma2.$disconnect();
    await pool.end();
    await floorDb.end();
    await counter?.close();
    await admin.query(
      `DELETE FROM "${jobs.schema}"._private_jobs j USING "${jobs.schema}"._private_tasks t WHERE j.task_id = t.id AND t.identifier LIKE $1`,
      [`${jobs.prefix}%`],
    );
    if (!process.env.KEEP_SCHEMA) await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
    await admin.end();
  }
}

const figures: SizeFigures[] = [];
for (const n of SIZES) figures.push(await runSize(n));
if (figures.length > 1) {
  // Growth: per-session cost at each size next to the floor's in the same run (linear growth keeps µs/session flat).
  const [load1] = os.loadavg();
  console.log('');
  console.log(`growth (sweep minute 2 vs the floor in the same run; load ${load1!.toFixed(1)} on ${os.cpus().length} cores at the end)`);
  console.log('  sessions | sweep ms | µs/session | CPU ms | floor ms | floor µs/session | floor CPU ms | ours/floor wall | ours/floor CPU');
  for (const f of figures) {
    const cells = [
      String(f.n).padStart(8),
      f.sweepMs.toFixed(0).padStart(8),
      ((f.sweepMs * 1000) / f.n).toFixed(0).padStart(10),
      f.sweepCpu.toFixed(0).padStart(6),
      f.floorMs.toFixed(0).padStart(8),
      ((f.floorMs * 1000) / f.n).toFixed(0).padStart(16),
      f.floorCpu.toFixed(0).padStart(12),
      (f.sweepMs / f.floorMs).toFixed(2).padStart(15),
      (f.sweepCpu / f.floorCpu).toFixed(2).padStart(14),
    ];
    console.log(`  ${cells.join(' | ')}`);
  }
}
