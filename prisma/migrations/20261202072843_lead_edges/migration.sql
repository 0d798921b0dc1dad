/*
  Warnings:

  - A unique constraint covering the columns `[dealerId,idempotencyKey]` on the table `leads` will be added. If there are existing duplicate values, this will fail.

*/
-- AlterTable
ALTER TABLE "dealers" ADD COLUMN     "defaultOpeningHours" JSONB,
ADD COLUMN     "escalationEmail" TEXT;

-- AlterTable
ALTER TABLE "leads" ADD COLUMN     "attention" TEXT,
ADD COLUMN     "attentionAt" TIMESTAMPTZ(3),
ADD COLUMN     "idempotencyKey" TEXT,
ADD COLUMN     "requestHash" TEXT;

-- AlterTable
ALTER TABLE "locations" ADD COLUMN     "escalationEmail" TEXT;

-- CreateTable
CREATE TABLE "callback_notes" (
    "outcomeId" TEXT NOT NULL,
    "leadId" UUID NOT NULL,
    "note" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "callback_notes_pkey" PRIMARY KEY ("outcomeId")
);

-- CreateIndex
CREATE INDEX "callback_notes_leadId_idx" ON "callback_notes"("leadId");

-- CreateIndex
CREATE UNIQUE INDEX "leads_dealerId_idempotencyKey_key" ON "leads"("dealerId", "idempotencyKey");

-- AddForeignKey
ALTER TABLE "callback_notes" ADD CONSTRAINT "callback_notes_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "leads"("id") ON DELETE CASCADE ON UPDATE CASCADE;
