-- CreateTable
CREATE TABLE "stream_viewers" (
    "id" TEXT NOT NULL,
    "stream_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "joined_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "left_at" TIMESTAMP(3),

    CONSTRAINT "stream_viewers_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "stream_viewers_stream_id_left_at_idx" ON "stream_viewers"("stream_id", "left_at");

-- CreateIndex
CREATE UNIQUE INDEX "stream_viewers_stream_id_user_id_key" ON "stream_viewers"("stream_id", "user_id");

-- AddForeignKey
ALTER TABLE "stream_viewers" ADD CONSTRAINT "stream_viewers_stream_id_fkey" FOREIGN KEY ("stream_id") REFERENCES "live_streams"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Hand-written constraints (community). (prices of gifts and messages are already checked in the init migration.)
ALTER TABLE "live_streams" ADD CONSTRAINT "live_streams_viewer_counts" CHECK ("viewer_count" >= 0 AND "max_viewers" >= "viewer_count");
ALTER TABLE "live_streams" ADD CONSTRAINT "live_streams_premium_price" CHECK ("visibility" <> 'PREMIUM' OR "entry_price_cents" > 0);
ALTER TABLE "content_flags" ADD CONSTRAINT "content_flags_one_target" CHECK (("post_id" IS NULL) <> ("reply_id" IS NULL));
