import { button, copy, signOff } from '../layout/blocks';
import { defineTemplate } from '../types';
import { deriveHuDue, huReminderVariables, sampleHuVariables } from './huShared';

export const huReminder = defineTemplate({
  id: 'hu-reminder',
  category: 'marketing',
  description: 'Main inspection (HU incl. AU, §29 StVZO) is due in month X.',
  variables: huReminderVariables,
  sampleVariables: sampleHuVariables,
  derive: deriveHuDue,
  texts: {
    de: {
      subject: '{{huSubject}}',
      preheader: 'HU und AU in einem Termin bei uns – bequem online buchen.',
      mjmlBody: [
        copy(
          '<p>{{greeting}}</p>' +
            '<p>{{huDueSentence}} ' +
            'Den Monat sehen Sie auch auf der Prüfplakette an Ihrem hinteren Kennzeichen.</p>' +
            '<p>Bei uns erledigen Sie beides in einem Termin: Wir bereiten Ihr Fahrzeug auf die Prüfung vor und stellen es zur HU vor. ' +
            'Sollte dabei ein Mangel festgestellt werden, beheben wir ihn in der Regel gleich – so sparen Sie sich einen zweiten Weg.</p>',
        ),
        button('HU-Termin vereinbaren', 'location.bookingUrl'),
        copy('<p>Oder rufen Sie uns an: {{location.phone}}.</p>'),
        signOff('Gute Fahrt und freundliche Grüße', 'Ihr Serviceteam', '{{branding.dealerName}}'),
      ].join('\n'),
      textBody: `{{greeting}}

{{huDueSentence}} Den Monat sehen Sie auch auf der Prüfplakette an Ihrem hinteren Kennzeichen.

Bei uns erledigen Sie beides in einem Termin: Wir bereiten Ihr Fahrzeug auf die Prüfung vor und stellen es zur HU vor. Sollte dabei ein Mangel festgestellt werden, beheben wir ihn in der Regel gleich – so sparen Sie sich einen zweiten Weg.

HU-Termin vereinbaren: {{location.bookingUrl}}
Oder rufen Sie uns an: {{location.phone}}.

Gute Fahrt und freundliche Grüße
Ihr Serviceteam
{{branding.dealerName}}`,
    },
    en: {
      subject: '{{huSubject}}',
      preheader: 'HU and emissions test in one appointment with us – easy to book online.',
      mjmlBody: [
        copy(
          '<p>{{greeting}}</p>' +
            '<p>{{huDueSentence}} ' +
            'You can also see the month on the inspection sticker on your rear number plate.</p>' +
            '<p>We take care of both in a single appointment: we prepare your car for the inspection and present it for the HU. ' +
            'If a defect is found, we can usually fix it straight away – saving you a second trip.</p>',
        ),
        button('Book your HU', 'location.bookingUrl'),
        copy('<p>Or give us a call on {{location.phone}}.</p>'),
        signOff('Safe travels and kind regards,', 'Your service team', '{{branding.dealerName}}'),
      ].join('\n'),
      textBody: `{{greeting}}

{{huDueSentence}} You can also see the month on the inspection sticker on your rear number plate.

We take care of both in a single appointment: we prepare your car for the inspection and present it for the HU. If a defect is found, we can usually fix it straight away – saving you a second trip.

Book your HU: {{location.bookingUrl}}
Or give us a call on {{location.phone}}.

Safe travels and kind regards,
Your service team
{{branding.dealerName}}`,
    },
  },
});
