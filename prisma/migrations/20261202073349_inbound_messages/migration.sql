-- CreateEnum
CREATE TYPE "InboundKind" AS ENUM ('hard_bounce', 'soft_bounce', 'delivery_report', 'complaint', 'reply', 'auto_reply', 'loop', 'malformed', 'unmatched', 'dropped');

-- CreateTable
CREATE TABLE "inbound_messages" (
    "id" UUID NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "kind" "InboundKind" NOT NULL,
    "outcome" TEXT NOT NULL,
    "reason" TEXT,
    "outboxMessageId" UUID,
    "dealerId" UUID,
    "customerId" UUID,
    "leadId" UUID,
    "campaignId" TEXT,
    "statusCode" TEXT,
    "addressHash" TEXT,
    "sizeBytes" INTEGER NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "inbound_messages_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "inbound_messages_dedupeKey_key" ON "inbound_messages"("dedupeKey");

-- CreateIndex
CREATE INDEX "inbound_messages_kind_addressHash_idx" ON "inbound_messages"("kind", "addressHash");

-- CreateIndex
CREATE INDEX "inbound_messages_outboxMessageId_idx" ON "inbound_messages"("outboxMessageId");

-- CreateIndex
CREATE INDEX "inbound_messages_customerId_receivedAt_idx" ON "inbound_messages"("customerId", "receivedAt");

-- CreateIndex
CREATE INDEX "inbound_messages_dealerId_campaignId_receivedAt_idx" ON "inbound_messages"("dealerId", "campaignId", "receivedAt");
