// bench:billing's data: the scratch schema with its sessions, clients, readers and funded wallets, and the floor peer
// (the least SQL that writes the rows a billing minute writes). bench/billing.bench.ts runs them.
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { MIGRATIONS_DIR } from '../shared/db/migrations.js';

export const RATE = 199;
export const FUNDS = 10_000;
/** Pays minute 1, not minute 2. */
export const BROKE_FUNDS = 250;
/** reader_share_bps's default (the floor takes the same split). */
export const READER_SHARE_BPS = 7000;

/** The three groups of sessions, each `'s' || g` with client `'c' || g` and reader `'r' || g`. */
export interface Groups {
  /** Swept by the production code: g in 1..sweep. */
  sweep: number;
  /** The naive per-session baseline: the next `naive`. */
  naive: number;
  /** Billed by the floor SQL: the next `floor` (paused, so no sweep ever picks them). */
  floor: number;
  /** The first `broke` of the sweep group and of the floor group cannot pay minute 2. */
  broke: number;
}

export const floorIds = (g: Groups) => Array.from({ length: g.floor }, (_, i) => `s${g.sweep + g.naive + 1 + i}`);

/**
 * A scratch schema with every migration applied and the groups' rows written set-based: users, readers, sessions
 * IN_PROGRESS (sweep sessions connected now, the others paused: resumed_at null), one funded wallet per client with a
 * balanced adjustment, the readers' earnings accounts, platform accounts. `migrationsDir`: another checkout's
 * migrations (A/B of schema changes, bench/billing-schema-ab.ts).
 */
export async function createBillingSchema(admin: pg.Client, schema: string, g: Groups, migrationsDir = MIGRATIONS_DIR): Promise<void> {
  await admin.query(`CREATE SCHEMA "${schema}"`);
  await admin.query(`SET search_path TO "${schema}"`);
  const dirs = (await readdir(migrationsDir, { withFileTypes: true }))
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  for (const d of dirs) {
    const sql = await readFile(path.join(migrationsDir, d, 'migration.sql'), 'utf8');
    await admin.query(sql.replace(/CREATE SCHEMA IF NOT EXISTS "public";/g, ''));
  }
  const total = g.sweep + g.naive + g.floor;
  const q = (text: string, values?: unknown[]) => admin.query(text, values);
  await q(
    `INSERT INTO users (id, email, role, updated_at)
           SELECT p || g, p || g || '@bench.dev', r::"UserRole", now()
             FROM generate_series(1, $1) g, (VALUES ('c', 'CLIENT'), ('r', 'READER')) v(p, r)`,
    [total],
  );
  await q(
    `INSERT INTO readers (id, user_id, first_name, last_name, display_name, status, updated_at)
           SELECT 'r' || g, 'r' || g, 'Bench', 'Reader', 'Reader ' || g, 'BUSY', now() FROM generate_series(1, $1) g`,
    [total],
  );
  await q(
    `INSERT INTO sessions (id, external_id, client_id, reader_id, type, status, rate_cents, accepted_at, started_at, resumed_at,
                                 client_connected, reader_connected, updated_at)
           SELECT 's' || g, 's' || g, 'c' || g, 'r' || g, 'CHAT', 'IN_PROGRESS', $3, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC',
                  CASE WHEN g <= $2 THEN now() AT TIME ZONE 'UTC' END, true, true, now()
             FROM generate_series(1, $1) g`,
    [total, g.sweep, RATE],
  );
  await q(`INSERT INTO ledger_accounts (id, code, kind, allow_negative, updated_at) VALUES
           ('platform:adjustments', 'platform:adjustments', 'ADJUSTMENTS', true, now()),
           ('platform:revenue', 'platform:revenue', 'PLATFORM_REVENUE', false, now()) ON CONFLICT DO NOTHING`);
  const floor0 = g.sweep + g.naive;
  const fundsOf = `(CASE WHEN g <= ${g.broke} OR (g > ${floor0} AND g <= ${floor0 + g.broke}) THEN ${BROKE_FUNDS} ELSE ${FUNDS} END)`;
  await q(
    `INSERT INTO ledger_accounts (id, code, kind, user_id, balance_cents, updated_at)
           SELECT 'wallet:c' || g, 'wallet:c' || g, 'CLIENT_WALLET', 'c' || g, ${fundsOf}, now() FROM generate_series(1, $1) g`,
    [total],
  );
  await q(
    `INSERT INTO wallets (id, user_id, account_id, updated_at) SELECT 'wallet:c' || g, 'c' || g, 'wallet:c' || g, now() FROM generate_series(1, $1) g`,
    [total],
  );
  await q(`BEGIN`);
  await q(
    `INSERT INTO transactions (id, external_id, idempotency_key, user_id, type, status, amount_cents, reason, updated_at)
           SELECT 'fund' || g, 'fund' || g, 'bench-fund-' || g, 'c' || g, 'ADJUSTMENT', 'COMPLETED', ${fundsOf}, 'bench credit', now() FROM generate_series(1, $1) g`,
    [total],
  );
  await q(
    `INSERT INTO ledger_entries (id, transaction_id, account_id, amount_cents)
           SELECT 'fw' || g, 'fund' || g, 'wallet:c' || g, ${fundsOf} FROM generate_series(1, $1) g
           UNION ALL SELECT 'fa' || g, 'fund' || g, 'platform:adjustments', -${fundsOf} FROM generate_series(1, $1) g`,
    [total],
  );
  await q(
    `UPDATE ledger_accounts SET balance_cents = -(SELECT sum(balance_cents) FROM ledger_accounts WHERE kind = 'CLIENT_WALLET') WHERE id = 'platform:adjustments'`,
  );
  await q(`COMMIT`);
  await q(
    `INSERT INTO ledger_accounts (id, code, kind, user_id, updated_at)
           SELECT 'earnings:r' || g, 'earnings:r' || g, 'READER_EARNINGS', 'r' || g, now() FROM generate_series(1, $1) g`,
    [total],
  );
  await q('ANALYZE');
}

/**
 * The floor peer: one billing minute of the given sessions as ONE statement with no application logic, writing the
 * same rows the sweep writes — per session that can pay its next minute, a SESSION_CHARGE transaction with its three
 * ledger legs (wallet, reader earnings, platform revenue), the cached balances, and the session row moved forward;
 * per session that cannot, the session row ended (COMPLETED, INSUFFICIENT_FUNDS) and its reader freed. No locks
 * beyond what the writes take, no idempotency lookups, no events, no outbox job, one round trip. It runs on the same
 * tables (their indexes, foreign keys and triggers), so ours / floor is what our application logic costs on top of
 * what PostgreSQL needs to write those rows. $1: session ids; $2: reader share in basis points.
 */
export const FLOOR_SQL = `
WITH due AS MATERIALIZED (
  SELECT s.id, s.client_id, s.reader_id, s.rate_cents AS rate, s.billed_minutes + 1 AS m, w.balance_cents >= s.rate_cents AS pays,
         lpad(to_hex(t0.us), 14, '0') || lpad(to_hex(i.ord), 6, '0') AS tid, ((s.rate_cents::bigint * $2::int) / 10000)::int AS rshare
    FROM unnest($1::text[]) WITH ORDINALITY AS i(id, ord)
    JOIN sessions s ON s.id = i.id
    JOIN ledger_accounts w ON w.id = 'wallet:' || s.client_id
   CROSS JOIN (SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::bigint AS us) t0
   WHERE s.status = 'IN_PROGRESS'
),
legs AS MATERIALIZED (
  SELECT d.tid, v.leg, v.acct, v.amt
    FROM due d CROSS JOIN LATERAL (VALUES (1, 'wallet:' || d.client_id, -d.rate::bigint),
                                          (2, 'earnings:' || d.reader_id, d.rshare::bigint),
                                          (3, 'platform:revenue', (d.rate - d.rshare)::bigint)) AS v(leg, acct, amt)
   WHERE d.pays AND v.amt <> 0
),
tx AS (
  INSERT INTO transactions (id, external_id, idempotency_key, user_id, type, status, amount_cents, session_id, session_minute,
                            reader_id, reader_earnings_cents, platform_revenue_cents, description, updated_at)
  SELECT tid, tid, 'session:' || id || ':minute:' || m, client_id, 'SESSION_CHARGE', 'COMPLETED', rate, id, m,
         reader_id, rshare, rate - rshare, 'Session minute ' || m, now()
    FROM due WHERE pays
),
entries AS (
  INSERT INTO ledger_entries (id, transaction_id, account_id, amount_cents) SELECT tid || '-' || leg, tid, acct, amt FROM legs
),
balances AS (
  UPDATE ledger_accounts a SET balance_cents = a.balance_cents + d.delta, updated_at = now()
    FROM (SELECT acct, sum(amt) AS delta FROM legs GROUP BY acct) d
   WHERE a.id = d.acct
),
rows AS (
  UPDATE sessions s
     SET billed_minutes = CASE WHEN d.pays THEN d.m ELSE s.billed_minutes END,
         total_cost_cents = CASE WHEN d.pays THEN d.m ELSE s.billed_minutes END * s.rate_cents,
         status = CASE WHEN d.pays THEN s.status ELSE 'COMPLETED' END,
         end_reason = CASE WHEN d.pays THEN s.end_reason ELSE 'INSUFFICIENT_FUNDS' END,
         ended_at = CASE WHEN d.pays THEN s.ended_at ELSE now() AT TIME ZONE 'UTC' END,
         updated_at = now()
    FROM due d WHERE s.id = d.id
),
freed AS (
  UPDATE readers r SET status = 'ONLINE', total_sessions = r.total_sessions + 1, updated_at = now()
    FROM due d WHERE NOT d.pays AND r.user_id = d.reader_id
)
SELECT (count(*) FILTER (WHERE pays))::int AS charged, (count(*) FILTER (WHERE NOT pays))::int AS ended FROM due`;
