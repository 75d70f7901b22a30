-- AlterTable
ALTER TABLE "clients" ADD COLUMN     "show_name_in_leaderboards" BOOLEAN NOT NULL DEFAULT false;
