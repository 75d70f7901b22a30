-- AlterTable
ALTER TABLE "wallets" ADD COLUMN     "auto_reload_pending_key" TEXT;
