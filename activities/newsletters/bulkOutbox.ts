import crypto from 'node:crypto';
import type { PrismaClient } from '../../db/generated/client';
import type { NewOutboxRow } from '../delivery/outbox';

/**
 * Outbox state changes for many rows in one statement each, with the same conditions as the
 * single-row ones in activities/delivery/outbox.ts (markSkipped, markSent).
 */

/** queued → skipped (reason), like markSkipped. */
export async function markSkippedMany(prisma: PrismaClient, rows: Array<{ id: string; reason: string }>, at: Date): Promise<void> {
  if (rows.length === 0) return;
  await prisma.$executeRaw`
    UPDATE messages m
    SET status = 'skipped'::"MessageStatus", "skipReason" = v.reason, "updatedAt" = ${at}
    FROM unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.reason)}::text[]) AS v(id, reason)
    WHERE m.id = v.id AND m.status = 'queued'::"MessageStatus"`;
}

/** sending (or unknown, when a first attempt finishes late) → sent, like markSent. */
export async function markSentMany(prisma: PrismaClient, rows: Array<{ id: string; providerMessageId: string }>, at: Date): Promise<void> {
  if (rows.length === 0) return;
  await prisma.$executeRaw`
    UPDATE messages m
    SET status = 'sent'::"MessageStatus", "providerMessageId" = v.provider_id, "sentAt" = ${at}, error = NULL, "updatedAt" = now()
    FROM unnest(${rows.map((r) => r.id)}::uuid[], ${rows.map((r) => r.providerMessageId)}::text[]) AS v(id, provider_id)
    WHERE m.id = v.id AND m.status IN ('sending'::"MessageStatus", 'unknown'::"MessageStatus")`;
}

/** The fields outboxRowFor gives a customer message. */
export type CustomerOutboxRow = Pick<
  NewOutboxRow,
  | 'idempotencyKey'
  | 'dealerId'
  | 'templateId'
  | 'language'
  | 'recipientEmail'
  | 'customerId'
  | 'campaignId'
  | 'enrollmentId'
  | 'newsletterRunId'
  | 'category'
  | 'queuedAt'
>;

/** A time-ordered id (UUID version 7), like the ids Prisma gives outbox rows (@default(uuid(7))). */
export function uuidV7(at = Date.now()): string {
  const bytes = crypto.randomBytes(16);
  bytes.writeUIntBE(at, 0, 6);
  bytes[6] = (bytes[6] & 0x0f) | 0x70;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Inserts queued outbox rows in one statement, leaving any whose idempotency key exists untouched (createMany … skipDuplicates). */
export async function insertOutboxRows(prisma: PrismaClient, rows: CustomerOutboxRow[]): Promise<void> {
  if (rows.length === 0) return;
  const column = <T>(pick: (row: CustomerOutboxRow) => T) => rows.map(pick);
  await prisma.$executeRaw`
    INSERT INTO messages (id, "idempotencyKey", "dealerId", "templateId", language, "recipientEmail", "customerId", "campaignId", "enrollmentId", "newsletterRunId", category, "queuedAt", "updatedAt")
    SELECT v.id, v.key, v.dealer_id, v.template_id, v.language::"Language", v.email, v.customer_id, v.campaign_id, v.enrollment_id, v.run_id, v.category::"MessageCategory", v.queued_at, now()
    FROM unnest(
      ${column(() => uuidV7())}::uuid[], ${column((r) => r.idempotencyKey)}::text[], ${column((r) => r.dealerId ?? null)}::uuid[],
      ${column((r) => r.templateId)}::text[], ${column((r) => r.language ?? 'de')}::text[], ${column((r) => r.recipientEmail)}::text[],
      ${column((r) => r.customerId ?? null)}::uuid[], ${column((r) => r.campaignId ?? null)}::text[], ${column((r) => r.enrollmentId ?? null)}::uuid[],
      ${column((r) => r.newsletterRunId ?? null)}::uuid[], ${column((r) => r.category)}::text[], ${column((r) => new Date(r.queuedAt ?? Date.now()))}::timestamptz[]
    ) AS v(id, key, dealer_id, template_id, language, email, customer_id, campaign_id, enrollment_id, run_id, category, queued_at)
    ON CONFLICT ("idempotencyKey") DO NOTHING`;
}
