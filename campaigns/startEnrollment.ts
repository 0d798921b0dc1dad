import crypto from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { PrismaClient } from '../db/generated/client';
import { admitEnrollment, type Admission } from '../activities/enrollments';
import type { CampaignEnrollmentInput } from '../workflows/campaignEnrollment/contract';
import type { CampaignDefinition } from './dsl/campaign';
import { startEnrollmentWorkflow } from './enrollmentClient';

export type StartEnrollmentRequest = {
  client: Client;
  prisma: PrismaClient;
  taskQueue: string;
  definition: CampaignDefinition;
  customerId: string;
  vehicleId?: string;
  context?: CampaignEnrollmentInput['context'];
  /** Give one to make the call idempotent (a retried request enrolls once). */
  enrollmentId?: string;
  now?: Date;
};

function missingContext(definition: CampaignDefinition, context: Record<string, unknown>): string[] {
  return definition.context.filter((key) => context[key] === undefined || context[key] === null);
}

/**
 * Enrolls a customer: checks the context the campaign needs, applies re-entry and holdout, records
 * the enrollment with the definition pinned, and starts its workflow (an already running one counts as started).
 */
export async function startEnrollment(request: StartEnrollmentRequest): Promise<Admission> {
  const context = request.context ?? {};
  const missing = missingContext(request.definition, context);
  if (missing.length > 0) {
    throw new Error(`campaign "${request.definition.id}": context is missing ${missing.map((k) => `"${k}"`).join(', ')}`);
  }
  const enrollmentId = request.enrollmentId ?? crypto.randomUUID();
  const admission = await admitEnrollment(request.prisma, {
    customerId: request.customerId,
    vehicleId: request.vehicleId,
    definition: request.definition,
    enrollmentId,
    now: (request.now ?? new Date()).toISOString(),
  });
  if (!admission.admitted) return admission;
  const customer = await request.prisma.customer.findUniqueOrThrow({
    where: { id: request.customerId },
    include: { dealer: true, location: true },
  });
  const input: CampaignEnrollmentInput = {
    enrollmentId,
    customerId: request.customerId,
    vehicleId: request.vehicleId,
    definition: request.definition,
    context,
    timeZone: customer.location?.timeZone ?? customer.dealer.timeZone,
  };
  await startEnrollmentWorkflow(request.client, request.taskQueue, input);
  return admission;
}
