-- CreateTable
CREATE TABLE "payload_keys" (
    "id" UUID NOT NULL,
    "subject" TEXT NOT NULL,
    "wrappedKey" TEXT NOT NULL,
    "masterKeyId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "rewrappedAt" TIMESTAMPTZ(3),

    CONSTRAINT "payload_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "customer_event_details" (
    "eventId" TEXT NOT NULL,
    "customerId" UUID NOT NULL,
    "details" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "customer_event_details_pkey" PRIMARY KEY ("eventId")
);

-- CreateTable
CREATE TABLE "erasure_requests" (
    "id" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "dealerId" UUID NOT NULL,
    "requestedBy" TEXT NOT NULL,
    "requestedAt" TIMESTAMPTZ(3) NOT NULL,
    "stepsDone" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "completedAt" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "erasure_requests_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "suppressed_address_hashes" (
    "addressHash" TEXT NOT NULL,
    "reason" "SuppressionReason" NOT NULL,
    "since" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "suppressed_address_hashes_pkey" PRIMARY KEY ("addressHash")
);

-- CreateIndex
CREATE UNIQUE INDEX "payload_keys_subject_key" ON "payload_keys"("subject");

-- CreateIndex
CREATE INDEX "customer_event_details_customerId_idx" ON "customer_event_details"("customerId");

-- CreateIndex
CREATE UNIQUE INDEX "erasure_requests_customerId_key" ON "erasure_requests"("customerId");
