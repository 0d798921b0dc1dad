import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Settings } from '../config/settings';
import type { PrismaClient } from '../db/generated/client';
import { enrollmentWorkflowId } from '../workflows/campaignEnrollment/contract';
import { lifecycleWorkflowId } from '../workflows/customerLifecycle/contract';
import { leadWorkflowId } from '../workflows/leadFollowUp/contract';
import { blankCustomerData } from './blankCustomerData';
import { customerSubject } from './keyStore';
import { payloadEncryption } from './payloadEncryption';

/**
 * Erasure under Art. 17 DSGVO, one call for everything, in steps that are recorded as they finish
 * (erasure_requests.stepsDone), so a repeated or interrupted request resumes where it stopped:
 *   1. workflows_ended  the customer's lifecycle, enrollments and leads are terminated in Temporal
 *                       (no timer of theirs can email anyone, no activity writes again);
 *   2. data_blanked     profile, vehicles' VIN/plate/DMS ids, touchpoint texts and event ids, outbox
 *                       bodies and addresses, leads' texts, staff tasks, newsletter recipient rows
 *                       (privacy/blankCustomerData.ts);
 *   3. key_shredded     the customer's payload key is deleted: what Temporal still holds for them,
 *                       closed histories included, can no longer be decrypted.
 */
export const ERASURE_STEPS = ['workflows_ended', 'data_blanked', 'key_shredded'] as const;
type Step = (typeof ERASURE_STEPS)[number];

export type ErasureDeps = {
  prisma: PrismaClient;
  client: Client;
  settings: Pick<Settings, 'PAYLOAD_MASTER_KEY' | 'PAYLOAD_MASTER_KEY_PREVIOUS'>;
  now?: () => Date;
};
export type ErasureRequestInput = { customerId: string; dealerId: string; requestedBy: string; requestedAt?: Date };
export type ErasureReport = {
  erasureId: string;
  customerId: string;
  requestedBy: string;
  requestedAt: string;
  stepsDone: string[];
  completedAt: string | null;
  /** true when this customer's erasure had been requested before (this call resumed or repeated it). */
  duplicate: boolean;
  workflowsEnded: string[];
};

const REASON = 'erasure requested (Art. 17 DSGVO)';

async function terminateIfRunning(client: Client, workflowId: string): Promise<boolean> {
  try {
    const handle = client.workflow.getHandle(workflowId);
    const { status } = await handle.describe();
    if (status.name !== 'RUNNING') return false;
    await handle.terminate(REASON);
    return true;
  } catch (error) {
    if (error instanceof WorkflowNotFoundError) return false;
    throw error;
  }
}

/** Every workflow that belongs to the customer, by the ids the modules give them. */
async function workflowIdsOf(prisma: PrismaClient, customerId: string): Promise<string[]> {
  const [enrollments, leads] = await Promise.all([
    prisma.campaignEnrollment.findMany({ where: { customerId, workflowId: { not: null } }, select: { id: true } }),
    prisma.lead.findMany({ where: { customerId }, select: { id: true } }),
  ]);
  return [
    lifecycleWorkflowId(customerId),
    ...enrollments.map((e) => enrollmentWorkflowId(e.id)),
    ...leads.map((l) => leadWorkflowId(l.id)),
  ];
}

export async function eraseCustomer(deps: ErasureDeps, input: ErasureRequestInput): Promise<ErasureReport> {
  const now = deps.now ?? (() => new Date());
  const { prisma } = deps;
  const earlier = await prisma.erasureRequest.findUnique({ where: { customerId: input.customerId } });
  const request =
    earlier ??
    (await prisma.erasureRequest.upsert({
      where: { customerId: input.customerId },
      create: {
        customerId: input.customerId,
        dealerId: input.dealerId,
        requestedBy: input.requestedBy,
        requestedAt: input.requestedAt ?? now(),
      },
      update: {},
    }));
  const done = new Set<string>(request.stepsDone);
  const workflowsEnded: string[] = [];
  const finish = async (step: Step) => {
    done.add(step);
    await prisma.erasureRequest.update({
      where: { id: request.id },
      data: { stepsDone: ERASURE_STEPS.filter((s) => done.has(s)), lastError: null },
    });
  };
  const steps: Record<Step, () => Promise<void>> = {
    workflows_ended: async () => {
      // Marked first, so a lifecycle or enrollment that starts meanwhile finds the customer erased and stops.
      await prisma.customer.updateMany({ where: { id: input.customerId, erasedAt: null }, data: { erasedAt: now() } });
      for (const workflowId of await workflowIdsOf(prisma, input.customerId)) {
        if (await terminateIfRunning(deps.client, workflowId)) workflowsEnded.push(workflowId);
      }
    },
    data_blanked: () => blankCustomerData(prisma, input.customerId, now()),
    key_shredded: async () => {
      await payloadEncryption(prisma, deps.settings).keys.shred(customerSubject(input.customerId));
    },
  };
  try {
    for (const step of ERASURE_STEPS) {
      if (done.has(step)) continue;
      await steps[step]();
      await finish(step);
    }
  } catch (error) {
    await prisma.erasureRequest.update({ where: { id: request.id }, data: { lastError: (error as Error).message.slice(0, 1000) } });
    throw error;
  }
  const completed = request.completedAt ?? now();
  if (!request.completedAt) await prisma.erasureRequest.update({ where: { id: request.id }, data: { completedAt: completed } });
  return {
    erasureId: request.id,
    customerId: input.customerId,
    requestedBy: request.requestedBy,
    requestedAt: request.requestedAt.toISOString(),
    stepsDone: [...ERASURE_STEPS].filter((s) => done.has(s)),
    completedAt: completed.toISOString(),
    duplicate: earlier !== null,
    workflowsEnded,
  };
}
