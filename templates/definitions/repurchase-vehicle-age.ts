import { z } from 'zod';
import { button, copy, signOff } from '../layout/blocks';
import { whenSet } from '../layout/when';
import { defineTemplate } from '../types';
import { contactPersonSchema, customerAddressing, customerSchema, httpUrl, vehicleName, vehicleSchema } from '../variables';
import { sampleCustomer, sampleSalesperson, sampleVehicle } from './samples';

const variables = z.object({
  customer: customerSchema,
  vehicle: vehicleSchema,
  /** Whole years since first registration. */
  vehicleAgeYears: z.number().int().min(2).max(40),
  salesperson: contactPersonSchema,
  appointmentUrl: httpUrl,
  /** Optional link to an online trade-in valuation. */
  tradeInUrl: httpUrl.optional(),
});

export const repurchaseVehicleAge = defineTemplate({
  id: 'repurchase-vehicle-age',
  category: 'marketing',
  description: 'The car has reached a typical replacement age: offer a consultation and trade-in valuation.',
  variables,
  sampleVariables: {
    customer: sampleCustomer,
    vehicle: { make: 'Škoda', model: 'Octavia Combi', licensePlate: 'M-XY 987' },
    vehicleAgeYears: 6,
    salesperson: sampleSalesperson,
    appointmentUrl: 'https://autohaus-berger.example/beratung?t=sample',
    tradeInUrl: 'https://autohaus-berger.example/fahrzeugbewertung?t=sample',
  },
  derive: (v, language) => ({ ...customerAddressing(v.customer, language), vehicleName: vehicleName(v.vehicle) }),
  texts: {
    de: {
      subject: '{{vehicleAgeYears}} Jahre gemeinsam unterwegs – Zeit für etwas Neues?',
      preheader: 'Was Ihr Auto heute noch wert ist und was neue Modelle können.',
      mjmlBody: [
        copy(
          '<p>{{greeting}}</p>' +
            '<p>seit {{vehicleAgeYears}} Jahren sind Sie mit Ihrem Fahrzeug {{vehicleName}} unterwegs – wir hoffen, es hat Ihnen in dieser Zeit treue Dienste geleistet.</p>' +
            '<p>Gerade jetzt lohnt sich ein Blick nach vorn: Neue Modelle sind sparsamer und sicherer und haben deutlich mehr Assistenz- und Komfortfunktionen an Bord. ' +
            'Und Ihr jetziges Auto hat heute noch einen Wert, den wir bei der Inzahlungnahme fair berücksichtigen – bevor mit den Jahren größere Reparaturen anstehen.</p>' +
            '<p>Ich nehme mir gern Zeit für Sie, zeige Ihnen passende Modelle und mache Ihnen ein unverbindliches Angebot – auf Wunsch mit Probefahrt.</p>',
        ),
        button('Beratungstermin vereinbaren', 'appointmentUrl'),
        whenSet(
          'tradeInUrl',
          copy('<p>Sie möchten vorab wissen, was Ihr Auto wert ist? <a href="{{tradeInUrl}}">Jetzt Fahrzeugwert ermitteln</a></p>'),
        ),
        copy('{{#salesperson.phone}}<p>Sie erreichen mich auch direkt unter {{salesperson.phone}}.</p>{{/salesperson.phone}}'),
        signOff('Herzliche Grüße', '{{salesperson.name}}', '{{branding.dealerName}}'),
      ].join('\n'),
      textBody: `{{greeting}}

seit {{vehicleAgeYears}} Jahren sind Sie mit Ihrem Fahrzeug {{vehicleName}} unterwegs – wir hoffen, es hat Ihnen in dieser Zeit treue Dienste geleistet.

Gerade jetzt lohnt sich ein Blick nach vorn: Neue Modelle sind sparsamer und sicherer und haben deutlich mehr Assistenz- und Komfortfunktionen an Bord. Und Ihr jetziges Auto hat heute noch einen Wert, den wir bei der Inzahlungnahme fair berücksichtigen – bevor mit den Jahren größere Reparaturen anstehen.

Ich nehme mir gern Zeit für Sie, zeige Ihnen passende Modelle und mache Ihnen ein unverbindliches Angebot – auf Wunsch mit Probefahrt.

Beratungstermin vereinbaren: {{appointmentUrl}}{{#tradeInUrl}}
Fahrzeugwert ermitteln: {{tradeInUrl}}{{/tradeInUrl}}{{#salesperson.phone}}
Sie erreichen mich auch direkt unter {{salesperson.phone}}.{{/salesperson.phone}}

Herzliche Grüße
{{salesperson.name}}
{{branding.dealerName}}`,
    },
    en: {
      subject: '{{vehicleAgeYears}} years on the road together – time for something new?',
      preheader: 'What your car is worth today and what the new models can do.',
      mjmlBody: [
        copy(
          '<p>{{greeting}}</p>' +
            '<p>You have been driving your {{vehicleName}} for {{vehicleAgeYears}} years now – we hope it has served you well.</p>' +
            '<p>Now is a good time to look ahead: new models are more economical and safer, with far more assistance and comfort features on board. ' +
            'And your current car still has a value today that we will take fairly into account when you trade it in – before the bigger repairs that come with age.</p>' +
            '<p>I would be happy to take the time to show you suitable models and give you a no-obligation quote – with a test drive if you wish.</p>',
        ),
        button('Arrange a consultation', 'appointmentUrl'),
        whenSet(
          'tradeInUrl',
          copy('<p>Would you like to know what your car is worth first? <a href="{{tradeInUrl}}">Get a valuation now</a></p>'),
        ),
        copy('{{#salesperson.phone}}<p>You can also reach me directly on {{salesperson.phone}}.</p>{{/salesperson.phone}}'),
        signOff('Kind regards,', '{{salesperson.name}}', '{{branding.dealerName}}'),
      ].join('\n'),
      textBody: `{{greeting}}

You have been driving your {{vehicleName}} for {{vehicleAgeYears}} years now – we hope it has served you well.

Now is a good time to look ahead: new models are more economical and safer, with far more assistance and comfort features on board. And your current car still has a value today that we will take fairly into account when you trade it in – before the bigger repairs that come with age.

I would be happy to take the time to show you suitable models and give you a no-obligation quote – with a test drive if you wish.

Arrange a consultation: {{appointmentUrl}}{{#tradeInUrl}}
Get a valuation: {{tradeInUrl}}{{/tradeInUrl}}{{#salesperson.phone}}
You can also reach me directly on {{salesperson.phone}}.{{/salesperson.phone}}

Kind regards,
{{salesperson.name}}
{{branding.dealerName}}`,
    },
  },
});
