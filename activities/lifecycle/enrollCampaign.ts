import crypto from 'node:crypto';
import type { CampaignDefinition } from '../../campaigns/dsl/campaign';
import type { CampaignEventType } from '../../campaigns/dsl/eventTypes';
import { eventsListenedTo } from '../../campaigns/dsl/stepTree';
import type { PrismaClient } from '../../db/generated/client';
import { SUPERSEDED_BY_NEXT_CYCLE, type CampaignEnrollmentInput } from '../../workflows/campaignEnrollment/contract';
import { admitEnrollment } from '../enrollments';
import { configurationError } from '../shared/failures';

/** A name-based UUID (v5 layout over SHA-1): the same customer, campaign, vehicle and cycle always give the same id. */
export function lifecycleEnrollmentId(parts: { customerId: string; campaignId: string; vehicleId?: string; cycle: number }): string {
  const hash = crypto
    .createHash('sha1')
    .update(`stammkunde/lifecycle/${parts.customerId}/${parts.campaignId}/${parts.vehicleId ?? '-'}/${parts.cycle}`)
    .digest();
  const bytes = Buffer.from(hash.subarray(0, 16));
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export type AdmitLifecycleEnrollmentInput = {
  customerId: string;
  campaignId: string;
  vehicleId?: string;
  cycle: number;
  context: CampaignEnrollmentInput['context'];
  timeZone: string;
  now: string;
  /** Earlier cycles this one replaces (marked exited now, so re-entry sees them closed). */
  supersedes?: string[];
};

/** What the lifecycle keeps of an enrollment it started: ids and the events to forward, never the definition. */
export type LifecycleEnrollment =
  { admitted: true; enrollmentId: string; listensTo: CampaignEventType[] } | { admitted: false; enrollmentId?: string; reason: string };

export type LifecycleAdmission =
  { admitted: true; input: CampaignEnrollmentInput } | { admitted: false; enrollmentId?: string; reason: string };

/**
 * Admits the customer to a built-in campaign on the lifecycle's behalf: closes the superseded
 * cycle, applies re-entry and holdout (activities/enrollments.ts), and returns the pinned
 * enrollment input for the child workflow. Idempotent: a retried call returns the same enrollment.
 */
export async function admitLifecycleEnrollment(
  prisma: PrismaClient,
  catalogue: Map<string, CampaignDefinition>,
  input: AdmitLifecycleEnrollmentInput,
): Promise<LifecycleAdmission> {
  const definition = catalogue.get(input.campaignId);
  if (!definition) throw configurationError('campaign catalogue', 'campaignId', `has no campaign "${input.campaignId}"`);
  const missing = definition.context.filter((key) => input.context[key] === undefined || input.context[key] === null);
  if (missing.length > 0) throw configurationError(`campaign "${definition.id}"`, 'context', `is missing ${missing.join(', ')}`);
  if (input.supersedes?.length) {
    await prisma.campaignEnrollment.updateMany({
      where: { id: { in: input.supersedes }, status: 'active' },
      data: { status: 'exited', exitReason: SUPERSEDED_BY_NEXT_CYCLE, exitedAt: new Date(input.now) },
    });
  }
  const enrollmentId = lifecycleEnrollmentId(input);
  const admission = await admitEnrollment(prisma, {
    customerId: input.customerId,
    vehicleId: input.vehicleId,
    definition,
    enrollmentId,
    now: input.now,
  });
  if (!admission.admitted) return { admitted: false, enrollmentId, reason: 'reason' in admission ? admission.reason : 'holdout' };
  return {
    admitted: true,
    input: {
      enrollmentId,
      customerId: input.customerId,
      vehicleId: input.vehicleId,
      definition,
      context: input.context,
      timeZone: input.timeZone,
    },
  };
}

/**
 * Admits the customer (as above) and starts the enrollment's workflow, in one step: both halves are idempotent
 * (the enrollment id and the workflow id are derived from customer, campaign, vehicle and cycle), so a retry, or
 * a replayed lifecycle that runs it again, finds the same enrollment and its workflow running. The pinned
 * definition goes only into the enrollment's own input; the lifecycle's history keeps ids and event names.
 */
export async function enrollInLifecycleCampaign(
  prisma: PrismaClient,
  catalogue: Map<string, CampaignDefinition>,
  startWorkflow: (input: CampaignEnrollmentInput) => Promise<unknown>,
  input: AdmitLifecycleEnrollmentInput,
): Promise<LifecycleEnrollment> {
  const admission = await admitLifecycleEnrollment(prisma, catalogue, input);
  if (!admission.admitted) return admission;
  await startWorkflow(admission.input);
  return { admitted: true, enrollmentId: admission.input.enrollmentId, listensTo: eventsListenedTo(admission.input.definition) };
}

/** Marks the customer's active enrollments exited (all, or one vehicle's), e.g. on erasure, objection or sale. */
export async function closeEnrollments(
  prisma: PrismaClient,
  input: { customerId: string; vehicleId?: string; reason: string; now: string },
) {
  const closed = await prisma.campaignEnrollment.updateMany({
    where: { customerId: input.customerId, status: 'active', ...(input.vehicleId ? { vehicleId: input.vehicleId } : {}) },
    data: { status: 'exited', exitReason: input.reason, exitedAt: new Date(input.now) },
  });
  return { closed: closed.count };
}
