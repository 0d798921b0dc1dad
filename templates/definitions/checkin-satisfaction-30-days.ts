import { z } from 'zod';
import { button, copy, signOff } from '../layout/blocks';
import { defineTemplate } from '../types';
import { contactPersonSchema, customerAddressing, customerSchema, httpUrl, vehicleName, vehicleSchema } from '../variables';
import { sampleCustomer, sampleSalesperson, sampleVehicle } from './samples';

const variables = z.object({
  customer: customerSchema,
  vehicle: vehicleSchema,
  salesperson: contactPersonSchema,
  surveyUrl: httpUrl,
});

export const checkinSatisfaction30Days = defineTemplate({
  id: 'checkin-satisfaction-30-days',
  category: 'marketing',
  description: 'Thirty days after handover: short satisfaction survey (counts as advertising, BGH VI ZR 225/17).',
  variables,
  sampleVariables: {
    customer: sampleCustomer,
    vehicle: sampleVehicle,
    salesperson: sampleSalesperson,
    surveyUrl: 'https://autohaus-berger.example/umfrage?t=sample',
  },
  derive: (v, language) => ({ ...customerAddressing(v.customer, language), vehicleName: vehicleName(v.vehicle) }),
  texts: {
    de: {
      subject: 'Ihr erster Monat mit dem neuen Auto – wie zufrieden sind Sie?',
      preheader: 'Zwei Minuten für Ihre Meinung helfen uns, noch besser zu werden.',
      mjmlBody: [
        copy(
          '<p>{{greeting}}</p>' +
            '<p>vor rund einem Monat haben Sie Ihr Fahrzeug {{vehicleName}} bei uns übernommen. Inzwischen haben Sie sicher einen guten Eindruck gewonnen – von Ihrem Auto und von uns.</p>' +
            '<p>Wie zufrieden waren Sie mit der Beratung, der Übergabe und unserer Betreuung seitdem? Ihre ehrliche Meinung ist uns wichtig, denn nur so können wir besser werden. Die Umfrage dauert etwa zwei Minuten.</p>',
        ),
        button('Zur Umfrage', 'surveyUrl'),
        copy(
          '<p>Falls etwas nicht so gelaufen ist, wie Sie es sich vorgestellt haben, sprechen Sie mich bitte direkt an' +
            '{{#salesperson.phone}} – telefonisch unter {{salesperson.phone}}{{/salesperson.phone}}. Wir kümmern uns darum.</p>',
        ),
        signOff('Vielen Dank und herzliche Grüße', '{{salesperson.name}}', '{{branding.dealerName}}'),
      ].join('\n'),
      textBody: `{{greeting}}

vor rund einem Monat haben Sie Ihr Fahrzeug {{vehicleName}} bei uns übernommen. Inzwischen haben Sie sicher einen guten Eindruck gewonnen – von Ihrem Auto und von uns.

Wie zufrieden waren Sie mit der Beratung, der Übergabe und unserer Betreuung seitdem? Ihre ehrliche Meinung ist uns wichtig, denn nur so können wir besser werden. Die Umfrage dauert etwa zwei Minuten.

Zur Umfrage: {{surveyUrl}}

Falls etwas nicht so gelaufen ist, wie Sie es sich vorgestellt haben, sprechen Sie mich bitte direkt an{{#salesperson.phone}} – telefonisch unter {{salesperson.phone}}{{/salesperson.phone}}. Wir kümmern uns darum.

Vielen Dank und herzliche Grüße
{{salesperson.name}}
{{branding.dealerName}}`,
    },
    en: {
      subject: 'Your first month with your new car – how satisfied are you?',
      preheader: 'Two minutes of your time help us get even better.',
      mjmlBody: [
        copy(
          '<p>{{greeting}}</p>' +
            '<p>About a month ago you collected your {{vehicleName}} from us. By now you will have formed a good impression – of your car and of us.</p>' +
            '<p>How satisfied were you with our advice, the handover and our service since then? Your honest opinion matters to us, because it is how we get better. The survey takes about two minutes.</p>',
        ),
        button('Take the survey', 'surveyUrl'),
        copy(
          '<p>If anything did not go the way you expected, please speak to me directly' +
            '{{#salesperson.phone}} on {{salesperson.phone}}{{/salesperson.phone}}. We will put it right.</p>',
        ),
        signOff('Many thanks and kind regards,', '{{salesperson.name}}', '{{branding.dealerName}}'),
      ].join('\n'),
      textBody: `{{greeting}}

About a month ago you collected your {{vehicleName}} from us. By now you will have formed a good impression – of your car and of us.

How satisfied were you with our advice, the handover and our service since then? Your honest opinion matters to us, because it is how we get better. The survey takes about two minutes.

Take the survey: {{surveyUrl}}

If anything did not go the way you expected, please speak to me directly{{#salesperson.phone}} on {{salesperson.phone}}{{/salesperson.phone}}. We will put it right.

Many thanks and kind regards,
{{salesperson.name}}
{{branding.dealerName}}`,
    },
  },
});
