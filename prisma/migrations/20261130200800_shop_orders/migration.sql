-- CreateEnum
CREATE TYPE "OrderPaymentMethod" AS ENUM ('WALLET', 'CARD');

-- AlterTable
ALTER TABLE "products" ADD COLUMN     "stripe_price_cents" INTEGER,
ADD COLUMN     "stripe_price_id" TEXT,
ADD COLUMN     "sync_version" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "synced_version" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "orders" ADD COLUMN     "cancelled_at" TIMESTAMP(3),
ADD COLUMN     "carrier" TEXT,
ADD COLUMN     "delivered_at" TIMESTAMP(3),
ADD COLUMN     "failure_reason" TEXT,
ADD COLUMN     "idempotency_key" TEXT,
ADD COLUMN     "paid_at" TIMESTAMP(3),
ADD COLUMN     "payment_method" "OrderPaymentMethod" NOT NULL DEFAULT 'WALLET',
ADD COLUMN     "refunded_cents" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "shipped_at" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "order_items" ADD COLUMN     "reader_id" TEXT,
ADD COLUMN     "reader_share_cents" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE INDEX "products_status_created_at_idx" ON "products"("status", "created_at");

-- CreateIndex
CREATE INDEX "products_status_price_cents_idx" ON "products"("status", "price_cents");

-- CreateIndex
CREATE UNIQUE INDEX "orders_idempotency_key_key" ON "orders"("idempotency_key");

-- CreateIndex
CREATE INDEX "order_items_reader_id_idx" ON "order_items"("reader_id");

-- Stock never goes below zero, whatever writes it (the sale takes it under a row lock; this is the last guard).
ALTER TABLE "products" ADD CONSTRAINT "products_stock_quantity_nonnegative" CHECK ("stock_quantity" IS NULL OR "stock_quantity" >= 0);
