import crypto from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Prisma, PrismaClient, TouchpointChannel } from '../db/generated/client';
import type { LeadFollowUpInput } from '../workflows/leadFollowUp/contract';
import { matchOrCreateCustomer } from './customerMatch';
import { startLeadFollowUp } from './leadFollowUpClient';
import { parseLeadSubmission, type LeadSubmission, type ValidLeadSubmission } from './leadSubmission';
import { resolveSlaPolicy, type SlaPolicyOverride } from './slaPolicy';

export type LeadIntakeDeps = {
  client: Client;
  prisma: PrismaClient;
  taskQueue: string;
  /** The dealer's SLA/escalation override (validated here). */
  slaPolicy?: SlaPolicyOverride;
  /** The intake's clock (the API's clock; tests pass the Temporal test server's time). */
  clock?: () => Date;
  /** A repeat request (same person, kind and vehicle) within this many minutes is the same lead (default 30). */
  repeatWindowMinutes?: number;
};

/** Why a submission was recognised as one already taken in. */
export type DuplicateOf = 'lead_id' | 'external_id' | 'idempotency_key' | 'repeat_submission';
export type IntakeResult = { leadId: string; customerId: string; duplicate: boolean; duplicateOf?: DuplicateOf };

/** The same Idempotency-Key came with a different request: the client has a bug, nothing is written. */
export class IdempotencyKeyReusedError extends Error {
  constructor(readonly key: string) {
    super(`Idempotency-Key "${key}" was already used for a different lead request`);
    this.name = 'IdempotencyKeyReusedError';
  }
}

const KIND_TEXT = {
  test_drive: 'Probefahrt-Anfrage',
  offer: 'Preis-/Angebotsanfrage',
  trade_in: 'Inzahlungnahme-Anfrage',
  service: 'Service-Anfrage',
} as const;
const CHANNEL: Record<string, TouchpointChannel> = { website: 'web', phone: 'phone', manufacturer: 'system', reactivation: 'email' };
const DEFAULT_REPEAT_WINDOW_MINUTES = 30;

/**
 * Takes a lead in: validates it, matches the customer by email or phone (or creates a prospect),
 * records the lead and a 'lead.received' touchpoint, and starts its follow-up workflow
 * (id `lead-<leadId>`). One request is one lead:
 * - the same lead id, source id (`externalId`) or `Idempotency-Key` again changes nothing;
 * - the same person (email or phone, normalised) asking for the same kind of lead about the same vehicle
 *   within the repeat window (a double click, a browser retry, a portal that re-posts) is the same lead:
 *   the repeat is recorded as a 'lead.repeat_submission' touchpoint on it.
 * Matching, the duplicate checks and the inserts run in one transaction under the dealer's intake lock
 * (a transaction-level advisory lock), so parallel identical submissions never make two customers or leads.
 */
export async function submitLead(
  deps: LeadIntakeDeps,
  submission: LeadSubmission,
  options: { idempotencyKey?: string } = {},
): Promise<IntakeResult> {
  const lead = parseLeadSubmission(submission);
  if (deps.slaPolicy) resolveSlaPolicy(deps.slaPolicy); // a bad policy fails here, with the field named
  const receivedAt = lead.receivedAt ? new Date(lead.receivedAt) : (deps.clock?.() ?? new Date());
  const requestHash = hashOf(lead);
  const windowMs = (deps.repeatWindowMinutes ?? DEFAULT_REPEAT_WINDOW_MINUTES) * 60_000;

  const result = await deps.prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`stammkunde:lead-intake:${lead.dealerId}`}, 0))`;
      const existing = await findExisting(tx, lead, options.idempotencyKey);
      if (existing) {
        if (existing.by === 'idempotency_key' && existing.lead.requestHash && existing.lead.requestHash !== requestHash)
          throw new IdempotencyKeyReusedError(options.idempotencyKey!);
        return {
          leadId: existing.lead.id,
          customerId: existing.lead.customerId ?? '',
          duplicate: true,
          duplicateOf: existing.by,
        } satisfies IntakeResult;
      }
      const { customer } = await matchOrCreateCustomer(tx, lead);
      const repeated = windowMs > 0 ? await findRepeat(tx, lead, customer.id, receivedAt, windowMs) : null;
      if (repeated) {
        await tx.touchpoint.createMany({
          data: [
            {
              dealerId: lead.dealerId,
              customerId: customer.id,
              leadId: repeated.id,
              vehicleId: lead.vehicleId,
              channel: CHANNEL[lead.source] ?? 'web',
              direction: 'inbound',
              department: lead.kind === 'service' ? 'service' : 'sales',
              kind: 'lead.repeat_submission',
              summary: `Erneut gesendet: ${summaryOf(lead)}`,
              occurredAt: receivedAt,
              externalEventId: `lead:${repeated.id}:repeat:${options.idempotencyKey ?? `${requestHash.slice(0, 16)}@${receivedAt.getTime()}`}`,
            },
          ],
          skipDuplicates: true,
        });
        return { leadId: repeated.id, customerId: customer.id, duplicate: true, duplicateOf: 'repeat_submission' } satisfies IntakeResult;
      }
      const leadId = lead.leadId ?? crypto.randomUUID();
      await tx.lead.create({
        data: {
          id: leadId,
          dealerId: lead.dealerId,
          locationId: lead.locationId ?? customer.locationId,
          customerId: customer.id,
          source: lead.source,
          externalId: lead.externalId,
          kind: lead.kind,
          message: lead.message,
          vehicleOfInterest: lead.vehicleOfInterest,
          vehicleId: lead.vehicleId,
          receivedAt,
          idempotencyKey: options.idempotencyKey,
          requestHash,
        },
      });
      await tx.touchpoint.createMany({
        data: [
          {
            dealerId: lead.dealerId,
            customerId: customer.id,
            leadId,
            staffId: lead.takenById,
            vehicleId: lead.vehicleId,
            channel: CHANNEL[lead.source] ?? 'web',
            direction: 'inbound',
            department: lead.kind === 'service' ? 'service' : 'sales',
            kind: 'lead.received',
            summary: summaryOf(lead),
            occurredAt: receivedAt,
            externalEventId: `lead:${leadId}:received`,
          },
        ],
        skipDuplicates: true,
      });
      return { leadId, customerId: customer.id, duplicate: false } satisfies IntakeResult;
    },
    { timeout: 30_000 },
  );
  await startFollowUp(deps, result.leadId); // idempotent: also finishes an intake that crashed before the start
  return result;
}

function summaryOf(lead: ValidLeadSubmission): string {
  const parts = [`${KIND_TEXT[lead.kind]} (${lead.source})`, lead.vehicleOfInterest, lead.message?.slice(0, 200)];
  return parts.filter(Boolean).join(': ');
}

/** Keys sorted, so the same request hashes the same whatever the order of its fields. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, canonical(v)]),
    );
  return value;
}

function hashOf(lead: ValidLeadSubmission): string {
  return crypto
    .createHash('sha256')
    .update(JSON.stringify(canonical(lead)))
    .digest('hex');
}

/** "VW  ID.4 Pro" and "vw id.4 pro" are the same car. */
export function normalizeVehicle(text: string | null | undefined): string {
  return (text ?? '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}.]+/gu, ' ')
    .trim();
}

async function findExisting(tx: Prisma.TransactionClient, lead: ValidLeadSubmission, idempotencyKey: string | undefined) {
  if (idempotencyKey) {
    const byKey = await tx.lead.findUnique({ where: { dealerId_idempotencyKey: { dealerId: lead.dealerId, idempotencyKey } } });
    if (byKey) return { lead: byKey, by: 'idempotency_key' as const };
  }
  if (lead.leadId) {
    const byId = await tx.lead.findUnique({ where: { id: lead.leadId } });
    if (byId) return { lead: byId, by: 'lead_id' as const };
  }
  if (lead.externalId) {
    const bySource = await tx.lead.findUnique({
      where: { dealerId_source_externalId: { dealerId: lead.dealerId, source: lead.source, externalId: lead.externalId } },
    });
    if (bySource) return { lead: bySource, by: 'external_id' as const };
  }
  return null;
}

/** The same customer's lead of the same kind about the same vehicle, received within the window before this one. */
async function findRepeat(tx: Prisma.TransactionClient, lead: ValidLeadSubmission, customerId: string, receivedAt: Date, windowMs: number) {
  const candidates = await tx.lead.findMany({
    where: {
      dealerId: lead.dealerId,
      customerId,
      kind: lead.kind,
      receivedAt: { gte: new Date(receivedAt.getTime() - windowMs), lte: new Date(receivedAt.getTime() + windowMs) },
    },
    orderBy: { receivedAt: 'asc' },
  });
  return (
    candidates.find((c) =>
      lead.vehicleId || c.vehicleId
        ? c.vehicleId === (lead.vehicleId ?? null)
        : normalizeVehicle(c.vehicleOfInterest) === normalizeVehicle(lead.vehicleOfInterest),
    ) ?? null
  );
}

async function startFollowUp(deps: LeadIntakeDeps, leadId: string): Promise<void> {
  const input: LeadFollowUpInput = { leadId, ...(deps.slaPolicy ? { policy: deps.slaPolicy } : {}) };
  await startLeadFollowUp(deps.client, deps.taskQueue, input);
}
