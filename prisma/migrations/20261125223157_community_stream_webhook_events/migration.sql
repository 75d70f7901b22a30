-- CreateTable
CREATE TABLE "stream_webhook_events" (
    "id" TEXT NOT NULL,
    "event" TEXT NOT NULL,
    "room_name" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stream_webhook_events_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "stream_webhook_events_created_at_idx" ON "stream_webhook_events"("created_at");
