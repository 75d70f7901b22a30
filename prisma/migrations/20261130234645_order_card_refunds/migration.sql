-- CreateEnum
CREATE TYPE "CardRefundStatus" AS ENUM ('PENDING', 'PROCESSING', 'SUCCEEDED', 'FAILED');

-- CreateTable
CREATE TABLE "order_card_refunds" (
    "id" TEXT NOT NULL,
    "order_id" TEXT NOT NULL,
    "stripe_payment_intent_id" TEXT NOT NULL,
    "amount_cents" INTEGER NOT NULL,
    "idempotency_key" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "status" "CardRefundStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "stripe_refund_id" TEXT,
    "stripe_status" TEXT,
    "failure_reason" TEXT,
    "transaction_id" TEXT,
    "wallet_credit_transaction_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,
    "processed_at" TIMESTAMP(3),

    CONSTRAINT "order_card_refunds_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "order_card_refunds_idempotency_key_key" ON "order_card_refunds"("idempotency_key");

-- CreateIndex
CREATE UNIQUE INDEX "order_card_refunds_stripe_refund_id_key" ON "order_card_refunds"("stripe_refund_id");

-- CreateIndex
CREATE UNIQUE INDEX "order_card_refunds_transaction_id_key" ON "order_card_refunds"("transaction_id");

-- CreateIndex
CREATE UNIQUE INDEX "order_card_refunds_wallet_credit_transaction_id_key" ON "order_card_refunds"("wallet_credit_transaction_id");

-- CreateIndex
CREATE INDEX "order_card_refunds_order_id_idx" ON "order_card_refunds"("order_id");

-- CreateIndex
CREATE INDEX "order_card_refunds_status_created_at_idx" ON "order_card_refunds"("status", "created_at");

-- AddForeignKey
ALTER TABLE "order_card_refunds" ADD CONSTRAINT "order_card_refunds_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "orders"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_card_refunds" ADD CONSTRAINT "order_card_refunds_transaction_id_fkey" FOREIGN KEY ("transaction_id") REFERENCES "transactions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "order_card_refunds" ADD CONSTRAINT "order_card_refunds_wallet_credit_transaction_id_fkey" FOREIGN KEY ("wallet_credit_transaction_id") REFERENCES "transactions"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Card refunds of orders sent before they were tracked (best-effort, after commit): recorded as PROCESSING with the
-- key they were sent with, never sent again (Stripe's idempotency window may have passed); a refund webhook settles
-- them, else the reconciliation lists them after a day (stuck_card_refunds) for a person to check in Stripe.
INSERT INTO order_card_refunds (id, order_id, stripe_payment_intent_id, amount_cents, idempotency_key, reason, status, transaction_id, created_at, updated_at)
SELECT 'backfill-' || t.id, t.order_id, o.stripe_payment_intent_id, t.amount_cents, t.idempotency_key,
       COALESCE(t.reason, 'order refunded to the card'), 'PROCESSING', t.id, t.created_at, now()
  FROM transactions t JOIN orders o ON o.id = t.order_id
 WHERE t.type = 'REFUND' AND t.metadata->>'to' = 'CARD' AND o.stripe_payment_intent_id IS NOT NULL;
