import { button, copy, signOff } from '../layout/blocks';
import { defineTemplate } from '../types';
import { deriveServiceDue, sampleServiceVariables, serviceReminderVariables } from './serviceShared';

export const serviceReminderFollowup = defineTemplate({
  id: 'service-reminder-followup',
  category: 'marketing',
  description: 'Second reminder when no inspection appointment was booked.',
  variables: serviceReminderVariables,
  sampleVariables: sampleServiceVariables,
  derive: deriveServiceDue,
  texts: {
    de: {
      subject: 'Erinnerung: Inspektion für Ihr Fahrzeug {{vehicleName}}',
      preheader: 'Haben Sie schon einen Termin? Wir haben noch freie Termine für Sie.',
      mjmlBody: [
        copy(
          '<p>{{greeting}}</p>' +
            '<p>{{followupSentence}}</p>' +
            '<p>Vielleicht ist es im Alltag einfach untergegangen – das kennen wir gut. Damit Sie weiterhin sicher und zuverlässig unterwegs sind, reservieren wir Ihnen gern einen passenden Termin.</p>',
        ),
        button('Jetzt Termin vereinbaren', 'location.bookingUrl'),
        copy(
          '<p>Oder rufen Sie uns an: {{location.phone}}.</p>' +
            '<p>Haben Sie die Inspektion bereits anderweitig erledigen lassen oder das Fahrzeug verkauft? Dann geben Sie uns bitte kurz Bescheid, damit wir unsere Unterlagen aktualisieren können.</p>',
        ),
        signOff('Freundliche Grüße', 'Ihr Serviceteam', '{{branding.dealerName}}'),
      ].join('\n'),
      textBody: `{{greeting}}

{{followupSentence}}

Vielleicht ist es im Alltag einfach untergegangen – das kennen wir gut. Damit Sie weiterhin sicher und zuverlässig unterwegs sind, reservieren wir Ihnen gern einen passenden Termin.

Jetzt Termin vereinbaren: {{location.bookingUrl}}
Oder rufen Sie uns an: {{location.phone}}.

Haben Sie die Inspektion bereits anderweitig erledigen lassen oder das Fahrzeug verkauft? Dann geben Sie uns bitte kurz Bescheid, damit wir unsere Unterlagen aktualisieren können.

Freundliche Grüße
Ihr Serviceteam
{{branding.dealerName}}`,
    },
    en: {
      subject: 'Reminder: service due for your {{vehicleName}}',
      preheader: 'Booked yet? We still have appointments available for you.',
      mjmlBody: [
        copy(
          '<p>{{greeting}}</p>' +
            '<p>{{followupSentence}}</p>' +
            '<p>Perhaps it simply slipped through the net – that happens to all of us. To keep you driving safely and reliably, we would be glad to reserve a convenient slot for you.</p>',
        ),
        button('Book now', 'location.bookingUrl'),
        copy(
          '<p>Or give us a call on {{location.phone}}.</p>' +
            '<p>Has the service already been done elsewhere, or have you sold the car? Please let us know briefly so that we can update our records.</p>',
        ),
        signOff('Kind regards,', 'Your service team', '{{branding.dealerName}}'),
      ].join('\n'),
      textBody: `{{greeting}}

{{followupSentence}}

Perhaps it simply slipped through the net – that happens to all of us. To keep you driving safely and reliably, we would be glad to reserve a convenient slot for you.

Book now: {{location.bookingUrl}}
Or give us a call on {{location.phone}}.

Has the service already been done elsewhere, or have you sold the car? Please let us know briefly so that we can update our records.

Kind regards,
Your service team
{{branding.dealerName}}`,
    },
  },
});
