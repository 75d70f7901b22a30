// The set-based billing tick of chargeSessionMinutes (money.ts): its one SQL statement, what it returns (one JSON
// value, parsed at once instead of a row per charge decoded by the client), the outbox payload of what it charged and each input's
// MinuteChargeResult.
import type { MinuteChargeResult, Tx } from '../../../shared/money.js';
import { walletAccountId } from './ledger.js';
import type { SessionMinute } from './money.js';
import type { MoneyMoved } from './outbox.js';

/** What the tick statement reports, by position in its (deduplicated) input, 0-based. */
export interface TickOutcome {
  /** Charged now: the new transaction's id. */
  charged: Map<number, string>;
  /** Charged before (the (session, minute) was in the ledger already): that transaction's id. */
  existing: Map<number, string>;
  /** Paid by a redeemed booking credit: the credit's minutes left after this one. */
  covered: Map<number, number>;
  /** Every input wallet's balance after the statement (account id → cents). */
  balances: Map<string, number>;
}

/** The statement's one value: JSON of parallel arrays (null when empty), parsed at once. */
interface TickJson {
  charged_ord: number[] | null;
  charged_id: string[] | null;
  existing_ord: number[] | null;
  existing_id: string[] | null;
  covered_ord: number[] | null;
  covered_left: number[] | null;
  balance_id: string[] | null;
  balance_cents: number[] | null;
}

/** 1-based input positions and their values, as a map from 0-based positions. */
const byPosition = <V>(ords: number[] | null, values: V[] | null) => new Map((ords ?? []).map((o, i) => [o - 1, values![i]!] as const));

/**
 * Runs TICK_SQL for `unique` (no repeated (session, minute) pair) in `t`, whose caller holds the account locks; `bps`
 * is the reader share in basis points.
 */
export async function runTick(t: Tx, unique: SessionMinute[], bps: number): Promise<TickOutcome> {
  const [{ out }] = (await t.$queryRawUnsafe<Array<{ out: string }>>(
    TICK_SQL,
    unique.map((i) => i.sessionId),
    unique.map((i) => i.clientId),
    unique.map((i) => i.readerId),
    unique.map((i) => i.minute),
    unique.map((i) => i.rateCents),
    bps,
  )) as [{ out: string }];
  const r = JSON.parse(out) as TickJson;
  return {
    charged: byPosition(r.charged_ord, r.charged_id),
    existing: byPosition(r.existing_ord, r.existing_id),
    covered: byPosition(r.covered_ord, r.covered_left),
    balances: new Map((r.balance_id ?? []).map((id, i) => [id, r.balance_cents![i]!])),
  };
}

/** The outbox job of one set-based call: each client charged now, with its last charge and its balance after it. */
export function sweepMoved(out: TickOutcome, unique: SessionMinute[], lowMinutes: number): MoneyMoved {
  const last = new Map<string, { u: number; tid: string }>();
  for (const [u, tid] of out.charged) {
    const clientId = unique[u]!.clientId;
    const seen = last.get(clientId);
    if (!seen || seen.u < u) last.set(clientId, { u, tid });
  }
  const moved: MoneyMoved = { cause: 'SESSION_CHARGE', direction: 'DEBIT', users: [], balances: [], transactionIds: [], low: [] };
  for (const [clientId, { u, tid }] of last) {
    const balance = out.balances.get(walletAccountId(clientId)) ?? 0;
    moved.users.push(clientId);
    moved.balances.push(balance);
    moved.transactionIds.push(tid);
    if (balance < lowMinutes * unique[u]!.rateCents) moved.low.push(clientId);
  }
  return moved;
}

/**
 * Each input's result: `uniqueOf[i]` is input i's position in the deduplicated list the statement ran on (a repeated
 * (session, minute) reports the first one's outcome, as ALREADY_CHARGED when that one was charged now).
 */
export function tickResults(inputs: SessionMinute[], uniqueOf: number[], out: TickOutcome, lowMinutes: number, coveredMinute: (balanceCents: number, minutesLeft: number, rateCents: number, lowMinutes: number) => MinuteChargeResult): MinuteChargeResult[] {
  const seen = new Set<number>();
  return inputs.map((input, idx) => {
    const u = uniqueOf[idx]!;
    const balanceCents = out.balances.get(walletAccountId(input.clientId)) ?? 0;
    const first = !seen.has(u);
    seen.add(u);
    const left = out.covered.get(u);
    if (left !== undefined) return coveredMinute(balanceCents, left, input.rateCents, lowMinutes);
    const tid = out.charged.get(u) ?? out.existing.get(u);
    if (!tid) return { status: 'INSUFFICIENT_FUNDS', balanceCents };
    return {
      status: out.charged.has(u) && first ? 'CHARGED' : 'ALREADY_CHARGED',
      transactionId: tid,
      balanceCents,
      lowBalance: balanceCents < lowMinutes * input.rateCents,
    };
  });
}

/**
 * One billing tick as one statement. $1..$5 are parallel arrays (session, client, reader, minute, rate) without
 * repeated (session, minute) pairs; $6 is the reader share in basis points. The caller holds the account locks.
 * A minute a booking credit redeemed for its session pays (m <= the credit's minutes) moves nothing (covered: its
 * position, the credit's minutes left after it). A pair already in the ledger is not charged again (existing; the
 * unique index on (session_id, session_minute) backs this); per client, charges are taken in input order while the
 * wallet covers them (charged: position, new transaction id). The cached balances move by one sum per account taken
 * from the charges themselves (not from the entries: 9,900 rows to group instead of 29,700, and the entries are
 * streamed into their table without being kept). Returns ONE value, JSON of parallel arrays (positions 1-based), with
 * every input wallet's balance after it, charged or not (read under the caller's lock, so current). Every join here is
 * either an index lookup or a hash over one CTE, so the cost stays linear in the number of sessions.
 */
export const TICK_SQL = `
WITH input AS MATERIALIZED (
  SELECT i.s, i.c, i.r, i.m, i.rate, i.ord, COALESCE(bc.minutes, 0) AS covered
    FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::int[]) WITH ORDINALITY AS i(s, c, r, m, rate, ord)
    LEFT JOIN booking_credits bc ON bc.session_id = i.s AND bc.status = 'REDEEMED'
),
plan AS MATERIALIZED (
  SELECT i.*, t.id AS existing_id
    FROM input i LEFT JOIN transactions t ON t.session_id = i.s AND t.session_minute = i.m
   WHERE i.m > i.covered
),
ok AS MATERIALIZED (
  SELECT r.s, r.c, r.r, r.m, r.rate, r.ord,
         -- time-ordered ids (microseconds, input position, random tail): inserts land at the right edge of the
         -- primary-key indexes instead of all over them
         lpad(to_hex(t0.us), 14, '0') || lpad(to_hex(r.ord), 6, '0') || substr(md5(random()::text), 1, 8) AS tid,
         ((r.rate::bigint * $6::int) / 10000)::int AS rshare
    FROM (SELECT p.*, sum(p.rate) OVER (PARTITION BY p.c ORDER BY p.ord) AS cum FROM plan p WHERE p.existing_id IS NULL) r
    JOIN ledger_accounts w ON w.id = 'wallet:' || r.c
   CROSS JOIN (SELECT (extract(epoch FROM clock_timestamp()) * 1000000)::bigint AS us) t0
   WHERE r.cum <= w.balance_cents
),
ins_tx AS (
  INSERT INTO transactions (id, external_id, idempotency_key, user_id, type, status, amount_cents, session_id, session_minute,
                            reader_id, reader_earnings_cents, platform_revenue_cents, description, updated_at)
  SELECT tid, tid, 'session:' || s || ':minute:' || m, c, 'SESSION_CHARGE', 'COMPLETED', rate, s, m,
         r, rshare, rate - rshare, 'Session minute ' || m, now()
    FROM ok
),
ins_e AS (
  INSERT INTO ledger_entries (id, transaction_id, account_id, amount_cents)
  SELECT ok.tid || '-' || v.leg, ok.tid, v.acct, v.amt
    FROM ok CROSS JOIN LATERAL (VALUES (1, 'wallet:' || ok.c, -ok.rate::bigint),
                                       (2, 'earnings:' || ok.r, ok.rshare::bigint),
                                       (3, 'platform:revenue', (ok.rate - ok.rshare)::bigint)) AS v(leg, acct, amt)
   WHERE v.amt <> 0
),
upd AS (
  UPDATE ledger_accounts a SET balance_cents = a.balance_cents + d.delta, updated_at = now()
    FROM (SELECT 'wallet:' || c AS acct, -sum(rate)::bigint AS delta FROM ok GROUP BY c
          UNION ALL SELECT 'earnings:' || r, sum(rshare)::bigint FROM ok GROUP BY r HAVING sum(rshare) <> 0
          UNION ALL SELECT 'platform:revenue', sum(rate - rshare)::bigint FROM ok HAVING sum(rate - rshare) <> 0) d
   WHERE a.id = d.acct
  RETURNING a.id, a.balance_cents
),
bal AS (
  SELECT id, balance_cents FROM upd WHERE id LIKE 'wallet:%'
  UNION ALL
  SELECT w.id, w.balance_cents FROM ledger_accounts w
   WHERE w.id IN (SELECT 'wallet:' || i.c FROM input i WHERE NOT EXISTS (SELECT 1 FROM ok WHERE ok.c = i.c))
)
SELECT json_build_object(
         'charged_ord', (SELECT json_agg(ord ORDER BY ord) FROM ok),
         'charged_id', (SELECT json_agg(tid ORDER BY ord) FROM ok),
         'existing_ord', (SELECT json_agg(ord ORDER BY ord) FROM plan WHERE existing_id IS NOT NULL),
         'existing_id', (SELECT json_agg(existing_id ORDER BY ord) FROM plan WHERE existing_id IS NOT NULL),
         'covered_ord', (SELECT json_agg(ord ORDER BY ord) FROM input WHERE m <= covered),
         'covered_left', (SELECT json_agg(covered - m ORDER BY ord) FROM input WHERE m <= covered),
         'balance_id', (SELECT json_agg(id ORDER BY id) FROM bal),
         'balance_cents', (SELECT json_agg(balance_cents ORDER BY id) FROM bal))::text AS out`;
