-- CreateTable
CREATE TABLE "system_setting_changes" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "old_value" TEXT NOT NULL,
    "new_value" TEXT NOT NULL,
    "reason" TEXT,
    "actor_id" TEXT,
    "created_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "system_setting_changes_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "system_setting_changes_key_created_at_idx" ON "system_setting_changes"("key", "created_at");

-- CreateIndex
CREATE INDEX "system_setting_changes_created_at_idx" ON "system_setting_changes"("created_at");

-- CreateIndex
CREATE INDEX "audit_logs_action_created_at_idx" ON "audit_logs"("action", "created_at");
