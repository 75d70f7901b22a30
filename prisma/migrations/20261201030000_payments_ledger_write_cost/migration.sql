-- What a billing minute writes, made cheaper without giving up a guarantee (bench/README.md, Billing: EXPLAIN
-- (ANALYZE, BUFFERS, WAL) of one minute of 10,000 sessions before and after).

-- 1. The ledger entries' references, checked once per writing statement instead of once per row. The two foreign keys
-- of ledger_entries ran one trigger call and one SPI query per entry and per key: 59,400 for 9,900 minute charges,
-- ~21% of the minute's statement. The statement-level trigger that already sums each touched transaction now also
-- checks, over the statement's transition table, that every referenced transaction and account exists, with one
-- query for the transactions (the sum included) and one for the accounts. Rows the writing database transaction did
-- not write itself are locked FOR KEY SHARE, as the foreign keys' checks locked them, so a concurrent delete waits for
-- this transaction and then sees its entries; rows it wrote itself (the minute's transactions; the accounts whose
-- balances the same statement moved) are invisible to everyone else until it commits and need no lock. (xmin is a
-- 32-bit id: a row frozen 2^32 transactions ago with this transaction's id would be taken for its own and not locked;
-- the referenced side's checks below still refuse a delete that could see the entries.) The referenced side keeps the
-- foreign keys' ON DELETE RESTRICT: deleting a transaction or an account an entry references is refused, and so is
-- changing its id (the keys cascaded id changes; nothing changes ids). A refused write fails whole with SQLSTATE
-- 23503 (foreign_key_violation) as before; an unbalanced one with 23514 as before.
ALTER TABLE "ledger_entries" DROP CONSTRAINT "ledger_entries_transaction_id_fkey";
ALTER TABLE "ledger_entries" DROP CONSTRAINT "ledger_entries_account_id_fkey";

CREATE OR REPLACE FUNCTION ledger_check_balanced_statement() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $fn$
DECLARE
  bad record;
  me xid := pg_current_xact_id()::xid;
BEGIN
  -- Each transaction the statement touched, once: it exists and it sums to zero. A row this database transaction
  -- wrote itself (xmin) is invisible to every other one until commit, so nobody can delete or rename it meanwhile;
  -- any other is locked FOR KEY SHARE, as the foreign key's check locked it.
  -- (An UPDATE also sums the transactions its rows left.)
  EXECUTE format($q$
    SELECT c.id, own.id IS NULL AND k.id IS NULL AS missing, s.total
      FROM (%s) c
      LEFT JOIN transactions own ON own.id = c.id AND own.xmin = $1
      LEFT JOIN LATERAL (SELECT t.id FROM transactions t WHERE own.id IS NULL AND t.id = c.id FOR KEY SHARE) k ON true
     CROSS JOIN LATERAL (SELECT COALESCE(sum(e.amount_cents), 0) AS total FROM ledger_entries e WHERE e.transaction_id = c.id) s
     WHERE (own.id IS NULL AND k.id IS NULL) OR s.total <> 0
     LIMIT 1$q$,
    CASE WHEN TG_OP = 'UPDATE' THEN 'SELECT transaction_id AS id FROM new_rows UNION SELECT transaction_id FROM old_rows'
         ELSE 'SELECT DISTINCT transaction_id AS id FROM new_rows' END)
    INTO bad USING me;
  IF bad.id IS NOT NULL AND bad.missing THEN
    RAISE EXCEPTION 'ledger entry refers to transaction %, which does not exist', bad.id USING ERRCODE = '23503';
  ELSIF bad.id IS NOT NULL THEN
    RAISE EXCEPTION 'ledger transaction % is unbalanced by %', bad.id, bad.total USING ERRCODE = '23514';
  END IF;
  -- Each account the statement's entries are on exists (the same rule for locking).
  SELECT c.id INTO bad
    FROM (SELECT DISTINCT account_id AS id FROM new_rows) c
    LEFT JOIN ledger_accounts own ON own.id = c.id AND own.xmin = me
    LEFT JOIN LATERAL (SELECT a.id FROM ledger_accounts a WHERE own.id IS NULL AND a.id = c.id FOR KEY SHARE) k ON true
   WHERE own.id IS NULL AND k.id IS NULL
   LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'ledger entry refers to account %, which does not exist', bad.id USING ERRCODE = '23503';
  END IF;
  RETURN NULL;
END
$fn$;

-- The referenced side: a transaction or account that entries refer to is neither deleted (one check per deleting
-- statement, over its transition table) nor renamed (a row trigger that fires only when the id itself changes).
CREATE FUNCTION ledger_refuse_referenced() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $fn$
DECLARE
  gone text;
BEGIN
  IF TG_LEVEL = 'ROW' THEN
    gone := OLD.id;
    IF TG_TABLE_NAME = 'transactions' THEN
      PERFORM 1 FROM ledger_entries e WHERE e.transaction_id = OLD.id LIMIT 1;
    ELSE
      PERFORM 1 FROM ledger_entries e WHERE e.account_id = OLD.id LIMIT 1;
    END IF;
  ELSIF TG_TABLE_NAME = 'transactions' THEN
    SELECT o.id INTO gone FROM old_rows o WHERE EXISTS (SELECT 1 FROM ledger_entries e WHERE e.transaction_id = o.id) LIMIT 1;
  ELSE
    SELECT o.id INTO gone FROM old_rows o WHERE EXISTS (SELECT 1 FROM ledger_entries e WHERE e.account_id = o.id) LIMIT 1;
  END IF;
  IF FOUND THEN
    RAISE EXCEPTION 'ledger entries refer to % %', TG_TABLE_NAME, gone USING ERRCODE = '23503';
  END IF;
  RETURN NULL;
END
$fn$;

CREATE TRIGGER "transactions_ledger_referenced_delete" AFTER DELETE ON "transactions" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_referenced();
CREATE TRIGGER "transactions_ledger_referenced_id" AFTER UPDATE OF "id" ON "transactions"
  FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION ledger_refuse_referenced();
CREATE TRIGGER "ledger_accounts_referenced_delete" AFTER DELETE ON "ledger_accounts" REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_refuse_referenced();
CREATE TRIGGER "ledger_accounts_referenced_id" AFTER UPDATE OF "id" ON "ledger_accounts"
  FOR EACH ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION ledger_refuse_referenced();

-- 2. Indexes on columns a minute charge leaves NULL hold only the rows that have a value. Each of these five indexes
-- took a NULL entry for every minute charge (and every other ledger row without an order, payout, reversal, gift or
-- Stripe event): 5 of the 14 index and heap writes per charged minute. Every query of these columns asks for a value
-- (`= x`), which a partial index WHERE col IS NOT NULL answers; uniqueness is unchanged (NULLs never collided).
DROP INDEX "transactions_order_id_idx";
CREATE INDEX "transactions_order_id_idx" ON "transactions"("order_id") WHERE "order_id" IS NOT NULL;
DROP INDEX "transactions_payout_id_idx";
CREATE INDEX "transactions_payout_id_idx" ON "transactions"("payout_id") WHERE "payout_id" IS NOT NULL;
DROP INDEX "transactions_reverses_id_idx";
CREATE INDEX "transactions_reverses_id_idx" ON "transactions"("reverses_id") WHERE "reverses_id" IS NOT NULL;
DROP INDEX "transactions_gift_id_key";
CREATE UNIQUE INDEX "transactions_gift_id_key" ON "transactions"("gift_id") WHERE "gift_id" IS NOT NULL;
DROP INDEX "transactions_stripe_event_id_key";
CREATE UNIQUE INDEX "transactions_stripe_event_id_key" ON "transactions"("stripe_event_id") WHERE "stripe_event_id" IS NOT NULL;

-- 3. Every cached balance a minute moves (each paying client's wallet, each reader's earnings) is rewritten once a
-- minute. At fillfactor 80 a page of ~45 accounts had room for ~16 new versions, so most of a minute's balance updates
-- did not fit on their page and were not HOT (EXPLAIN: 3.9 WAL records per updated account, i.e. new entries in all
-- four indexes). At 50 every row of a page can be rewritten in place once between two prunings. Applies to pages
-- written from now on (VACUUM FULL or pg_repack rewrites existing ones).
ALTER TABLE "ledger_accounts" SET (fillfactor = 50);

-- 4. The per-reader rollups (analytics_rollups) take one upsert per charging reader per minute: the reader's row of
-- the day and of the month, every minute, for every reader in a session. At fillfactor 100 each was a new row version
-- on another page plus a new primary-key entry (EXPLAIN: 4 WAL records per upsert); at 50 the version stays on its
-- page (HOT) and the key is not touched.
ALTER TABLE "reader_revenue_daily" SET (fillfactor = 50);
ALTER TABLE "reader_revenue_monthly" SET (fillfactor = 50);
