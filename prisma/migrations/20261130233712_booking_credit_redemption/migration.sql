-- AlterTable (credits issued before this migration expire 365 days after issue, the setting's default)
ALTER TABLE "booking_credits" ADD COLUMN     "expires_at" TIMESTAMP(3);
UPDATE "booking_credits" SET "expires_at" = "created_at" + interval '365 days';
ALTER TABLE "booking_credits" ALTER COLUMN "expires_at" SET NOT NULL;

-- AlterTable
ALTER TABLE "sessions" ADD COLUMN     "booking_credit_id" TEXT,
ADD COLUMN     "prepaid_minutes" INTEGER NOT NULL DEFAULT 0;

-- CreateIndex
CREATE UNIQUE INDEX "booking_credits_session_id_key" ON "booking_credits"("session_id");

-- CreateIndex
CREATE INDEX "booking_credits_status_expires_at_idx" ON "booking_credits"("status", "expires_at");
