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
  task: z.object({
    /** What to do, e.g. "Rückruf wegen Probefahrt". */
    title: z.string().min(1),
    description: z.string().min(1).optional(),
    /** Pre-formatted deadline. */
    dueAt: z.string().min(1).optional(),
  }),
  /** The lead the task belongs to, if any. */
  lead: leadSchema.optional(),
});

export const staffTask = defineTemplate({
  id: 'staff-task',
  category: 'staff',
  description: 'A to-do for a staff member: call customer X about Y.',
  variables,
  sampleVariables: (language) => ({
    ...sampleStaffVariables(language),
    task:
      language === 'de'
        ? {
            title: 'Rückruf wegen Probefahrt',
            description: 'Bitte einen Termin für Samstagvormittag anbieten.',
            dueAt: '06.03.2027, 10:00 Uhr',
          }
        : { title: 'Call back about a test drive', description: 'Please offer a slot on Saturday morning.', dueAt: '06/03/2027, 10:00' },
    lead: sampleLead(language),
  }),
  derive: deriveStaff,
  texts: {
    de: {
      subject: 'Aufgabe: {{task.title}} – {{customer.fullName}}',
      preheader:
        '{{#task.dueAt}}Zu erledigen bis {{task.dueAt}}. {{/task.dueAt}}Alle Informationen zu {{customer.fullName}} auf einen Blick.',
      mjmlBody: [
        copy(
          '<p>Guten Tag {{recipientName}},</p><p>für Sie liegt eine neue Aufgabe vor:</p>' +
            '<p style="font-size:17px;"><strong>{{task.title}}</strong></p>' +
            '{{#task.description}}<p>{{task.description}}</p>{{/task.description}}' +
            '{{#task.dueAt}}<p>Zu erledigen bis: <strong>{{task.dueAt}}</strong></p>{{/task.dueAt}}',
        ),
        staffFactsMjml('de'),
        staffHistoryMjml('de'),
        staffButtonsMjml('de'),
      ].join('\n'),
      textBody: `Guten Tag {{recipientName}},

für Sie liegt eine neue Aufgabe vor:

{{task.title}}{{#task.description}}
{{task.description}}{{/task.description}}{{#task.dueAt}}
Zu erledigen bis: {{task.dueAt}}{{/task.dueAt}}

${staffDetailsText('de')}`,
    },
    en: {
      subject: 'Task: {{task.title}} – {{customer.fullName}}',
      preheader: '{{#task.dueAt}}Due by {{task.dueAt}}. {{/task.dueAt}}Everything about {{customer.fullName}} at a glance.',
      mjmlBody: [
        copy(
          '<p>Hello {{recipientName}},</p><p>you have a new task:</p>' +
            '<p style="font-size:17px;"><strong>{{task.title}}</strong></p>' +
            '{{#task.description}}<p>{{task.description}}</p>{{/task.description}}' +
            '{{#task.dueAt}}<p>Due by: <strong>{{task.dueAt}}</strong></p>{{/task.dueAt}}',
        ),
        staffFactsMjml('en'),
        staffHistoryMjml('en'),
        staffButtonsMjml('en'),
      ].join('\n'),
      textBody: `Hello {{recipientName}},

you have a new task:

{{task.title}}{{#task.description}}
{{task.description}}{{/task.description}}{{#task.dueAt}}
Due by: {{task.dueAt}}{{/task.dueAt}}

${staffDetailsText('en')}`,
    },
  },
});
