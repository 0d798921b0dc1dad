import type { CallbackOutcome as DbOutcome, LeadStatus as DbLeadStatus, PrismaClient } from '../../db/generated/client';
import { formatDateTime } from '../../templates/formatting';
import type { CallbackOutcome } from '../../workflows/leadFollowUp/contract';
import { recordLeadTouchpoint } from './leadRecords';

const LABELS: Record<CallbackOutcome, string> = {
  reached: 'Kunde erreicht',
  appointment_booked: 'Termin vereinbart',
  no_answer: 'Nicht erreicht',
  not_interested: 'Kein Interesse',
  wrong_contact_data: 'Kontaktdaten falsch',
};

const DB_OUTCOME: Record<CallbackOutcome, DbOutcome> = {
  reached: 'reached',
  appointment_booked: 'appointment_booked',
  no_answer: 'no_answer',
  not_interested: 'not_interested',
  wrong_contact_data: 'wrong_number',
};

/** Outcomes that are a real conversation: they set the KPI Lead.firstContactAt. */
const CONTACT: CallbackOutcome[] = ['reached', 'appointment_booked', 'not_interested'];

const LEAD_STATUS: Record<CallbackOutcome, DbLeadStatus | undefined> = {
  reached: 'contacted',
  appointment_booked: 'qualified',
  not_interested: 'lost',
  wrong_contact_data: 'lost',
  no_answer: undefined,
};

export type RecordOutcomeInput = {
  leadId: string;
  outcomeId: string;
  outcome: CallbackOutcome;
  staffId?: string;
  /** Only outcomes signalled before notes moved to the database carry it; otherwise it is read from CallbackNote. */
  note?: string;
  now: string;
  /** 'no answer' results so far, this one included. */
  attempts: number;
  /** What the workflow decided: done, a retry at `retryAt`, unreachable, or a late note on a closed lead. */
  consequence: { kind: 'completed' } | { kind: 'retry'; retryAt: string } | { kind: 'unreachable' } | { kind: 'late' };
};

/** Writes one logged callback outcome: a touchpoint, the callback task, the lead's status and first-contact time. */
export async function recordCallbackOutcome(prisma: PrismaClient, input: RecordOutcomeInput): Promise<void> {
  const at = new Date(input.now);
  const lead = await prisma.lead.findUniqueOrThrow({ where: { id: input.leadId } });
  const c = input.consequence;
  const note = input.note ?? (await prisma.callbackNote.findUnique({ where: { outcomeId: input.outcomeId } }))?.note;
  const retryNote = c.kind === 'retry' ? ` – neuer Versuch bis ${formatDateTime(c.retryAt, 'de')} (Versuch ${input.attempts + 1})` : '';
  await recordLeadTouchpoint(prisma, lead, {
    key: `outcome:${input.outcomeId}`,
    kind: 'callback.outcome',
    summary: `Rückruf: ${LABELS[input.outcome]}${note ? ` – ${note.slice(0, 500)}` : ''}${retryNote}`,
    at,
    staffId: input.staffId,
    channel: 'phone',
    direction: 'outbound',
  });

  const open = c.kind === 'retry';
  if (c.kind !== 'late') {
    await prisma.callbackTask.updateMany({
      where: { leadId: input.leadId },
      data: {
        attempts: input.attempts,
        lastAttemptAt: at,
        outcome: DB_OUTCOME[input.outcome],
        status: open ? 'open' : 'done',
        ...(c.kind === 'retry' ? { dueAt: new Date(c.retryAt), escalationLevel: 0 } : { completedAt: at }),
      },
    });
  }
  const status = c.kind === 'unreachable' ? 'lost' : LEAD_STATUS[input.outcome];
  const firstContact = CONTACT.includes(input.outcome) && !lead.firstContactAt;
  if (c.kind !== 'late' && lead.attention)
    await prisma.lead.update({ where: { id: input.leadId }, data: { attention: null, attentionAt: null } });
  if (status || firstContact) {
    await prisma.lead.update({
      where: { id: input.leadId },
      data: { ...(status && c.kind !== 'late' ? { status } : {}), ...(firstContact ? { firstContactAt: at } : {}) },
    });
  }
  if (c.kind === 'unreachable') {
    await recordLeadTouchpoint(prisma, lead, {
      key: 'unreachable',
      kind: 'lead.unreachable',
      summary: `Nach ${input.attempts} Anrufversuchen nicht erreicht: Lead als unerreichbar geschlossen`,
      at,
      staffId: input.staffId,
    });
  }
}
