// npx tsx bench/billing-schema-ab.ts — A/B of a schema change on what one billing minute costs PostgreSQL: two scratch
// schemas in the same run, A with the migrations of BASE_DIR (another checkout, e.g. a worktree of main), B with this
// checkout's, each with SESSIONS sessions (default 10,000; 1% cannot pay minute 2), each billed by the floor statement
// (bench/billing-data.ts FLOOR_SQL: the rows a minute writes, in one statement) on its own connection, minute after
// minute (ROUNDS, default 4), A and B alternating (which goes first alternates too). Per minute: wall time and the CPU
// time of each schema's PostgreSQL backend (/proc), which a loaded machine disturbs far less than wall time. Then one
// more minute each under EXPLAIN (ANALYZE, BUFFERS, WAL): WAL records per written table and time per trigger.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createBillingSchema, floorIds, FLOOR_SQL, READER_SHARE_BPS, type Groups } from './billing-data.js';

const base = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
if (!process.env.BASE_DIR) throw new Error('BASE_DIR=<another checkout> is required (its prisma/migrations are schema A)');
const N = Number(process.env.SESSIONS ?? 10_000);
const ROUNDS = Number(process.env.ROUNDS ?? 4);
const groups: Groups = { sweep: 0, naive: 0, floor: N, broke: Math.round(N / 100) };
const peers = [
  { name: 'A (BASE_DIR)', dir: path.join(process.env.BASE_DIR, 'prisma/migrations') },
  { name: 'B (this checkout)', dir: path.join(import.meta.dirname, '../prisma/migrations') },
].map((p) => ({ ...p, schema: `bench_${randomBytes(5).toString('hex')}`, db: new pg.Client({ connectionString: base }), pid: 0, runs: [] as Array<{ ms: number; cpu: number }> }));
const cpuMs = async (pid: number) => {
  const f = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]!.split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
};
const ids = floorIds(groups);
try {
  for (const p of peers) {
    await p.db.connect();
    await createBillingSchema(p.db, p.schema, groups, p.dir);
    p.pid = (await p.db.query('SELECT pg_backend_pid() AS pid')).rows[0].pid;
  }
  console.log(`${N} sessions per schema, ${ROUNDS} minutes each, alternating; uptime: ${(await readFile('/proc/loadavg', 'utf8')).trim()}`);
  for (let r = 0; r < ROUNDS; r++) {
    for (const p of r % 2 ? [...peers].reverse() : peers) {
      const c0 = await cpuMs(p.pid);
      const t0 = performance.now();
      await p.db.query(FLOOR_SQL, [ids, READER_SHARE_BPS]);
      p.runs.push({ ms: performance.now() - t0, cpu: (await cpuMs(p.pid)) - c0 });
    }
  }
  for (const p of peers) {
    console.log(`  ${p.name.padEnd(18)} minutes 1..${ROUNDS}: wall ${p.runs.map((x) => x.ms.toFixed(0)).join(' / ')} ms; backend CPU ${p.runs.map((x) => x.cpu.toFixed(0)).join(' / ')} ms`);
  }
  const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const later = (p: (typeof peers)[number]) => p.runs.slice(1).map((x) => x.cpu);
  console.log(`  B / A, backend CPU, median of minutes 2..${ROUNDS}: ${(med(later(peers[1]!)) / med(later(peers[0]!))).toFixed(2)}`);
  for (const p of peers) {
    const plan = (await p.db.query(`EXPLAIN (ANALYZE, BUFFERS, WAL) ${FLOOR_SQL}`, [ids, READER_SHARE_BPS])).rows.map((x) => x['QUERY PLAN'] as string);
    console.log(`\n  ${p.name}, minute ${ROUNDS + 1} under EXPLAIN (ANALYZE, BUFFERS, WAL):`);
    for (let i = 0; i < plan.length; i++) {
      const line = plan[i]!;
      if (/^\s*->\s+(Insert|Update) on/.test(line)) {
        const wal = plan.slice(i + 1, i + 4).find((l) => l.includes('WAL:'));
        console.log(`    ${line.trim().replace(/\(cost=[^)]*\)\s*/, '')}  ${wal?.trim() ?? ''}`);
      } else if (/^(Trigger|Execution)/.test(line)) console.log(`    ${line}`);
    }
    await new Promise((r) => setTimeout(r, 1200)); // table statistics are flushed at most once a second
    const hot = await p.db.query(`SELECT relname, n_tup_upd, n_tup_hot_upd FROM pg_stat_user_tables WHERE schemaname = $1 AND relname IN ('sessions', 'ledger_accounts') ORDER BY 1`, [p.schema]);
    console.log(`    updates (HOT) over the run: ${hot.rows.map((x) => `${x.relname} ${x.n_tup_upd} (${x.n_tup_hot_upd})`).join(', ')}`);
  }
  console.log(`  load average at the end: ${os.loadavg().map((x) => x.toFixed(1)).join(' ')}`);
} finally {
  for (const p of peers) {
    await p.db.query(`DROP SCHEMA IF EXISTS "${p.schema}" CASCADE`).catch(() => {});
    await p.db.end().catch(() => {});
  }
}
