import { z } from 'zod';
import { button, copy, signOff } from '../layout/blocks';
import { whenSet } from '../layout/when';
import { defineTemplate } from '../types';
import { contactPersonSchema, customerAddressing, customerSchema, httpUrl, vehicleName, vehicleSchema } from '../variables';
import { sampleCustomer, sampleSalesperson, sampleVehicle } from './samples';

const variables = z.object({
  customer: customerSchema,
  vehicle: vehicleSchema,
  salesperson: contactPersonSchema,
  /** Optional link to a short feedback form. */
  feedbackUrl: httpUrl.optional(),
});

export const checkin3Days = defineTemplate({
  id: 'checkin-3-days',
  category: 'marketing',
  description: 'Three days after handover: how is the new car, any questions?',
  variables,
  sampleVariables: {
    customer: sampleCustomer,
    vehicle: sampleVehicle,
    salesperson: sampleSalesperson,
    feedbackUrl: 'https://autohaus-berger.example/feedback?t=sample',
  },
  derive: (v, language) => ({ ...customerAddressing(v.customer, language), vehicleName: vehicleName(v.vehicle) }),
  texts: {
    de: {
      subject: 'Wie gefällt Ihnen Ihr neues Auto, {{formalName}}?',
      preheader: 'Ein kurzer Gruß von {{salesperson.name}} – und die Frage, ob alles passt.',
      mjmlBody: [
        copy(
          '<p>{{greeting}}</p>' +
            '<p>seit drei Tagen sind Sie nun mit Ihrem neuen Fahrzeug {{vehicleName}} unterwegs – wir hoffen, Sie haben die ersten Kilometer genossen!</p>' +
            '<p>Gerade in den ersten Tagen tauchen oft Fragen auf: Wie verbinde ich mein Smartphone? Wo stelle ich die Assistenzsysteme ein? ' +
            'Was bedeutet dieses Symbol im Display? Melden Sie sich gern – wir helfen Ihnen weiter, am Telefon oder bei einer kurzen Einweisung bei uns im Haus.</p>' +
            '{{#salesperson.phone}}<p>Sie erreichen mich direkt unter {{salesperson.phone}}.</p>{{/salesperson.phone}}' +
            '{{#salesperson.email}}<p>Oder schreiben Sie mir an <a href="mailto:{{salesperson.email}}">{{salesperson.email}}</a>.</p>{{/salesperson.email}}',
        ),
        whenSet('feedbackUrl', button('Kurz Rückmeldung geben', 'feedbackUrl')),
        signOff('Allzeit gute Fahrt wünscht Ihnen', '{{salesperson.name}}', '{{branding.dealerName}}'),
      ].join('\n'),
      textBody: `{{greeting}}

seit drei Tagen sind Sie nun mit Ihrem neuen Fahrzeug {{vehicleName}} unterwegs – wir hoffen, Sie haben die ersten Kilometer genossen!

Gerade in den ersten Tagen tauchen oft Fragen auf: Wie verbinde ich mein Smartphone? Wo stelle ich die Assistenzsysteme ein? Was bedeutet dieses Symbol im Display? Melden Sie sich gern – wir helfen Ihnen weiter, am Telefon oder bei einer kurzen Einweisung bei uns im Haus.
{{#salesperson.phone}}
Sie erreichen mich direkt unter {{salesperson.phone}}.{{/salesperson.phone}}{{#salesperson.email}}
Oder schreiben Sie mir an {{salesperson.email}}.{{/salesperson.email}}{{#feedbackUrl}}

Kurz Rückmeldung geben: {{feedbackUrl}}{{/feedbackUrl}}

Allzeit gute Fahrt wünscht Ihnen
{{salesperson.name}}
{{branding.dealerName}}`,
    },
    en: {
      subject: 'How are you getting on with your new car, {{formalName}}?',
      preheader: 'A quick hello from {{salesperson.name}} – and a question: is everything as it should be?',
      mjmlBody: [
        copy(
          '<p>{{greeting}}</p>' +
            '<p>You have now been driving your new {{vehicleName}} for three days – we hope you have enjoyed the first few kilometres!</p>' +
            '<p>The first days often bring questions: How do I connect my phone? Where do I set up the driver assistance systems? ' +
            'What does that symbol on the display mean? Just get in touch – we are happy to help, on the phone or with a short walk-through here at the dealership.</p>' +
            '{{#salesperson.phone}}<p>You can reach me directly on {{salesperson.phone}}.</p>{{/salesperson.phone}}' +
            '{{#salesperson.email}}<p>Or email me at <a href="mailto:{{salesperson.email}}">{{salesperson.email}}</a>.</p>{{/salesperson.email}}',
        ),
        whenSet('feedbackUrl', button('Give us quick feedback', 'feedbackUrl')),
        signOff('Safe travels,', '{{salesperson.name}}', '{{branding.dealerName}}'),
      ].join('\n'),
      textBody: `{{greeting}}

You have now been driving your new {{vehicleName}} for three days – we hope you have enjoyed the first few kilometres!

The first days often bring questions: How do I connect my phone? Where do I set up the driver assistance systems? What does that symbol on the display mean? Just get in touch – we are happy to help, on the phone or with a short walk-through here at the dealership.
{{#salesperson.phone}}
You can reach me directly on {{salesperson.phone}}.{{/salesperson.phone}}{{#salesperson.email}}
Or email me at {{salesperson.email}}.{{/salesperson.email}}{{#feedbackUrl}}

Give us quick feedback: {{feedbackUrl}}{{/feedbackUrl}}

Safe travels,
{{salesperson.name}}
{{branding.dealerName}}`,
    },
  },
});
