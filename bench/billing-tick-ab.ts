// npx tsx bench/billing-tick-ab.ts — what payments' charging statement costs PostgreSQL, A/B against another checkout's:
// one scratch schema (bench/billing-data.ts, SESSIONS sessions, default 10,000, all in the floor group), minute after
// minute, each minute charged by one of three peers: A, BASE_DIR's TICK_SQL (billing-tick.ts of another checkout, e.g.
// a worktree of main); B, this checkout's; and the floor statement (FLOOR_SQL, which also moves the session rows).
// Each tick runs as chargeSessionMinutes runs it: one transaction, the account locks first. Per minute: wall time and
// the PostgreSQL backend's CPU time (/proc); the order rotates each round (ROUNDS, default 3); then the median per
// peer. Every minute adds 10,000 transactions, so later minutes cost a little more: compare medians of several rounds.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createBillingSchema, floorIds, FLOOR_SQL, RATE, READER_SHARE_BPS, type Groups } from './billing-data.js';
import { TICK_SQL } from '../subgraphs/payments/services/billing-tick.js';

const base = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
if (!process.env.BASE_DIR) throw new Error('BASE_DIR=<another checkout> is required (its billing-tick.ts is peer A)');
const { TICK_SQL: BASE_TICK_SQL } = (await import(path.join(process.env.BASE_DIR, 'subgraphs/payments/services/billing-tick.ts'))) as { TICK_SQL: string };
const N = Number(process.env.SESSIONS ?? 10_000);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const g: Groups = { sweep: 0, naive: 0, floor: N, broke: 0 };
const schema = `bench_${randomBytes(5).toString('hex')}`;
const db = new pg.Client({ connectionString: base });
await db.connect();
const cpuMs = async (pid: number) => {
  const f = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
};
try {
  await createBillingSchema(db, schema, g);
  const pid = (await db.query<{ p: number }>('SELECT pg_backend_pid() AS p')).rows[0]!.p;
  const ids = floorIds(g);
  const clients = ids.map((id) => `c${id.slice(1)}`);
  const readers = ids.map((id) => `r${id.slice(1)}`);
  const accounts = [...clients.map((c) => `wallet:${c}`), ...readers.map((r) => `earnings:${r}`), 'platform:revenue'];
  let minute = 0;
  const tick = (sql: string) => async () => {
    await db.query('BEGIN');
    await db.query(`SELECT count(*) FROM (SELECT 1 FROM ledger_accounts WHERE id = ANY($1::text[]) ORDER BY id FOR NO KEY UPDATE) l`, [accounts]);
    await db.query(sql, [ids, clients, readers, ids.map(() => minute), ids.map(() => RATE), READER_SHARE_BPS]);
    await db.query('COMMIT');
  };
  const peers = [
    { name: 'A: BASE_DIR tick', run: tick(BASE_TICK_SQL), cpu: [] as number[] },
    { name: 'B: this tick', run: tick(TICK_SQL), cpu: [] as number[] },
    { name: 'floor statement', run: async () => void (await db.query(FLOOR_SQL, [ids, READER_SHARE_BPS])), cpu: [] as number[] },
  ];
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < peers.length; k++) {
      const p = peers[(k + round) % peers.length]!;
      // The floor bills the next minute from the session rows; the ticks are told the minute. Keep both in step.
      minute += 1;
      await db.query(`UPDATE sessions SET billed_minutes = $1 - 1 WHERE id = ANY($2::text[])`, [minute, ids]);
      const c0 = await cpuMs(pid);
      const t0 = performance.now();
      await p.run();
      const ms = performance.now() - t0;
      const cpu = (await cpuMs(pid)) - c0;
      p.cpu.push(cpu);
      console.log(`minute ${minute} ${p.name}: ${ms.toFixed(0)} ms wall, backend CPU ${cpu} ms (load ${os.loadavg()[0]!.toFixed(1)})`);
    }
  }
  const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
  for (const p of peers) console.log(`${p.name}: median backend CPU ${median(p.cpu)} ms (${p.cpu.join(', ')})`);
  const [{ n }] = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM transactions WHERE type = 'SESSION_CHARGE'`)).rows as [{ n: number }];
  if (n !== minute * N) throw new Error(`charges ${n}, expected ${minute * N}`);
} finally {
  await db.query(`DROP SCHEMA "${schema}" CASCADE`).catch(() => {});
  await db.end();
}
