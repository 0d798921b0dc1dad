-- AlterTable
ALTER TABLE "newsletter_runs" ADD COLUMN     "summary" JSONB;
