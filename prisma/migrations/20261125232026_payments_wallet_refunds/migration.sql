-- CreateEnum
CREATE TYPE "WalletRefundPartStatus" AS ENUM ('PROCESSING', 'SUCCEEDED', 'FAILED');

-- CreateTable
CREATE TABLE "wallet_refunds" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "amount_cents" INTEGER NOT NULL,
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "idempotency_key" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "requested_by_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "wallet_refunds_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "wallet_refund_parts" (
    "id" TEXT NOT NULL,
    "wallet_refund_id" TEXT NOT NULL,
    "top_up_id" TEXT NOT NULL,
    "stripe_payment_intent_id" TEXT NOT NULL,
    "amount_cents" INTEGER NOT NULL,
    "status" "WalletRefundPartStatus" NOT NULL DEFAULT 'PROCESSING',
    "stripe_refund_id" TEXT,
    "stripe_status" TEXT,
    "failure_reason" TEXT,
    "transaction_id" TEXT NOT NULL,
    "restore_transaction_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processed_at" TIMESTAMP(3),

    CONSTRAINT "wallet_refund_parts_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "wallet_refunds_idempotency_key_key" ON "wallet_refunds"("idempotency_key");

-- CreateIndex
CREATE INDEX "wallet_refunds_user_id_created_at_idx" ON "wallet_refunds"("user_id", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "wallet_refund_parts_stripe_refund_id_key" ON "wallet_refund_parts"("stripe_refund_id");

-- CreateIndex
CREATE UNIQUE INDEX "wallet_refund_parts_transaction_id_key" ON "wallet_refund_parts"("transaction_id");

-- CreateIndex
CREATE UNIQUE INDEX "wallet_refund_parts_restore_transaction_id_key" ON "wallet_refund_parts"("restore_transaction_id");

-- CreateIndex
CREATE INDEX "wallet_refund_parts_top_up_id_idx" ON "wallet_refund_parts"("top_up_id");

-- CreateIndex
CREATE INDEX "wallet_refund_parts_status_created_at_idx" ON "wallet_refund_parts"("status", "created_at");

-- CreateIndex
CREATE UNIQUE INDEX "wallet_refund_parts_wallet_refund_id_stripe_payment_intent__key" ON "wallet_refund_parts"("wallet_refund_id", "stripe_payment_intent_id");

-- AddForeignKey
ALTER TABLE "wallet_refunds" ADD CONSTRAINT "wallet_refunds_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "wallet_refund_parts" ADD CONSTRAINT "wallet_refund_parts_wallet_refund_id_fkey" FOREIGN KEY ("wallet_refund_id") REFERENCES "wallet_refunds"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "wallet_refund_parts" ADD CONSTRAINT "wallet_refund_parts_top_up_id_fkey" FOREIGN KEY ("top_up_id") REFERENCES "top_ups"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "wallet_refund_parts" ADD CONSTRAINT "wallet_refund_parts_transaction_id_fkey" FOREIGN KEY ("transaction_id") REFERENCES "transactions"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "wallet_refund_parts" ADD CONSTRAINT "wallet_refund_parts_restore_transaction_id_fkey" FOREIGN KEY ("restore_transaction_id") REFERENCES "transactions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Amounts are positive whole cents
ALTER TABLE "wallet_refunds" ADD CONSTRAINT "wallet_refunds_amount_positive" CHECK ("amount_cents" > 0);
ALTER TABLE "wallet_refund_parts" ADD CONSTRAINT "wallet_refund_parts_amount_positive" CHECK ("amount_cents" > 0);
