-- CreateEnum
CREATE TYPE "GermanState" AS ENUM ('BW', 'BY', 'BE', 'BB', 'HB', 'HH', 'HE', 'MV', 'NI', 'NW', 'RP', 'SL', 'SN', 'ST', 'SH', 'TH');

-- CreateEnum
CREATE TYPE "StaffRole" AS ENUM ('salesperson', 'service_advisor', 'team_lead', 'manager');

-- CreateEnum
CREATE TYPE "AbsenceReason" AS ENUM ('vacation', 'sick', 'training', 'other');

-- CreateEnum
CREATE TYPE "Salutation" AS ENUM ('mr', 'ms', 'mx', 'none');

-- CreateEnum
CREATE TYPE "Language" AS ENUM ('de', 'en');

-- CreateEnum
CREATE TYPE "EmailConsentBasis" AS ENUM ('none', 'double_opt_in', 'existing_customer');

-- CreateEnum
CREATE TYPE "FuelType" AS ENUM ('petrol', 'diesel', 'hybrid', 'plug_in_hybrid', 'electric', 'lpg', 'cng', 'hydrogen', 'other');

-- CreateEnum
CREATE TYPE "FinancingKind" AS ENUM ('cash', 'loan', 'balloon_loan', 'lease');

-- CreateEnum
CREATE TYPE "LeadKind" AS ENUM ('test_drive', 'offer', 'trade_in', 'service');

-- CreateEnum
CREATE TYPE "LeadStatus" AS ENUM ('new', 'contacted', 'qualified', 'won', 'lost', 'spam');

-- CreateEnum
CREATE TYPE "CallbackStatus" AS ENUM ('open', 'done', 'cancelled');

-- CreateEnum
CREATE TYPE "CallbackOutcome" AS ENUM ('reached', 'no_answer', 'voicemail', 'wrong_number', 'not_interested', 'appointment_booked');

-- CreateEnum
CREATE TYPE "TouchpointChannel" AS ENUM ('phone', 'email', 'visit', 'web', 'letter', 'system');

-- CreateEnum
CREATE TYPE "TouchpointDirection" AS ENUM ('inbound', 'outbound', 'internal');

-- CreateEnum
CREATE TYPE "Department" AS ENUM ('sales', 'service', 'parts', 'marketing', 'management', 'system');

-- CreateEnum
CREATE TYPE "MessageCategory" AS ENUM ('marketing', 'transactional', 'staff');

-- CreateEnum
CREATE TYPE "MessageStatus" AS ENUM ('queued', 'sending', 'sent', 'failed', 'skipped', 'unknown');

-- CreateEnum
CREATE TYPE "SuppressionReason" AS ENUM ('bounce', 'complaint', 'unsubscribe', 'manual');

-- CreateEnum
CREATE TYPE "EnrollmentStatus" AS ENUM ('active', 'completed', 'exited');

-- CreateEnum
CREATE TYPE "NewsletterRunStatus" AS ENUM ('draft', 'scheduled', 'running', 'paused', 'completed', 'cancelled');

-- CreateEnum
CREATE TYPE "NewsletterRecipientStatus" AS ENUM ('pending', 'queued', 'sent', 'skipped', 'failed');

-- CreateTable
CREATE TABLE "dealer_groups" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "dealer_groups_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dealers" (
    "id" UUID NOT NULL,
    "groupId" UUID,
    "name" TEXT NOT NULL,
    "legalName" TEXT,
    "timeZone" TEXT NOT NULL DEFAULT 'Europe/Berlin',
    "street" TEXT,
    "postalCode" TEXT,
    "city" TEXT,
    "country" TEXT NOT NULL DEFAULT 'DE',
    "phone" TEXT,
    "email" TEXT,
    "websiteUrl" TEXT,
    "logoUrl" TEXT,
    "imprint" TEXT,
    "managingDirectors" TEXT,
    "registerCourt" TEXT,
    "registerNumber" TEXT,
    "vatId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "dealers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "locations" (
    "id" UUID NOT NULL,
    "dealerId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'Europe/Berlin',
    "federalState" "GermanState" NOT NULL,
    "openingHours" JSONB NOT NULL DEFAULT '{}',
    "street" TEXT,
    "postalCode" TEXT,
    "city" TEXT,
    "phone" TEXT,
    "email" TEXT,
    "logoUrl" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "locations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "staff" (
    "id" UUID NOT NULL,
    "dealerId" UUID NOT NULL,
    "locationId" UUID,
    "managerId" UUID,
    "role" "StaffRole" NOT NULL,
    "firstName" TEXT NOT NULL,
    "lastName" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "phone" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "leftAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "staff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "staff_absences" (
    "id" UUID NOT NULL,
    "staffId" UUID NOT NULL,
    "from" DATE NOT NULL,
    "to" DATE NOT NULL,
    "reason" "AbsenceReason" NOT NULL,
    "note" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "staff_absences_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "customers" (
    "id" UUID NOT NULL,
    "dealerId" UUID NOT NULL,
    "locationId" UUID,
    "externalDmsId" TEXT,
    "salutation" "Salutation" NOT NULL DEFAULT 'none',
    "title" TEXT,
    "firstName" TEXT,
    "lastName" TEXT NOT NULL,
    "companyName" TEXT,
    "email" TEXT,
    "phone" TEXT,
    "language" "Language" NOT NULL DEFAULT 'de',
    "assignedSalespersonId" UUID,
    "emailConsentBasis" "EmailConsentBasis" NOT NULL DEFAULT 'none',
    "consentGivenAt" TIMESTAMPTZ(3),
    "consentConfirmedAt" TIMESTAMPTZ(3),
    "consentSource" TEXT,
    "consentWording" TEXT,
    "existingCustomerSince" TIMESTAMPTZ(3),
    "objectedAt" TIMESTAMPTZ(3),
    "erasedAt" TIMESTAMPTZ(3),
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "customers_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "vehicles" (
    "id" UUID NOT NULL,
    "dealerId" UUID NOT NULL,
    "ownerId" UUID,
    "externalDmsId" TEXT,
    "vin" TEXT NOT NULL,
    "licensePlate" TEXT,
    "make" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "variant" TEXT,
    "fuelType" "FuelType",
    "firstRegistrationAt" DATE,
    "deliveredAt" DATE,
    "lastServiceAt" DATE,
    "lastServiceMileage" INTEGER,
    "lastHuAt" DATE,
    "financingKind" "FinancingKind",
    "financingEndAt" DATE,
    "soldAt" DATE,
    "deregisteredAt" DATE,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "vehicles_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "service_visits" (
    "id" UUID NOT NULL,
    "dealerId" UUID NOT NULL,
    "vehicleId" UUID NOT NULL,
    "locationId" UUID,
    "externalDmsId" TEXT,
    "visitedAt" DATE NOT NULL,
    "mileage" INTEGER,
    "huDone" BOOLEAN NOT NULL DEFAULT false,
    "workSummary" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "service_visits_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "leads" (
    "id" UUID NOT NULL,
    "dealerId" UUID NOT NULL,
    "locationId" UUID,
    "customerId" UUID,
    "assignedToId" UUID,
    "source" TEXT NOT NULL,
    "externalId" TEXT,
    "kind" "LeadKind" NOT NULL,
    "status" "LeadStatus" NOT NULL DEFAULT 'new',
    "message" TEXT,
    "vehicleOfInterest" TEXT,
    "vehicleId" UUID,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "firstContactAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "leads_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "callback_tasks" (
    "id" UUID NOT NULL,
    "leadId" UUID NOT NULL,
    "assigneeId" UUID,
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "status" "CallbackStatus" NOT NULL DEFAULT 'open',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastAttemptAt" TIMESTAMPTZ(3),
    "outcome" "CallbackOutcome",
    "escalationLevel" INTEGER NOT NULL DEFAULT 0,
    "completedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "callback_tasks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "touchpoints" (
    "id" UUID NOT NULL,
    "dealerId" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "staffId" UUID,
    "leadId" UUID,
    "vehicleId" UUID,
    "messageId" UUID,
    "channel" "TouchpointChannel" NOT NULL,
    "direction" "TouchpointDirection" NOT NULL,
    "department" "Department",
    "kind" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "externalEventId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "touchpoints_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "messages" (
    "id" UUID NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "dealerId" UUID,
    "templateId" TEXT NOT NULL,
    "language" "Language" NOT NULL DEFAULT 'de',
    "recipientEmail" TEXT NOT NULL,
    "recipientName" TEXT,
    "customerId" UUID,
    "staffId" UUID,
    "campaignId" TEXT,
    "enrollmentId" UUID,
    "newsletterRunId" UUID,
    "category" "MessageCategory" NOT NULL,
    "status" "MessageStatus" NOT NULL DEFAULT 'queued',
    "skipReason" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "subject" TEXT,
    "payload" JSONB,
    "providerMessageId" TEXT,
    "messageIdHeader" TEXT,
    "error" TEXT,
    "queuedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sendingAt" TIMESTAMPTZ(3),
    "sentAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "suppressions" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "reason" "SuppressionReason" NOT NULL,
    "note" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "suppressions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "campaign_enrollments" (
    "id" UUID NOT NULL,
    "dealerId" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "vehicleId" UUID,
    "campaignId" TEXT NOT NULL,
    "campaignVersion" INTEGER NOT NULL,
    "definition" JSONB NOT NULL,
    "status" "EnrollmentStatus" NOT NULL DEFAULT 'active',
    "holdout" BOOLEAN NOT NULL DEFAULT false,
    "enteredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "exitedAt" TIMESTAMPTZ(3),
    "exitReason" TEXT,
    "workflowId" TEXT,

    CONSTRAINT "campaign_enrollments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "staff_tasks" (
    "id" UUID NOT NULL,
    "idempotencyKey" TEXT,
    "dealerId" UUID NOT NULL,
    "role" "StaffRole",
    "assigneeId" UUID,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "details" TEXT,
    "customerId" UUID,
    "vehicleId" UUID,
    "enrollmentId" UUID,
    "dueAt" TIMESTAMPTZ(3),
    "doneAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "staff_tasks_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "newsletter_runs" (
    "id" UUID NOT NULL,
    "dealerId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "templateId" TEXT NOT NULL,
    "segment" JSONB NOT NULL,
    "status" "NewsletterRunStatus" NOT NULL DEFAULT 'draft',
    "workflowId" TEXT,
    "scheduledAt" TIMESTAMPTZ(3),
    "startedAt" TIMESTAMPTZ(3),
    "finishedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "newsletter_runs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "newsletter_recipients" (
    "id" UUID NOT NULL,
    "runId" UUID NOT NULL,
    "customerId" UUID NOT NULL,
    "status" "NewsletterRecipientStatus" NOT NULL DEFAULT 'pending',
    "messageId" UUID,
    "skipReason" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "newsletter_recipients_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_keys" (
    "id" UUID NOT NULL,
    "dealerId" UUID,
    "name" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "keyPrefix" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMPTZ(3),
    "revokedAt" TIMESTAMPTZ(3),

    CONSTRAINT "api_keys_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "processed_events" (
    "eventId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "processedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "processed_events_pkey" PRIMARY KEY ("eventId")
);

-- CreateIndex
CREATE INDEX "dealers_groupId_idx" ON "dealers"("groupId");

-- CreateIndex
CREATE UNIQUE INDEX "locations_dealerId_name_key" ON "locations"("dealerId", "name");

-- CreateIndex
CREATE INDEX "staff_locationId_role_active_idx" ON "staff"("locationId", "role", "active");

-- CreateIndex
CREATE INDEX "staff_managerId_idx" ON "staff"("managerId");

-- CreateIndex
CREATE UNIQUE INDEX "staff_dealerId_email_key" ON "staff"("dealerId", "email");

-- CreateIndex
CREATE INDEX "staff_absences_staffId_from_to_idx" ON "staff_absences"("staffId", "from", "to");

-- CreateIndex
CREATE INDEX "customers_dealerId_email_idx" ON "customers"("dealerId", "email");

-- CreateIndex
CREATE INDEX "customers_assignedSalespersonId_idx" ON "customers"("assignedSalespersonId");

-- CreateIndex
CREATE INDEX "customers_tags_idx" ON "customers" USING GIN ("tags");

-- CreateIndex
CREATE UNIQUE INDEX "customers_dealerId_externalDmsId_key" ON "customers"("dealerId", "externalDmsId");

-- CreateIndex
CREATE INDEX "vehicles_ownerId_idx" ON "vehicles"("ownerId");

-- CreateIndex
CREATE INDEX "vehicles_dealerId_lastHuAt_idx" ON "vehicles"("dealerId", "lastHuAt");

-- CreateIndex
CREATE INDEX "vehicles_dealerId_financingEndAt_idx" ON "vehicles"("dealerId", "financingEndAt");

-- CreateIndex
CREATE UNIQUE INDEX "vehicles_dealerId_vin_key" ON "vehicles"("dealerId", "vin");

-- CreateIndex
CREATE UNIQUE INDEX "vehicles_dealerId_externalDmsId_key" ON "vehicles"("dealerId", "externalDmsId");

-- CreateIndex
CREATE INDEX "service_visits_vehicleId_visitedAt_idx" ON "service_visits"("vehicleId", "visitedAt");

-- CreateIndex
CREATE UNIQUE INDEX "service_visits_dealerId_externalDmsId_key" ON "service_visits"("dealerId", "externalDmsId");

-- CreateIndex
CREATE INDEX "leads_dealerId_status_receivedAt_idx" ON "leads"("dealerId", "status", "receivedAt");

-- CreateIndex
CREATE INDEX "leads_customerId_idx" ON "leads"("customerId");

-- CreateIndex
CREATE INDEX "leads_assignedToId_status_idx" ON "leads"("assignedToId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "leads_dealerId_source_externalId_key" ON "leads"("dealerId", "source", "externalId");

-- CreateIndex
CREATE INDEX "callback_tasks_leadId_idx" ON "callback_tasks"("leadId");

-- CreateIndex
CREATE INDEX "callback_tasks_assigneeId_status_dueAt_idx" ON "callback_tasks"("assigneeId", "status", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "touchpoints_externalEventId_key" ON "touchpoints"("externalEventId");

-- CreateIndex
CREATE INDEX "touchpoints_customerId_occurredAt_idx" ON "touchpoints"("customerId", "occurredAt");

-- CreateIndex
CREATE INDEX "touchpoints_leadId_idx" ON "touchpoints"("leadId");

-- CreateIndex
CREATE UNIQUE INDEX "messages_idempotencyKey_key" ON "messages"("idempotencyKey");

-- CreateIndex
CREATE INDEX "messages_status_queuedAt_idx" ON "messages"("status", "queuedAt");

-- CreateIndex
CREATE INDEX "messages_customerId_queuedAt_idx" ON "messages"("customerId", "queuedAt");

-- CreateIndex
CREATE INDEX "messages_enrollmentId_idx" ON "messages"("enrollmentId");

-- CreateIndex
CREATE INDEX "messages_newsletterRunId_idx" ON "messages"("newsletterRunId");

-- CreateIndex
CREATE INDEX "messages_messageIdHeader_idx" ON "messages"("messageIdHeader");

-- CreateIndex
CREATE UNIQUE INDEX "suppressions_email_reason_key" ON "suppressions"("email", "reason");

-- CreateIndex
CREATE UNIQUE INDEX "campaign_enrollments_workflowId_key" ON "campaign_enrollments"("workflowId");

-- CreateIndex
CREATE INDEX "campaign_enrollments_campaignId_status_idx" ON "campaign_enrollments"("campaignId", "status");

-- CreateIndex
CREATE INDEX "campaign_enrollments_customerId_campaignId_idx" ON "campaign_enrollments"("customerId", "campaignId");

-- CreateIndex
CREATE UNIQUE INDEX "staff_tasks_idempotencyKey_key" ON "staff_tasks"("idempotencyKey");

-- CreateIndex
CREATE INDEX "staff_tasks_assigneeId_doneAt_idx" ON "staff_tasks"("assigneeId", "doneAt");

-- CreateIndex
CREATE INDEX "staff_tasks_dealerId_role_doneAt_idx" ON "staff_tasks"("dealerId", "role", "doneAt");

-- CreateIndex
CREATE UNIQUE INDEX "newsletter_runs_workflowId_key" ON "newsletter_runs"("workflowId");

-- CreateIndex
CREATE INDEX "newsletter_runs_dealerId_createdAt_idx" ON "newsletter_runs"("dealerId", "createdAt");

-- CreateIndex
CREATE INDEX "newsletter_recipients_runId_status_idx" ON "newsletter_recipients"("runId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "newsletter_recipients_runId_customerId_key" ON "newsletter_recipients"("runId", "customerId");

-- CreateIndex
CREATE UNIQUE INDEX "api_keys_keyHash_key" ON "api_keys"("keyHash");

-- AddForeignKey
ALTER TABLE "dealers" ADD CONSTRAINT "dealers_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "dealer_groups"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "locations" ADD CONSTRAINT "locations_dealerId_fkey" FOREIGN KEY ("dealerId") REFERENCES "dealers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff" ADD CONSTRAINT "staff_dealerId_fkey" FOREIGN KEY ("dealerId") REFERENCES "dealers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff" ADD CONSTRAINT "staff_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "locations"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff" ADD CONSTRAINT "staff_managerId_fkey" FOREIGN KEY ("managerId") REFERENCES "staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff_absences" ADD CONSTRAINT "staff_absences_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "staff"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "customers" ADD CONSTRAINT "customers_dealerId_fkey" FOREIGN KEY ("dealerId") REFERENCES "dealers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "customers" ADD CONSTRAINT "customers_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "locations"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "customers" ADD CONSTRAINT "customers_assignedSalespersonId_fkey" FOREIGN KEY ("assignedSalespersonId") REFERENCES "staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "vehicles" ADD CONSTRAINT "vehicles_dealerId_fkey" FOREIGN KEY ("dealerId") REFERENCES "dealers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "vehicles" ADD CONSTRAINT "vehicles_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "customers"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "service_visits" ADD CONSTRAINT "service_visits_dealerId_fkey" FOREIGN KEY ("dealerId") REFERENCES "dealers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "service_visits" ADD CONSTRAINT "service_visits_vehicleId_fkey" FOREIGN KEY ("vehicleId") REFERENCES "vehicles"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "service_visits" ADD CONSTRAINT "service_visits_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "locations"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "leads" ADD CONSTRAINT "leads_dealerId_fkey" FOREIGN KEY ("dealerId") REFERENCES "dealers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "leads" ADD CONSTRAINT "leads_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "locations"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "leads" ADD CONSTRAINT "leads_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "customers"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "leads" ADD CONSTRAINT "leads_assignedToId_fkey" FOREIGN KEY ("assignedToId") REFERENCES "staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "leads" ADD CONSTRAINT "leads_vehicleId_fkey" FOREIGN KEY ("vehicleId") REFERENCES "vehicles"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "callback_tasks" ADD CONSTRAINT "callback_tasks_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "leads"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "callback_tasks" ADD CONSTRAINT "callback_tasks_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "touchpoints" ADD CONSTRAINT "touchpoints_dealerId_fkey" FOREIGN KEY ("dealerId") REFERENCES "dealers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "touchpoints" ADD CONSTRAINT "touchpoints_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "touchpoints" ADD CONSTRAINT "touchpoints_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "touchpoints" ADD CONSTRAINT "touchpoints_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "leads"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "touchpoints" ADD CONSTRAINT "touchpoints_vehicleId_fkey" FOREIGN KEY ("vehicleId") REFERENCES "vehicles"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "messages" ADD CONSTRAINT "messages_dealerId_fkey" FOREIGN KEY ("dealerId") REFERENCES "dealers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "messages" ADD CONSTRAINT "messages_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "customers"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "messages" ADD CONSTRAINT "messages_staffId_fkey" FOREIGN KEY ("staffId") REFERENCES "staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "messages" ADD CONSTRAINT "messages_enrollmentId_fkey" FOREIGN KEY ("enrollmentId") REFERENCES "campaign_enrollments"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_enrollments" ADD CONSTRAINT "campaign_enrollments_dealerId_fkey" FOREIGN KEY ("dealerId") REFERENCES "dealers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_enrollments" ADD CONSTRAINT "campaign_enrollments_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "campaign_enrollments" ADD CONSTRAINT "campaign_enrollments_vehicleId_fkey" FOREIGN KEY ("vehicleId") REFERENCES "vehicles"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff_tasks" ADD CONSTRAINT "staff_tasks_dealerId_fkey" FOREIGN KEY ("dealerId") REFERENCES "dealers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff_tasks" ADD CONSTRAINT "staff_tasks_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff_tasks" ADD CONSTRAINT "staff_tasks_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "customers"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff_tasks" ADD CONSTRAINT "staff_tasks_vehicleId_fkey" FOREIGN KEY ("vehicleId") REFERENCES "vehicles"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "staff_tasks" ADD CONSTRAINT "staff_tasks_enrollmentId_fkey" FOREIGN KEY ("enrollmentId") REFERENCES "campaign_enrollments"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "newsletter_runs" ADD CONSTRAINT "newsletter_runs_dealerId_fkey" FOREIGN KEY ("dealerId") REFERENCES "dealers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "newsletter_recipients" ADD CONSTRAINT "newsletter_recipients_runId_fkey" FOREIGN KEY ("runId") REFERENCES "newsletter_runs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "newsletter_recipients" ADD CONSTRAINT "newsletter_recipients_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "customers"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_dealerId_fkey" FOREIGN KEY ("dealerId") REFERENCES "dealers"("id") ON DELETE CASCADE ON UPDATE CASCADE;
