// npx tsx bench/billing-explain.ts — where the database time of one billing minute goes: on a scratch schema
// (bench/billing-data.ts, SESSIONS sessions, default 10,000, all in the floor group), minute 1 is written by the floor
// statement, then minute 2's floor statement runs under EXPLAIN (ANALYZE, BUFFERS, WAL) — per-node time, buffers,
// WAL records and bytes, and the time of each trigger (foreign-key checks, the ledger's statement checks). Then it
// lists what is written per session-minute: the indexes, foreign keys and triggers of the tables the minute writes.
// STATEMENT=tick explains payments' charging statement (billing-tick.ts TICK_SQL) for minute 2 instead, with its
// account locks taken first as chargeSessionMinutes takes them (the sessions rows are the sweep's, not written here).
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import pg from 'pg';
import { createBillingSchema, floorIds, FLOOR_SQL, RATE, READER_SHARE_BPS, type Groups } from './billing-data.js';
import { TICK_SQL } from '../subgraphs/payments/services/billing-tick.js';

const base = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const N = Number(process.env.SESSIONS ?? 10_000);
const groups: Groups = { sweep: 0, naive: 0, floor: N, broke: Math.round(N / 100) };
const schema = `bench_${randomBytes(5).toString('hex')}`;
const db = new pg.Client({ connectionString: base });
await db.connect();
try {
  await createBillingSchema(db, schema, groups);
  const ids = floorIds(groups);
  await db.query(FLOOR_SQL, [ids, READER_SHARE_BPS]);
  await db.query('ANALYZE');
  if (process.env.NESTED) {
    // The plans of the statements the triggers run, sent back as notices by auto_explain.
    db.on('notice', (n) => console.log(n.message));
    await db.query(`LOAD 'auto_explain'`);
    await db.query(`SET auto_explain.log_nested_statements = on; SET auto_explain.log_min_duration = 0; SET auto_explain.log_analyze = on; SET auto_explain.log_level = notice; SET auto_explain.log_buffers = on; SET auto_explain.log_wal = on`);
  }
  const tick = process.env.STATEMENT === 'tick';
  const clients = ids.map((id) => `c${id.slice(1)}`);
  const readers = ids.map((id) => `r${id.slice(1)}`);
  await db.query('BEGIN');
  if (tick) {
    const accounts = [...clients.map((c) => `wallet:${c}`), ...readers.map((r) => `earnings:${r}`), 'platform:revenue'];
    await db.query(`SELECT count(*) FROM (SELECT 1 FROM ledger_accounts WHERE id = ANY($1::text[]) ORDER BY id FOR NO KEY UPDATE) l`, [accounts]);
  }
  const plan = tick
    ? await db.query(`EXPLAIN (ANALYZE, BUFFERS, WAL, TIMING) ${TICK_SQL}`, [ids, clients, readers, ids.map(() => 2), ids.map(() => RATE), READER_SHARE_BPS])
    : await db.query(`EXPLAIN (ANALYZE, BUFFERS, WAL, TIMING) ${FLOOR_SQL}`, [ids, READER_SHARE_BPS]);
  const t0 = performance.now();
  await db.query('COMMIT');
  console.log(`EXPLAIN (ANALYZE, BUFFERS, WAL) of the ${tick ? "tick statement's" : "floor's"} minute 2, ${N} sessions (load ${os.loadavg()[0]!.toFixed(1)}); commit ${(performance.now() - t0).toFixed(0)} ms`);
  for (const r of plan.rows) console.log(r['QUERY PLAN']);
  const tables = ['transactions', 'ledger_entries', 'ledger_accounts', 'sessions', 'readers'];
  const idx = await db.query(
    `SELECT c.relname AS t, i.relname AS index, pg_get_indexdef(i.oid) AS def FROM pg_index x JOIN pg_class c ON c.oid = x.indrelid JOIN pg_class i ON i.oid = x.indexrelid
      WHERE c.relnamespace = current_schema()::regnamespace AND c.relname = ANY($1) ORDER BY 1, 2`, [tables]);
  console.log('\nindexes'); for (const r of idx.rows) console.log(`  ${r.t}: ${r.def.replace(/ USING btree|"?[a-z0-9_]+"?\./g, '')}`);
  const fks = await db.query(
    `SELECT conrelid::regclass::text AS t, conname, pg_get_constraintdef(oid) AS def FROM pg_constraint
      WHERE contype = 'f' AND connamespace = current_schema()::regnamespace AND (conrelid::regclass::text = ANY($1) OR confrelid::regclass::text = ANY($1)) ORDER BY 1, 2`, [tables]);
  console.log('\nforeign keys'); for (const r of fks.rows) console.log(`  ${r.t}: ${r.conname} ${r.def}`);
  const trg = await db.query(
    `SELECT tgrelid::regclass::text AS t, tgname, pg_get_triggerdef(oid) AS def FROM pg_trigger WHERE NOT tgisinternal AND tgrelid::regclass::text = ANY($1) ORDER BY 1, 2`, [tables]);
  console.log('\ntriggers'); for (const r of trg.rows) console.log(`  ${r.t}: ${r.def.replace(/"?[a-z0-9_]+"?\./g, '')}`);
} finally {
  await db.query(`DROP SCHEMA "${schema}" CASCADE`).catch(() => {});
  await db.end();
}
