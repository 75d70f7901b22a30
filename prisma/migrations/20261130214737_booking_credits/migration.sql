-- CreateEnum
CREATE TYPE "BookingCreditStatus" AS ENUM ('AVAILABLE', 'REDEEMED', 'REFUNDED', 'EXPIRED');

-- AlterTable
ALTER TABLE "products" ADD COLUMN     "service_minutes" INTEGER,
ADD COLUMN     "service_session_type" "SessionType";

-- CreateTable
CREATE TABLE "booking_credits" (
    "id" TEXT NOT NULL,
    "order_id" TEXT NOT NULL,
    "order_item_id" TEXT NOT NULL,
    "unit" INTEGER NOT NULL,
    "client_id" TEXT NOT NULL,
    "reader_id" TEXT NOT NULL,
    "session_type" "SessionType" NOT NULL,
    "minutes" INTEGER NOT NULL,
    "status" "BookingCreditStatus" NOT NULL DEFAULT 'AVAILABLE',
    "session_id" TEXT,
    "redeemed_at" TIMESTAMP(3),
    "voided_at" TIMESTAMP(3),
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "booking_credits_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "booking_credits_client_id_created_at_idx" ON "booking_credits"("client_id", "created_at");

-- CreateIndex
CREATE INDEX "booking_credits_order_id_idx" ON "booking_credits"("order_id");

-- CreateIndex
CREATE UNIQUE INDEX "booking_credits_order_item_id_unit_key" ON "booking_credits"("order_item_id", "unit");
