// The ledger invariants bench:stream checks after its runs (one line to print).
import type pg from 'pg';

export async function streamLedgerReport(admin: pg.Client): Promise<string> {
  const q = async <T>(sql: string) => (await admin.query(sql)).rows as T[];
  const [unbalanced] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT transaction_id FROM ledger_entries GROUP BY transaction_id HAVING sum(amount_cents) <> 0) x`);
  const [drift] = await q<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT a.id FROM ledger_accounts a LEFT JOIN ledger_entries e ON e.account_id = a.id GROUP BY a.id, a.balance_cents HAVING a.balance_cents <> coalesce(sum(e.amount_cents), 0)) x`,
  );
  const [negative] = await q<{ n: number }>(`SELECT count(*)::int AS n FROM ledger_accounts WHERE NOT allow_negative AND balance_cents < 0`);
  const [gifts] = await q<{ n: number; cents: number }>(`SELECT count(*)::int AS n, coalesce(sum(price_cents), 0)::int AS cents FROM gifts`);
  const [txs] = await q<{ n: number; cents: number; reader: number; orphans: number }>(
    `SELECT count(*)::int AS n, coalesce(sum(amount_cents), 0)::int AS cents, coalesce(sum(reader_earnings_cents), 0)::int AS reader,
            count(*) FILTER (WHERE gift_id IS NULL OR gift_id NOT IN (SELECT id FROM gifts))::int AS orphans
       FROM transactions WHERE type = 'GIFT_PURCHASE'`,
  );
  const [earnings] = await q<{ cents: number }>(`SELECT coalesce(balance_cents, 0)::int AS cents FROM ledger_accounts WHERE id = 'earnings:reader'`);
  const expectedEarnings = txs!.reader;
  return (
    `ledger: unbalanced transactions ${unbalanced!.n}, balance drift ${drift!.n}, negative balances ${negative!.n}; ` +
      `gifts ${gifts!.n} (${gifts!.cents} cents) vs GIFT_PURCHASE transactions ${txs!.n} (${txs!.cents} cents, ${txs!.orphans} without a gift); ` +
      `reader earnings ${earnings?.cents ?? 0} = sum of reader shares ${expectedEarnings}: ${(earnings?.cents ?? 0) === expectedEarnings ? 'yes' : 'NO'}`
  );
}
