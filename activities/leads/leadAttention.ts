import type { PrismaClient } from '../../db/generated/client';
import { recordLeadTouchpoint } from './leadRecords';

/**
 * Leads the dealer must look at: nobody on the ladder was reachable, or a follow-up step gave up.
 * The flag shows on the open-leads page and in the KPI report until someone logs an outcome.
 */
export type AttentionReason = 'nobody_reachable' | 'follow_up_failed';

export async function flagLeadForAttention(prisma: PrismaClient, leadId: string, reason: AttentionReason, at: Date): Promise<void> {
  await prisma.lead.updateMany({
    where: { id: leadId, OR: [{ attention: null }, { attention: { not: 'follow_up_failed' } }] },
    data: { attention: reason, attentionAt: at },
  });
}

export type FollowUpFailureInput = {
  leadId: string;
  /** The activity that gave up, e.g. "openLeadFollowUp". */
  step: string;
  /** Deterministic per failure in the workflow, so a retried recording writes once. */
  key: string;
  /** The failure's message (activities name entity and field; never personal data) and type. */
  cause: string;
  causeType?: string;
  now: string;
};

const STEP_LABEL: Record<string, string> = {
  openLeadFollowUp: 'Lead zuweisen und Rückruf-Frist setzen',
  runLeadEscalationStep: 'Eskalationsstufe',
  deliverLeadMail: 'E-Mail an Mitarbeiter senden',
  ensureLeadAssigneePresent: 'Vertretung bei Abwesenheit',
  takeOverLeadActivity: 'Lead übernehmen',
  recordCallbackOutcome: 'Rückruf-Ergebnis speichern',
};

/**
 * A step of the lead follow-up gave up (its retries ran out, or the error cannot heal): the lead's
 * timeline says so, the lead is flagged on the open-leads page, and the operator (the dealer's
 * managers) gets a staff task naming the cause.
 */
export async function recordLeadFollowUpFailure(prisma: PrismaClient, input: FollowUpFailureInput): Promise<void> {
  const at = new Date(input.now);
  const lead = await prisma.lead.findUnique({ where: { id: input.leadId } });
  if (!lead) return;
  const what = STEP_LABEL[input.step] ?? input.step;
  const cause = input.cause.slice(0, 1000);
  await recordLeadTouchpoint(prisma, lead, {
    key: `failed:${input.key}`,
    kind: 'lead.follow_up_failed',
    summary: `Automatische Nachverfolgung gestoppt (${what}): ${cause}`,
    at,
  });
  await flagLeadForAttention(prisma, lead.id, 'follow_up_failed', at);
  await prisma.staffTask.createMany({
    data: [
      {
        idempotencyKey: `lead/${lead.id}/failed/${input.key}`,
        dealerId: lead.dealerId,
        role: 'manager',
        kind: 'lead_follow_up_failed',
        title: `Lead-Nachverfolgung gestoppt: ${what}`,
        details: `${cause}${input.causeType ? ` [${input.causeType}]` : ''}\nBitte die Ursache beheben und den Lead ${lead.id} von Hand nachfassen.`,
        customerId: lead.customerId,
        dueAt: at,
        createdAt: at,
      },
    ],
    skipDuplicates: true,
  });
}
