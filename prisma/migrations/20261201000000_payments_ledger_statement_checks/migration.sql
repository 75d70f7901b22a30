-- The ledger's "every transaction sums to zero" check, once per statement instead of once per entry row.
-- The check it replaces was a DEFERRABLE constraint trigger FOR EACH ROW: at commit it ran one plpgsql call and one
-- SUM query per ledger entry, 29,700 of them for the billing sweep's 9,900 minute charges (three legs each), about a
-- third of the sweep's database time (EXPLAIN ANALYZE in bench/README.md, Billing). Every writer of ledger_entries
-- (ledger.ts post, billing-tick.ts TICK_SQL) inserts all legs of a transaction in ONE statement, so a statement-level
-- trigger over the statement's new rows (transition table) sees each transaction whole: it sums each transaction the
-- statement touched once, by index, and refuses the statement (23514, nothing written) when one is off. The check now
-- fires at the end of the writing statement instead of at commit: a writer may no longer insert a transaction's legs
-- in several statements.
DROP TRIGGER "ledger_entries_balanced" ON "ledger_entries";
DROP FUNCTION "ledger_check_balanced"();

CREATE FUNCTION ledger_check_balanced_statement() RETURNS trigger LANGUAGE plpgsql SET search_path FROM CURRENT AS $fn$
DECLARE
  bad record;
BEGIN
  IF TG_OP = 'UPDATE' THEN
    SELECT t.transaction_id, s.total INTO bad
      FROM (SELECT transaction_id FROM new_rows UNION SELECT transaction_id FROM old_rows) t
     CROSS JOIN LATERAL (SELECT COALESCE(sum(e.amount_cents), 0) AS total FROM ledger_entries e WHERE e.transaction_id = t.transaction_id) s
     WHERE s.total <> 0
     LIMIT 1;
  ELSE
    SELECT t.transaction_id, s.total INTO bad
      FROM (SELECT DISTINCT transaction_id FROM new_rows) t
     CROSS JOIN LATERAL (SELECT COALESCE(sum(e.amount_cents), 0) AS total FROM ledger_entries e WHERE e.transaction_id = t.transaction_id) s
     WHERE s.total <> 0
     LIMIT 1;
  END IF;
  IF FOUND THEN
    RAISE EXCEPTION 'ledger transaction % is unbalanced by %', bad.transaction_id, bad.total USING ERRCODE = '23514';
  END IF;
  RETURN NULL;
END
$fn$;

CREATE TRIGGER "ledger_entries_balanced" AFTER INSERT ON "ledger_entries" REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_check_balanced_statement();
CREATE TRIGGER "ledger_entries_balanced_update" AFTER UPDATE ON "ledger_entries" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_check_balanced_statement();

-- Cached balances are rewritten by every posting (the billing sweep: every charged wallet, every reader's earnings
-- and platform revenue, each minute) and none of the columns a posting writes (balance_cents, updated_at) is indexed:
-- with free space on the page PostgreSQL updates them in place (HOT) instead of adding an entry to each of the
-- table's four indexes. Applies to pages written from now on, as sessions' fillfactor does.
ALTER TABLE "ledger_accounts" SET (fillfactor = 80);
