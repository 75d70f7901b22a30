-- DropIndex
DROP INDEX "transactions_session_id_idx";
