-- AlterTable
ALTER TABLE "users" ADD COLUMN     "auth_epoch" INTEGER NOT NULL DEFAULT 0;

-- Every status change (suspend, ban, reactivate, invite accepted), by whatever path, bumps the user's auth
-- epoch in its own transaction: access tokens issued at an older epoch are refused by the gateway.
-- (single-quoted body: the migration runner splits statements on semicolons outside quotes, not dollar quotes)
CREATE FUNCTION "users_bump_auth_epoch"() RETURNS trigger LANGUAGE plpgsql AS '
BEGIN
  NEW."auth_epoch" := OLD."auth_epoch" + 1;
  RETURN NEW;
END';
CREATE TRIGGER "users_auth_epoch" BEFORE UPDATE OF "status" ON "users"
  FOR EACH ROW WHEN (OLD."status" IS DISTINCT FROM NEW."status") EXECUTE FUNCTION "users_bump_auth_epoch"();
