-- transactions.external_id is unique by construction (a cuid by default; the billing tick sets it to the row's id) and no
-- query reads it (grep: no externalId/external_id lookup of transactions anywhere): its unique index was one more
-- index entry per charged minute that nobody read.
-- DropIndex
DROP INDEX "transactions_external_id_key";
