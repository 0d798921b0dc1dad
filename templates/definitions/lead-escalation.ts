import { z } from 'zod';
import { callout, copy } from '../layout/blocks';
import { defineTemplate } from '../types';
import {
  deriveStaff,
  leadSchema,
  sampleLead,
  sampleStaffVariables,
  staffBaseVariables,
  staffButtonsMjml,
  staffDetailsText,
  staffFactsMjml,
  staffHistoryMjml,
} from './staffShared';

export const escalationSchema = z.object({
  /** 1 = first step after the due time, 2 = next level (e.g. team lead), … */
  level: z.number().int().min(1).max(9),
  /** The assignee who did not respond in time (absent when it is the recipient, or nobody had the lead). */
  escalatedFrom: z.string().min(1).optional(),
  reason: z.string().min(1).optional(),
  /** Pre-formatted due time of the callback. */
  dueAt: z.string().min(1).optional(),
  /** People the ladder passed over before this recipient, with why ("Tobias Lang (Teamleitung): Urlaub"). */
  skipped: z
    .array(z.object({ text: z.string().min(1) }))
    .max(20)
    .default([]),
  /** The mail goes to an escalation mailbox because nobody of the ladder is at work. */
  toMailbox: z.boolean().default(false),
});

const variables = z.object({ ...staffBaseVariables, lead: leadSchema, escalation: escalationSchema });

const waited = (unit: string) =>
  `{{#lead.waitingForBusiness}}{{lead.waitingForBusiness}} ${unit}{{/lead.waitingForBusiness}}{{^lead.waitingForBusiness}}{{lead.waitingFor}}{{/lead.waitingForBusiness}}`;

export const leadEscalation = defineTemplate({
  id: 'lead-escalation',
  category: 'staff',
  description: 'A lead was not handled in time and is escalated to the next level (a person, or the escalation mailbox).',
  variables,
  sampleVariables: (language) => ({
    ...sampleStaffVariables(language),
    recipientName: 'Tobias Lang',
    lead: { ...sampleLead(language), waitingForBusiness: language === 'de' ? '3 Stunden' : '3 hours' },
    escalation: {
      level: 2,
      escalatedFrom: 'Jonas Weber',
      reason: language === 'de' ? 'Kein Rückruf bis 06.03.2027, 10:45 Uhr' : 'No callback by 06/03/2027, 10:45',
      dueAt: language === 'de' ? '06.03.2027, 10:45 Uhr' : '06/03/2027, 10:45',
      skipped: [{ text: language === 'de' ? 'Petra Roth (Teamleitung): Urlaub' : 'Petra Roth (team lead): on holiday' }],
      toMailbox: false,
    },
  }),
  derive: deriveStaff,
  texts: {
    de: {
      subject: `Eskalation (Stufe {{escalation.level}}): {{customer.fullName}} wartet seit ${waited('Geschäftszeit')}`,
      preheader:
        '{{#escalation.escalatedFrom}}Nicht bearbeitet von {{escalation.escalatedFrom}} – {{/escalation.escalatedFrom}}bitte übernehmen Sie den Lead oder tragen Sie das Ergebnis Ihres Anrufs ein.',
      mjmlBody: [
        copy(
          '<p>Guten Tag {{recipientName}},</p>' +
            '<p>{{#escalation.escalatedFrom}}{{escalation.escalatedFrom}} hat diesen Lead nicht rechtzeitig zurückgerufen{{/escalation.escalatedFrom}}{{^escalation.escalatedFrom}}Dieser Lead wurde nicht rechtzeitig zurückgerufen{{/escalation.escalatedFrom}}; er wird deshalb an Sie eskaliert{{#escalation.toMailbox}}, weil niemand aus der Eskalationskette im Haus ist{{/escalation.toMailbox}}. Bitte übernehmen Sie ihn jetzt oder sorgen Sie dafür, dass sich umgehend jemand bei {{customer.fullName}} meldet.</p>',
        ),
        callout(
          '<strong>Eskalationsstufe {{escalation.level}}</strong>{{#escalation.escalatedFrom}} · eskaliert von {{escalation.escalatedFrom}}{{/escalation.escalatedFrom}}' +
            '{{#escalation.reason}}<br />Grund: {{escalation.reason}}{{/escalation.reason}}' +
            '{{#escalation.skipped}}<br />Übersprungen: {{text}}{{/escalation.skipped}}',
        ),
        staffFactsMjml('de'),
        staffHistoryMjml('de'),
        staffButtonsMjml('de'),
      ].join('\n'),
      textBody: `Guten Tag {{recipientName}},

{{#escalation.escalatedFrom}}{{escalation.escalatedFrom}} hat diesen Lead nicht rechtzeitig zurückgerufen{{/escalation.escalatedFrom}}{{^escalation.escalatedFrom}}Dieser Lead wurde nicht rechtzeitig zurückgerufen{{/escalation.escalatedFrom}}; er wird deshalb an Sie eskaliert{{#escalation.toMailbox}}, weil niemand aus der Eskalationskette im Haus ist{{/escalation.toMailbox}}. Bitte übernehmen Sie ihn jetzt oder sorgen Sie dafür, dass sich umgehend jemand bei {{customer.fullName}} meldet.

Eskalationsstufe {{escalation.level}}{{#escalation.escalatedFrom}} · eskaliert von {{escalation.escalatedFrom}}{{/escalation.escalatedFrom}}{{#escalation.reason}}
Grund: {{escalation.reason}}{{/escalation.reason}}{{#escalation.skipped}}
Übersprungen: {{text}}{{/escalation.skipped}}

${staffDetailsText('de')}`,
    },
    en: {
      subject: `Escalation (level {{escalation.level}}): {{customer.fullName}} has been waiting for ${waited('of business hours')}`,
      preheader:
        '{{#escalation.escalatedFrom}}Not handled by {{escalation.escalatedFrom}} – {{/escalation.escalatedFrom}}please take over the lead or record the outcome of your call.',
      mjmlBody: [
        copy(
          '<p>Hello {{recipientName}},</p>' +
            '<p>{{#escalation.escalatedFrom}}{{escalation.escalatedFrom}} did not call this lead back in time{{/escalation.escalatedFrom}}{{^escalation.escalatedFrom}}Nobody called this lead back in time{{/escalation.escalatedFrom}}, so it has been escalated to you{{#escalation.toMailbox}} because nobody on the escalation ladder is at work{{/escalation.toMailbox}}. Please take it over now or make sure that someone contacts {{customer.fullName}} straight away.</p>',
        ),
        callout(
          '<strong>Escalation level {{escalation.level}}</strong>{{#escalation.escalatedFrom}} · escalated from {{escalation.escalatedFrom}}{{/escalation.escalatedFrom}}' +
            '{{#escalation.reason}}<br />Reason: {{escalation.reason}}{{/escalation.reason}}' +
            '{{#escalation.skipped}}<br />Skipped: {{text}}{{/escalation.skipped}}',
        ),
        staffFactsMjml('en'),
        staffHistoryMjml('en'),
        staffButtonsMjml('en'),
      ].join('\n'),
      textBody: `Hello {{recipientName}},

{{#escalation.escalatedFrom}}{{escalation.escalatedFrom}} did not call this lead back in time{{/escalation.escalatedFrom}}{{^escalation.escalatedFrom}}Nobody called this lead back in time{{/escalation.escalatedFrom}}, so it has been escalated to you{{#escalation.toMailbox}} because nobody on the escalation ladder is at work{{/escalation.toMailbox}}. Please take it over now or make sure that someone contacts {{customer.fullName}} straight away.

Escalation level {{escalation.level}}{{#escalation.escalatedFrom}} · escalated from {{escalation.escalatedFrom}}{{/escalation.escalatedFrom}}{{#escalation.reason}}
Reason: {{escalation.reason}}{{/escalation.reason}}{{#escalation.skipped}}
Skipped: {{text}}{{/escalation.skipped}}

${staffDetailsText('en')}`,
    },
  },
});
