import { z } from 'zod';
import { copy } from '../layout/blocks';
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
  /** Who assigned the lead, if a person did. */
  assignedBy: z.string().min(1).optional(),
});

export const leadAssigned = defineTemplate({
  id: 'lead-assigned',
  category: 'staff',
  description: 'A new lead was assigned to a salesperson: call back quickly.',
  variables,
  sampleVariables: (language) => ({ ...sampleStaffVariables(language), lead: sampleLead(language), assignedBy: 'Sabine Kraus' }),
  derive: deriveStaff,
  texts: {
    de: {
      subject: 'Neuer Lead: {{lead.kindLabel}} – {{customer.fullName}}',
      preheader: 'Wartet seit {{lead.waitingFor}}. Bitte melden Sie sich möglichst innerhalb einer Stunde.',
      mjmlBody: [
        copy(
          '<p>Guten Tag {{recipientName}},</p>' +
            '<p>Ihnen wurde ein neuer Lead zugewiesen{{#assignedBy}} (von {{assignedBy}}){{/assignedBy}}. ' +
            'Schnelligkeit zahlt sich aus: Wer sich innerhalb der ersten Stunde meldet, erreicht Interessenten deutlich häufiger.</p>',
        ),
        staffFactsMjml('de'),
        staffHistoryMjml('de'),
        staffButtonsMjml('de'),
      ].join('\n'),
      textBody: `Guten Tag {{recipientName}},

Ihnen wurde ein neuer Lead zugewiesen{{#assignedBy}} (von {{assignedBy}}){{/assignedBy}}. Schnelligkeit zahlt sich aus: Wer sich innerhalb der ersten Stunde meldet, erreicht Interessenten deutlich häufiger.

${staffDetailsText('de')}`,
    },
    en: {
      subject: 'New lead: {{lead.kindLabel}} – {{customer.fullName}}',
      preheader: 'Waiting for {{lead.waitingFor}}. Please get in touch within the hour if you can.',
      mjmlBody: [
        copy(
          '<p>Hello {{recipientName}},</p>' +
            '<p>A new lead has been assigned to you{{#assignedBy}} (by {{assignedBy}}){{/assignedBy}}. ' +
            'Speed pays off: getting in touch within the first hour makes it far more likely that you reach the prospect.</p>',
        ),
        staffFactsMjml('en'),
        staffHistoryMjml('en'),
        staffButtonsMjml('en'),
      ].join('\n'),
      textBody: `Hello {{recipientName}},

A new lead has been assigned to you{{#assignedBy}} (by {{assignedBy}}){{/assignedBy}}. Speed pays off: getting in touch within the first hour makes it far more likely that you reach the prospect.

${staffDetailsText('en')}`,
    },
  },
});
