import crypto from 'node:crypto';
import type { CampaignDefinition } from '../campaigns/dsl/campaign';
import { evaluateCondition, type Condition } from '../campaigns/dsl/conditions';
import type { PrismaClient } from '../db/generated/client';
import { enrollmentWorkflowId, SUPERSEDED_BY_NEXT_CYCLE } from '../workflows/campaignEnrollment/contract';

export type AdmitEnrollmentInput = {
  customerId: string;
  vehicleId?: string;
  definition: CampaignDefinition;
  /** Caller-chosen id, so a retried admission is recognised instead of enrolling twice. */
  enrollmentId: string;
  now: string;
};

export type Admission =
  | { admitted: true; enrollmentId: string; holdout: false }
  | { admitted: false; enrollmentId: string; holdout: true }
  | { admitted: false; reason: 'reentry_never' | 'already_active' | 'reentry_too_soon' | 'customer_unknown' | 'customer_erased' };

/** Deterministic per customer and campaign: the same customer is always in (or out of) the control group. */
export function isInHoldout(campaignId: string, customerId: string, holdoutPercent: number): boolean {
  if (holdoutPercent <= 0) return false;
  const bucket = crypto.createHash('sha256').update(`${campaignId}:${customerId}`).digest().readUInt32BE(0) % 10_000;
  return bucket < holdoutPercent * 100;
}

const DAY_MS = 86_400_000;

/**
 * Applies the campaign's re-entry rule and holdout, then records the enrollment with its pinned
 * definition. Holdout customers are recorded (for uplift measurement) but get no workflow.
 */
export async function admitEnrollment(prisma: PrismaClient, input: AdmitEnrollmentInput): Promise<Admission> {
  const { definition } = input;
  const known = await prisma.campaignEnrollment.findUnique({ where: { id: input.enrollmentId } });
  if (known)
    return known.holdout
      ? { admitted: false, enrollmentId: known.id, holdout: true }
      : { admitted: true, enrollmentId: known.id, holdout: false };

  const customer = await prisma.customer.findUnique({ where: { id: input.customerId }, select: { dealerId: true, erasedAt: true } });
  if (!customer) return { admitted: false, reason: 'customer_unknown' };
  if (customer.erasedAt) return { admitted: false, reason: 'customer_erased' };

  const previous = await prisma.campaignEnrollment.findMany({
    where: { customerId: input.customerId, campaignId: definition.id, vehicleId: input.vehicleId ?? null },
    orderBy: { enteredAt: 'desc' },
  });
  if (previous.some((e) => e.status === 'active' && !e.holdout)) return { admitted: false, reason: 'already_active' };
  const rule = definition.options.reentry;
  if (previous.length > 0 && rule.mode === 'never') return { admitted: false, reason: 'reentry_never' };
  if (previous.length > 0 && rule.mode === 'after_days' && Date.parse(input.now) - previous[0].enteredAt.getTime() < rule.days * DAY_MS) {
    return { admitted: false, reason: 'reentry_too_soon' };
  }

  const holdout = isInHoldout(definition.id, input.customerId, definition.options.holdoutPercent);
  await prisma.campaignEnrollment.create({
    data: {
      id: input.enrollmentId,
      dealerId: customer.dealerId,
      customerId: input.customerId,
      vehicleId: input.vehicleId,
      campaignId: definition.id,
      campaignVersion: definition.version,
      definition: definition as object,
      holdout,
      status: holdout ? 'completed' : 'active',
      exitReason: holdout ? 'holdout' : undefined,
      enteredAt: new Date(input.now),
      workflowId: holdout ? undefined : enrollmentWorkflowId(input.enrollmentId),
    },
  });
  return holdout
    ? { admitted: false, enrollmentId: input.enrollmentId, holdout: true }
    : { admitted: true, enrollmentId: input.enrollmentId, holdout: false };
}

/**
 * Records how the enrollment's workflow ended. It overrides the lifecycle's fallback "superseded" mark: that mark is
 * written when the next cycle is admitted, which may come a moment before the enrollment records the goal it reached
 * (a service visit both ends the reminder and starts the next cycle), and the enrollment knows why it ended.
 */
export async function finishEnrollment(
  prisma: PrismaClient,
  input: { enrollmentId: string; status: 'completed' | 'exited' | 'running'; exitReason?: string; at: string },
): Promise<void> {
  await prisma.campaignEnrollment.updateMany({
    where: { id: input.enrollmentId, OR: [{ status: 'active' }, { status: 'exited', exitReason: SUPERSEDED_BY_NEXT_CYCLE }] },
    data: { status: input.status === 'exited' ? 'exited' : 'completed', exitReason: input.exitReason, exitedAt: new Date(input.at) },
  });
}

/** Fields of a customer or vehicle row that identify a person; a branch may test them, but they never leave the activity. */
const identifying = {
  customer: ['firstName', 'lastName', 'title', 'companyName', 'email', 'phone', 'externalDmsId', 'consentSource', 'consentWording'],
  vehicle: ['vin', 'licensePlate', 'externalDmsId'],
} as const;

type Row = Record<string, unknown> | null;

/** Fresh customer and vehicle facts for branch conditions (dates as yyyy-MM-dd strings), personal fields included. */
async function branchFacts(
  prisma: PrismaClient,
  input: { customerId: string; vehicleId?: string },
): Promise<{ customer: Row; vehicle: Row }> {
  const customer = await prisma.customer.findUnique({ where: { id: input.customerId } });
  const vehicle = input.vehicleId ? await prisma.vehicle.findUnique({ where: { id: input.vehicleId } }) : null;
  const plain = (row: object | null) =>
    row ? Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v instanceof Date ? v.toISOString().slice(0, 10) : v])) : null;
  return {
    customer: customer && {
      ...plain(customer),
      hasConsent: customer.emailConsentBasis === 'double_opt_in' && customer.consentConfirmedAt !== null,
      objected: customer.objectedAt !== null,
    },
    vehicle: plain(vehicle),
  };
}

const without = (row: Row, keys: readonly string[]) =>
  row ? Object.fromEntries(Object.entries(row).filter(([k]) => !keys.includes(k))) : null;

/**
 * Decides a branch on the customer's data as it is now, inside the activity: the workflow learns
 * only which way to go, never the customer's or vehicle's row.
 */
export async function decideBranch(
  prisma: PrismaClient,
  input: { customerId: string; vehicleId?: string; when: Condition; context: Record<string, string | number | boolean | null> },
): Promise<{ matches: boolean }> {
  const facts = await branchFacts(prisma, input);
  return { matches: evaluateCondition(input.when, { ...facts, context: input.context }) };
}

/**
 * For enrollments that started before decideBranch (their histories schedule this activity): the
 * same facts without the fields that identify a person, so even their branch results hold no name,
 * address, phone, DMS number, VIN or plate.
 */
export async function loadBranchContext(prisma: PrismaClient, input: { customerId: string; vehicleId?: string }) {
  const facts = await branchFacts(prisma, input);
  return { customer: without(facts.customer, identifying.customer), vehicle: without(facts.vehicle, identifying.vehicle) };
}
