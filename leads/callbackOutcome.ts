import crypto from 'node:crypto';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { z } from 'zod';
import { recordCallbackOutcome } from '../activities/leads/outcomes';
import type { PrismaClient } from '../db/generated/client';
import { CALLBACK_OUTCOMES, callbackOutcomeSignal, leadWorkflowId, type CallbackOutcome } from '../workflows/leadFollowUp/contract';

export type LeadClientDeps = { client: Client; prisma: PrismaClient; clock?: () => Date };

export const callbackOutcomeSchema = z.strictObject({
  leadId: z.uuid({ message: 'must be a UUID' }),
  outcome: z.enum(CALLBACK_OUTCOMES, { message: `must be one of ${CALLBACK_OUTCOMES.join(', ')}` }),
  staffId: z.uuid({ message: 'must be a UUID' }).optional(),
  note: z.string().trim().max(2000).optional(),
  /** Give one to make a retried request count once. */
  outcomeId: z.string().min(1).max(200).optional(),
});
export type CallbackOutcomeRequest = z.input<typeof callbackOutcomeSchema>;

export class LeadNotFoundError extends Error {
  constructor(readonly leadId: string) {
    super(`lead ${leadId} does not exist`);
    this.name = 'LeadNotFoundError';
  }
}

export const OUTCOME_LABELS: Record<CallbackOutcome, string> = {
  reached: 'Kunde erreicht',
  appointment_booked: 'Termin vereinbart',
  no_answer: 'Nicht erreicht',
  not_interested: 'Kein Interesse',
  wrong_contact_data: 'Kontaktdaten falsch',
};

/**
 * Logs what came of a callback (signed-link page, API, CLI): the running follow-up stops escalating,
 * schedules a retry after 'no answer', or marks the lead unreachable. On a lead whose follow-up has
 * already ended, the outcome is still recorded as a touchpoint.
 */
export async function logCallbackOutcome(deps: LeadClientDeps, request: CallbackOutcomeRequest): Promise<void> {
  const parsed = callbackOutcomeSchema.safeParse(request);
  if (!parsed.success) {
    throw new Error(`invalid callback outcome: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; ')}`);
  }
  const { leadId, outcome, staffId, note } = parsed.data;
  const lead = await deps.prisma.lead.findUnique({ where: { id: leadId } });
  if (!lead) throw new LeadNotFoundError(leadId);
  const outcomeId = parsed.data.outcomeId ?? crypto.randomUUID();
  const handle = deps.client.workflow.getHandle(leadWorkflowId(leadId));
  const running = await handle.describe().then((d) => d.status.name === 'RUNNING', (error) => {
    if (error instanceof WorkflowNotFoundError) return false;
    throw error;
  });
  if (running) {
    try {
      await handle.signal(callbackOutcomeSignal, { outcomeId, outcome, staffId, note });
      return;
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error; // ended meanwhile: record it as late below
    }
  }
  await recordCallbackOutcome(deps.prisma, {
    leadId, outcomeId, outcome, staffId, note,
    now: (deps.clock?.() ?? new Date()).toISOString(),
    attempts: 0,
    consequence: { kind: 'late' },
  });
}
