import { z } from 'zod';
import { callout, copy } from '../layout/blocks';
import { defineTemplate } from '../types';
import { escalationSchema } from './lead-escalation';
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

const variables = z.object({ ...staffBaseVariables, lead: leadSchema, escalation: escalationSchema });

const waited = (unit: string) =>
  `{{#lead.waitingForBusiness}}{{lead.waitingForBusiness}} ${unit}{{/lead.waitingForBusiness}}{{^lead.waitingForBusiness}}{{lead.waitingFor}}{{/lead.waitingForBusiness}}`;

/** The first rung of the ladder: the assignee's own callback is due; nobody else is involved yet. */
export const leadReminder = defineTemplate({
  id: 'lead-reminder',
  category: 'staff',
  description: 'The callback of a lead assigned to the recipient is due: a reminder before it escalates to the team lead.',
  variables,
  sampleVariables: (language) => ({
    ...sampleStaffVariables(language),
    lead: { ...sampleLead(language), waitingForBusiness: language === 'de' ? '2 Stunden' : '2 hours' },
    escalation: {
      level: 1,
      reason: language === 'de' ? 'Kein Rückruf bis 06.03.2027, 10:45 Uhr' : 'No callback by 06/03/2027, 10:45',
      dueAt: language === 'de' ? '06.03.2027, 10:45 Uhr' : '06/03/2027, 10:45',
      skipped: [],
      toMailbox: false,
    },
  }),
  derive: deriveStaff,
  texts: {
    de: {
      subject: `Erinnerung: Rückruf bei {{customer.fullName}} fällig – wartet seit ${waited('Geschäftszeit')}`,
      preheader:
        'Ihr Rückruf war{{#escalation.dueAt}} bis {{escalation.dueAt}}{{/escalation.dueAt}} fällig. Bitte rufen Sie jetzt an, sonst geht der Lead an die Teamleitung.',
      mjmlBody: [
        copy(
          '<p>Guten Tag {{recipientName}},</p>' +
            '<p>Sie haben {{customer.fullName}} noch nicht zurückgerufen{{#escalation.dueAt}}; der Rückruf war bis {{escalation.dueAt}} fällig{{/escalation.dueAt}}. Bitte rufen Sie jetzt an und tragen Sie das Ergebnis ein – sonst wird der Lead an die Teamleitung eskaliert.</p>',
        ),
        callout('<strong>Erinnerung</strong>{{#escalation.reason}} · {{escalation.reason}}{{/escalation.reason}}'),
        staffFactsMjml('de'),
        staffHistoryMjml('de'),
        staffButtonsMjml('de'),
      ].join('\n'),
      textBody: `Guten Tag {{recipientName}},

Sie haben {{customer.fullName}} noch nicht zurückgerufen{{#escalation.dueAt}}; der Rückruf war bis {{escalation.dueAt}} fällig{{/escalation.dueAt}}. Bitte rufen Sie jetzt an und tragen Sie das Ergebnis ein – sonst wird der Lead an die Teamleitung eskaliert.

Erinnerung{{#escalation.reason}} · {{escalation.reason}}{{/escalation.reason}}

${staffDetailsText('de')}`,
    },
    en: {
      subject: `Reminder: call back {{customer.fullName}} – waiting for ${waited('of business hours')}`,
      preheader:
        'Your callback was due{{#escalation.dueAt}} by {{escalation.dueAt}}{{/escalation.dueAt}}. Please call now, or the lead goes to your team lead.',
      mjmlBody: [
        copy(
          '<p>Hello {{recipientName}},</p>' +
            '<p>You have not called {{customer.fullName}} back yet{{#escalation.dueAt}}; the callback was due by {{escalation.dueAt}}{{/escalation.dueAt}}. Please call now and record the outcome – otherwise the lead is escalated to your team lead.</p>',
        ),
        callout('<strong>Reminder</strong>{{#escalation.reason}} · {{escalation.reason}}{{/escalation.reason}}'),
        staffFactsMjml('en'),
        staffHistoryMjml('en'),
        staffButtonsMjml('en'),
      ].join('\n'),
      textBody: `Hello {{recipientName}},

You have not called {{customer.fullName}} back yet{{#escalation.dueAt}}; the callback was due by {{escalation.dueAt}}{{/escalation.dueAt}}. Please call now and record the outcome – otherwise the lead is escalated to your team lead.

Reminder{{#escalation.reason}} · {{escalation.reason}}{{/escalation.reason}}

${staffDetailsText('en')}`,
    },
  },
});
