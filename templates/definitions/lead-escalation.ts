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

const variables = z.object({
  ...staffBaseVariables,
  lead: leadSchema,
  escalation: z.object({
    /** 1 = first escalation (e.g. team lead), 2 = next level (e.g. sales manager), … */
    level: z.number().int().min(1).max(9),
    /** Who the lead was escalated from, e.g. the salesperson who did not respond. */
    escalatedFrom: z.string().min(1),
    reason: z.string().min(1).optional(),
  }),
});

export const leadEscalation = defineTemplate({
  id: 'lead-escalation',
  category: 'staff',
  description: 'A lead was not handled in time and is escalated to the next level.',
  variables,
  sampleVariables: (language) => ({
    ...sampleStaffVariables(language),
    recipientName: 'Sabine Kraus',
    lead: sampleLead(language),
    escalation: {
      level: 1,
      escalatedFrom: 'Jonas Weber',
      reason: language === 'de' ? 'Kein Rückruf innerhalb von 60 Minuten' : 'No callback within 60 minutes',
    },
  }),
  derive: deriveStaff,
  texts: {
    de: {
      subject: 'Eskalation (Stufe {{escalation.level}}): {{customer.fullName}} wartet seit {{lead.waitingFor}}',
      preheader: 'Eskaliert von {{escalation.escalatedFrom}} – bitte übernehmen Sie den Lead oder tragen Sie das Ergebnis Ihres Anrufs ein.',
      mjmlBody: [
        copy(
          '<p>Guten Tag {{recipientName}},</p>' +
            '<p>dieser Lead wurde noch nicht bearbeitet und deshalb an Sie eskaliert. Bitte übernehmen Sie ihn jetzt oder sorgen Sie dafür, dass sich umgehend jemand bei {{customer.fullName}} meldet.</p>',
        ),
        callout(
          '<strong>Eskalationsstufe {{escalation.level}}</strong> · eskaliert von {{escalation.escalatedFrom}}' +
            '{{#escalation.reason}}<br />Grund: {{escalation.reason}}{{/escalation.reason}}',
        ),
        staffFactsMjml('de'),
        staffHistoryMjml('de'),
        staffButtonsMjml('de'),
      ].join('\n'),
      textBody: `Guten Tag {{recipientName}},

dieser Lead wurde noch nicht bearbeitet und deshalb an Sie eskaliert. Bitte übernehmen Sie ihn jetzt oder sorgen Sie dafür, dass sich umgehend jemand bei {{customer.fullName}} meldet.

Eskalationsstufe {{escalation.level}} · eskaliert von {{escalation.escalatedFrom}}{{#escalation.reason}}
Grund: {{escalation.reason}}{{/escalation.reason}}

${staffDetailsText('de')}`,
    },
    en: {
      subject: 'Escalation (level {{escalation.level}}): {{customer.fullName}} has been waiting for {{lead.waitingFor}}',
      preheader: 'Escalated from {{escalation.escalatedFrom}} – please take over the lead or record the outcome of your call.',
      mjmlBody: [
        copy(
          '<p>Hello {{recipientName}},</p>' +
            '<p>This lead has not been handled yet and has therefore been escalated to you. Please take it over now or make sure that someone contacts {{customer.fullName}} straight away.</p>',
        ),
        callout(
          '<strong>Escalation level {{escalation.level}}</strong> · escalated from {{escalation.escalatedFrom}}' +
            '{{#escalation.reason}}<br />Reason: {{escalation.reason}}{{/escalation.reason}}',
        ),
        staffFactsMjml('en'),
        staffHistoryMjml('en'),
        staffButtonsMjml('en'),
      ].join('\n'),
      textBody: `Hello {{recipientName}},

This lead has not been handled yet and has therefore been escalated to you. Please take it over now or make sure that someone contacts {{customer.fullName}} straight away.

Escalation level {{escalation.level}} · escalated from {{escalation.escalatedFrom}}{{#escalation.reason}}
Reason: {{escalation.reason}}{{/escalation.reason}}

${staffDetailsText('en')}`,
    },
  },
});
