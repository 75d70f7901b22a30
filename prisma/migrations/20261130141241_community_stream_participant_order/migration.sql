-- CreateTable
CREATE TABLE "stream_participant_events" (
    "room_name" TEXT NOT NULL,
    "identity" TEXT NOT NULL,
    "event_at" BIGINT NOT NULL,
    "event" TEXT NOT NULL,
    "sid" TEXT NOT NULL DEFAULT '',
    "updated_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "stream_participant_events_pkey" PRIMARY KEY ("room_name","identity")
);
