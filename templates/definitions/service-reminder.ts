import { button, copy, signOff } from '../layout/blocks';
import { defineTemplate } from '../types';
import { deriveServiceDue, sampleServiceVariables, serviceReminderVariables } from './serviceShared';

export const serviceReminder = defineTemplate({
  id: 'service-reminder',
  category: 'marketing',
  description: 'The next inspection is due: book an appointment.',
  variables: serviceReminderVariables,
  sampleVariables: sampleServiceVariables,
  derive: deriveServiceDue,
  texts: {
    de: {
      subject: '{{serviceSubject}}',
      preheader: '{{dueShort}}. Vereinbaren Sie Ihren Termin online oder telefonisch.',
      mjmlBody: [
        copy(
          '<p>{{greeting}}</p>' +
            '<p>{{dueSentence}}</p>' +
            '<p>Wir prüfen Bremsen, Fahrwerk, Beleuchtung und alle Flüssigkeiten, führen die vorgeschriebenen Wartungsarbeiten durch und sprechen zusätzliche Arbeiten immer vorher mit Ihnen ab. ' +
            'Nennen Sie uns bei der Terminvereinbarung gern Ihre Wünsche, zum Beispiel, ob Sie vor Ort warten möchten oder einen Ersatzwagen benötigen.</p>',
        ),
        button('Termin online vereinbaren', 'location.bookingUrl'),
        copy(
          '<p>Lieber telefonisch? Unsere Serviceannahme erreichen Sie unter {{location.phone}}.</p>' +
            '<p>Sollte die Inspektion bereits erledigt sein, betrachten Sie diese Nachricht bitte als gegenstandslos.</p>',
        ),
        signOff('Freundliche Grüße', 'Ihr Serviceteam', '{{branding.dealerName}}'),
      ].join('\n'),
      textBody: `{{greeting}}

{{dueSentence}}

Wir prüfen Bremsen, Fahrwerk, Beleuchtung und alle Flüssigkeiten, führen die vorgeschriebenen Wartungsarbeiten durch und sprechen zusätzliche Arbeiten immer vorher mit Ihnen ab. Nennen Sie uns bei der Terminvereinbarung gern Ihre Wünsche, zum Beispiel, ob Sie vor Ort warten möchten oder einen Ersatzwagen benötigen.

Termin online vereinbaren: {{location.bookingUrl}}

Lieber telefonisch? Unsere Serviceannahme erreichen Sie unter {{location.phone}}.

Sollte die Inspektion bereits erledigt sein, betrachten Sie diese Nachricht bitte als gegenstandslos.

Freundliche Grüße
Ihr Serviceteam
{{branding.dealerName}}`,
    },
    en: {
      subject: '{{serviceSubject}}',
      preheader: '{{dueShort}}. Book your appointment online or by phone.',
      mjmlBody: [
        copy(
          '<p>{{greeting}}</p>' +
            '<p>{{dueSentence}}</p>' +
            '<p>We check the brakes, suspension, lights and all fluids, carry out the scheduled maintenance and always agree any additional work with you beforehand. ' +
            'When you book, just let us know what suits you – for example whether you would like to wait or need a courtesy car.</p>',
        ),
        button('Book online', 'location.bookingUrl'),
        copy(
          '<p>Prefer to call? Our service reception is on {{location.phone}}.</p>' +
            '<p>If the service has already been done, please disregard this message.</p>',
        ),
        signOff('Kind regards,', 'Your service team', '{{branding.dealerName}}'),
      ].join('\n'),
      textBody: `{{greeting}}

{{dueSentence}}

We check the brakes, suspension, lights and all fluids, carry out the scheduled maintenance and always agree any additional work with you beforehand. When you book, just let us know what suits you – for example whether you would like to wait or need a courtesy car.

Book online: {{location.bookingUrl}}

Prefer to call? Our service reception is on {{location.phone}}.

If the service has already been done, please disregard this message.

Kind regards,
Your service team
{{branding.dealerName}}`,
    },
  },
});
