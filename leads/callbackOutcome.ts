import { freeText } from '../config/freeText';
import crypto from 'node:crypto';
import { WorkflowNotFoundError, WorkflowUpdateFailedError, type Client } from '@temporalio/client';
import { z } from 'zod';
import { recordCallbackOutcome } from '../activities/leads/outcomes';
import type { PrismaClient } from '../db/generated/client';
import { CALLBACK_OUTCOMES, type CallbackOutcome, type OutcomeReceipt } from '../workflows/leadFollowUp/contract';
import { updateCallbackOutcome } from './leadFollowUpClient';

export type LeadClientDeps = { client: Client; prisma: PrismaClient; clock?: () => Date };

export const callbackOutcomeSchema = z.strictObject({
  leadId: z.uuid({ message: 'must be a UUID' }),
  outcome: z.enum(CALLBACK_OUTCOMES, { message: `must be one of ${CALLBACK_OUTCOMES.join(', ')}` }),
  staffId: z.uuid({ message: 'must be a UUID' }).optional(),
  note: freeText(z.string().trim().max(2000)).optional(),
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

/** What became of a logged outcome: accepted by the running follow-up, or (follow-up already over) kept as a note. */
export type OutcomeLogged =
  | { accepted: true; outcomeId: string; result: OutcomeReceipt['result']; retryAt?: string; attempts: number }
  | { accepted: false; outcomeId: string; result: 'recorded_late'; reason: string };

/**
 * Logs what came of a callback (signed-link page, API, CLI) as a Temporal Update: the running
 * follow-up validates it (rejected when the lead is no longer open) and answers what it did: stopped
 * escalating, scheduled a retry after 'no answer', or marked the lead unreachable. On a lead whose
 * follow-up has already ended, the outcome is still recorded as a touchpoint, and the answer says it was
 * not accepted. The note never travels through Temporal: it is stored first, keyed by the outcome id.
 */
export async function logCallbackOutcome(deps: LeadClientDeps, request: CallbackOutcomeRequest): Promise<OutcomeLogged> {
  const parsed = callbackOutcomeSchema.safeParse(request);
  if (!parsed.success) {
    throw new Error(
      `invalid callback outcome: ${parsed.error.issues.map((i) => `${i.path.join('.') || 'request'}: ${i.message}`).join('; ')}`,
    );
  }
  const { leadId, outcome, staffId, note } = parsed.data;
  const lead = await deps.prisma.lead.findUnique({ where: { id: leadId } });
  if (!lead) throw new LeadNotFoundError(leadId);
  const outcomeId = parsed.data.outcomeId ?? crypto.randomUUID();
  if (note) await deps.prisma.callbackNote.createMany({ data: [{ outcomeId, leadId, note }], skipDuplicates: true });
  let reason = 'the lead has no running follow-up';
  try {
    const receipt = await updateCallbackOutcome(deps.client, leadId, { outcomeId, outcome, ...(staffId ? { staffId } : {}) });
    return {
      accepted: true,
      outcomeId,
      result: receipt.result,
      attempts: receipt.attempts,
      ...(receipt.retryAt ? { retryAt: receipt.retryAt } : {}),
    };
  } catch (error) {
    if (error instanceof WorkflowUpdateFailedError) reason = error.cause?.message ?? error.message;
    else if (!(error instanceof WorkflowNotFoundError) && !isCompletedError(error)) throw error;
  }
  // A follow-up that stopped (see the lead's timeline) left its callback task open: a real conversation closes it.
  const openTask = await deps.prisma.callbackTask.findFirst({ where: { leadId, status: 'open' } });
  await recordCallbackOutcome(deps.prisma, {
    leadId,
    outcomeId,
    outcome,
    staffId,
    now: (deps.clock?.() ?? new Date()).toISOString(),
    attempts: openTask?.attempts ?? 0,
    consequence: (openTask || lead.attention === 'follow_up_failed') && outcome !== 'no_answer' ? { kind: 'completed' } : { kind: 'late' },
  });
  return { accepted: false, outcomeId, result: 'recorded_late', reason };
}

/** The server's answer to an update on a closed workflow ("workflow execution already completed"). */
function isCompletedError(error: unknown): boolean {
  return error instanceof Error && /already completed|not found/i.test(error.message);
}
