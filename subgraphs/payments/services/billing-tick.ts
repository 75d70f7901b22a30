// The set-based billing tick of chargeSessionMinutes (money.ts): its one SQL statement, and the outbox payload of
// what it charged.
import { walletAccountId } from './ledger.js';
import type { SessionMinute } from './money.js';
import type { MoneyMoved } from './outbox.js';

/** The outbox job of one set-based call: each client charged now, with its last charge and its balance after it. */
export function sweepMoved(rows: Array<{ kind: number; ord: number | null; id: string; balance: bigint | null }>, unique: SessionMinute[], lowMinutes: number): MoneyMoved {
  const balances = new Map<string, number>();
  for (const r of rows) if (r.kind === 2) balances.set(r.id, Number(r.balance));
  const last = new Map<string, { ord: number; tid: string }>();
  for (const r of rows) {
    if (r.kind !== 0) continue;
    const clientId = unique[r.ord! - 1]!.clientId;
    const seen = last.get(clientId);
    if (!seen || seen.ord < r.ord!) last.set(clientId, { ord: r.ord!, tid: r.id });
  }
  const moved: MoneyMoved = { cause: 'SESSION_CHARGE', direction: 'DEBIT', users: [], balances: [], transactionIds: [], low: [] };
  for (const [clientId, { ord, tid }] of last) {
    const balance = balances.get(walletAccountId(clientId)) ?? 0;
    moved.users.push(clientId);
    moved.balances.push(balance);
    moved.transactionIds.push(tid);
    if (balance < lowMinutes * unique[ord - 1]!.rateCents) moved.low.push(clientId);
  }
  return moved;
}

/**
 * One billing tick as one statement. $1..$5 are parallel arrays (session, client, reader, minute, rate) without
 * repeated (session, minute) pairs; $6 is the reader share in basis points. The caller holds the account locks.
 * A minute a booking credit redeemed for its session pays (m <= the credit's minutes) moves nothing: kind 3 (ord,
 * session, the credit's minutes left after it). A pair already in the ledger is not charged again (the unique index
 * on (session_id, session_minute) backs this);
 * per client, charges are taken in input order while the wallet covers them. Returns kind 0 (charged: ord, id),
 * kind 1 (charged before: ord, id) and kind 2 (a wallet's new balance: id, balance). Every join here is either an
 * index lookup or a hash over one CTE, so the cost stays linear in the number of sessions. Kind 2 also carries the
 * balance of each wallet that had nothing charged, prepaid minutes included (read under the caller's lock, so it is
 * the current one).
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
  RETURNING 1
),
legs AS MATERIALIZED (
  SELECT ok.tid, v.leg, v.acct, v.amt
    FROM ok CROSS JOIN LATERAL (VALUES (1, 'wallet:' || ok.c, -ok.rate::bigint),
                                       (2, 'earnings:' || ok.r, ok.rshare::bigint),
                                       (3, 'platform:revenue', (ok.rate - ok.rshare)::bigint)) AS v(leg, acct, amt)
   WHERE v.amt <> 0
),
ins_e AS (
  INSERT INTO ledger_entries (id, transaction_id, account_id, amount_cents)
  SELECT tid || '-' || leg, tid, acct, amt FROM legs
  RETURNING 1
),
upd AS (
  UPDATE ledger_accounts a SET balance_cents = a.balance_cents + d.delta, updated_at = now()
    FROM (SELECT acct, sum(amt) AS delta FROM legs GROUP BY acct) d
   WHERE a.id = d.acct
  RETURNING a.id, a.balance_cents
)
SELECT 0 AS kind, ord::int AS ord, tid AS id, NULL::bigint AS balance FROM ok
UNION ALL SELECT 1, ord::int, existing_id, NULL FROM plan WHERE existing_id IS NOT NULL
UNION ALL SELECT 2, NULL, id, balance_cents FROM upd WHERE id LIKE 'wallet:%'
UNION ALL SELECT 3, ord::int, s, (covered - m)::bigint FROM input WHERE m <= covered
UNION ALL SELECT 2, NULL, w.id, w.balance_cents FROM ledger_accounts w
 WHERE w.id IN (SELECT 'wallet:' || i.c FROM input i WHERE NOT EXISTS (SELECT 1 FROM ok WHERE ok.c = i.c))`;
