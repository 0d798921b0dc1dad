import { button, copy, signOff } from '../layout/blocks';
import { defineTemplate } from '../types';
import { deriveHuDue, huReminderVariables, sampleHuVariables } from './huShared';

export const huReminderSecond = defineTemplate({
  id: 'hu-reminder-second',
  category: 'marketing',
  description: 'Second HU reminder, mentioning the costlier extended inspection when more than two months overdue.',
  variables: huReminderVariables,
  sampleVariables: sampleHuVariables,
  derive: deriveHuDue,
  texts: {
    de: {
      subject: '{{huSecondSubject}}',
      preheader: 'Wer die HU um mehr als zwei Monate überzieht, zahlt für die vertiefte Prüfung mehr.',
      mjmlBody: [
        copy(
          '<p>{{greeting}}</p>' +
            '<p>{{huSecondSentence}}</p>' +
            '<p>Gut zu wissen: Wird der Termin um mehr als zwei Monate überschritten, ist eine vertiefte Untersuchung vorgeschrieben, die rund 20 Prozent mehr kostet. ' +
            'Außerdem kann bei einer Verkehrskontrolle ein Verwarn- oder Bußgeld fällig werden. Mit einem rechtzeitigen Termin sind Sie auf der sicheren Seite.</p>',
        ),
        button('Jetzt HU-Termin vereinbaren', 'location.bookingUrl'),
        copy(
          '<p>Telefonisch erreichen Sie uns unter {{location.phone}}.</p>' +
            '<p>Ist die HU bereits erledigt? Dann betrachten Sie diese Erinnerung bitte als gegenstandslos.</p>',
        ),
        signOff('Freundliche Grüße', 'Ihr Serviceteam', '{{branding.dealerName}}'),
      ].join('\n'),
      textBody: `{{greeting}}

{{huSecondSentence}}

Gut zu wissen: Wird der Termin um mehr als zwei Monate überschritten, ist eine vertiefte Untersuchung vorgeschrieben, die rund 20 Prozent mehr kostet. Außerdem kann bei einer Verkehrskontrolle ein Verwarn- oder Bußgeld fällig werden. Mit einem rechtzeitigen Termin sind Sie auf der sicheren Seite.

Jetzt HU-Termin vereinbaren: {{location.bookingUrl}}
Telefonisch erreichen Sie uns unter {{location.phone}}.

Ist die HU bereits erledigt? Dann betrachten Sie diese Erinnerung bitte als gegenstandslos.

Freundliche Grüße
Ihr Serviceteam
{{branding.dealerName}}`,
    },
    en: {
      subject: '{{huSecondSubject}}',
      preheader: 'More than two months overdue means a more expensive extended inspection.',
      mjmlBody: [
        copy(
          '<p>{{greeting}}</p>' +
            '<p>{{huSecondSentence}}</p>' +
            '<p>Good to know: if the inspection is more than two months overdue, German law requires an extended inspection that costs around 20 per cent more. ' +
            'You could also be fined if you are stopped by the police. Booking in good time keeps you on the safe side.</p>',
        ),
        button('Book your HU now', 'location.bookingUrl'),
        copy(
          '<p>You can also reach us by phone on {{location.phone}}.</p>' +
            '<p>Has the HU already been done? Then please disregard this reminder.</p>',
        ),
        signOff('Kind regards,', 'Your service team', '{{branding.dealerName}}'),
      ].join('\n'),
      textBody: `{{greeting}}

{{huSecondSentence}}

Good to know: if the inspection is more than two months overdue, German law requires an extended inspection that costs around 20 per cent more. You could also be fined if you are stopped by the police. Booking in good time keeps you on the safe side.

Book your HU now: {{location.bookingUrl}}
You can also reach us by phone on {{location.phone}}.

Has the HU already been done? Then please disregard this reminder.

Kind regards,
Your service team
{{branding.dealerName}}`,
    },
  },
});
