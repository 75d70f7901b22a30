-- AlterTable
ALTER TABLE "sessions" ADD COLUMN     "grace_used_seconds" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "livekit_participant_events" (
    "room" TEXT NOT NULL,
    "identity" TEXT NOT NULL,
    "event_at" BIGINT NOT NULL,
    "event" TEXT NOT NULL,
    "sid" TEXT NOT NULL DEFAULT '',
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "livekit_participant_events_pkey" PRIMARY KEY ("room","identity")
);
