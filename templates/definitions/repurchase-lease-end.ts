import { z } from 'zod';
import { button, copy, signOff } from '../layout/blocks';
import { formatDate } from '../formatting';
import { defineTemplate, type Language } from '../types';
import { contactPersonSchema, customerAddressing, customerSchema, httpUrl, vehicleName, vehicleSchema } from '../variables';
import { sampleCustomer, sampleSalesperson, sampleVehicle } from './samples';

const variables = z.object({
  customer: customerSchema,
  vehicle: vehicleSchema,
  contract: z.object({
    kind: z.enum(['leasing', 'financing']),
    /** Pre-formatted end date, e.g. "30. September 2027" / "30 September 2027". */
    endDate: z.string().min(1),
  }),
  salesperson: contactPersonSchema,
  appointmentUrl: httpUrl,
});

const CONTRACT_LABELS: Record<Language, Record<'leasing' | 'financing', string>> = {
  de: { leasing: 'Ihr Leasingvertrag', financing: 'Ihre Finanzierung' },
  en: { leasing: 'Your lease', financing: 'Your finance agreement' },
};

export const repurchaseLeaseEnd = defineTemplate({
  id: 'repurchase-lease-end',
  category: 'marketing',
  description: 'Lease or financing ends on date X: offer to talk about the next car (about 6 months ahead).',
  variables,
  sampleVariables: (language) => ({
    customer: sampleCustomer,
    vehicle: sampleVehicle,
    contract: { kind: 'leasing' as const, endDate: formatDate('2027-09-30', language) },
    salesperson: sampleSalesperson,
    appointmentUrl: 'https://autohaus-berger.example/beratung?t=sample',
  }),
  derive: (v, language) => ({
    ...customerAddressing(v.customer, language),
    vehicleName: vehicleName(v.vehicle),
    contractLabel: CONTRACT_LABELS[language][v.contract.kind],
    isLease: v.contract.kind === 'leasing',
  }),
  texts: {
    de: {
      subject: '{{contractLabel}} endet am {{contract.endDate}} – wie geht es weiter?',
      preheader: 'Lassen Sie uns rechtzeitig und in Ruhe über Ihr nächstes Auto sprechen.',
      mjmlBody: [
        copy(
          '<p>{{greeting}}</p>' +
            '<p>{{contractLabel}} für Ihr Fahrzeug {{vehicleName}} endet am {{contract.endDate}}. Das ist noch etwas hin – aber genau der richtige Zeitpunkt, um in Ruhe zu überlegen, wie es danach weitergehen soll.</p>' +
            '{{#isLease}}<p>Ob ein neues Leasing mit einem aktuellen Modell, eine Verlängerung oder die Rückgabe: Wir besprechen mit Ihnen alle Möglichkeiten und bereiten die Fahrzeugrückgabe so vor, dass es keine Überraschungen gibt.</p>{{/isLease}}' +
            '{{^isLease}}<p>Ob Sie Ihr Auto behalten oder in Zahlung geben und auf ein neues Modell umsteigen möchten: Wir rechnen Ihnen alle Möglichkeiten – auch zu einer eventuellen Schlussrate – gern transparent durch.</p>{{/isLease}}' +
            '<p>In einem persönlichen Gespräch zeige ich Ihnen gern, welche Modelle zu Ihnen passen – selbstverständlich mit Probefahrt.</p>',
        ),
        button('Beratungstermin vereinbaren', 'appointmentUrl'),
        copy('{{#salesperson.phone}}<p>Sie erreichen mich auch direkt unter {{salesperson.phone}}.</p>{{/salesperson.phone}}'),
        signOff('Herzliche Grüße', '{{salesperson.name}}', '{{branding.dealerName}}'),
      ].join('\n'),
      textBody: `{{greeting}}

{{contractLabel}} für Ihr Fahrzeug {{vehicleName}} endet am {{contract.endDate}}. Das ist noch etwas hin – aber genau der richtige Zeitpunkt, um in Ruhe zu überlegen, wie es danach weitergehen soll.

{{#isLease}}Ob ein neues Leasing mit einem aktuellen Modell, eine Verlängerung oder die Rückgabe: Wir besprechen mit Ihnen alle Möglichkeiten und bereiten die Fahrzeugrückgabe so vor, dass es keine Überraschungen gibt.{{/isLease}}{{^isLease}}Ob Sie Ihr Auto behalten oder in Zahlung geben und auf ein neues Modell umsteigen möchten: Wir rechnen Ihnen alle Möglichkeiten – auch zu einer eventuellen Schlussrate – gern transparent durch.{{/isLease}}

In einem persönlichen Gespräch zeige ich Ihnen gern, welche Modelle zu Ihnen passen – selbstverständlich mit Probefahrt.

Beratungstermin vereinbaren: {{appointmentUrl}}{{#salesperson.phone}}
Sie erreichen mich auch direkt unter {{salesperson.phone}}.{{/salesperson.phone}}

Herzliche Grüße
{{salesperson.name}}
{{branding.dealerName}}`,
    },
    en: {
      subject: '{{contractLabel}} ends on {{contract.endDate}} – what next?',
      preheader: "Let's talk about your next car in good time and without any rush.",
      mjmlBody: [
        copy(
          '<p>{{greeting}}</p>' +
            '<p>{{contractLabel}} for your {{vehicleName}} ends on {{contract.endDate}}. That is still a little while away – which makes it exactly the right time to think calmly about what comes next.</p>' +
            '{{#isLease}}<p>Whether it is a new lease on a current model, an extension or handing the car back: we will go through all the options with you and prepare the return so that there are no surprises.</p>{{/isLease}}' +
            '{{^isLease}}<p>Whether you would like to keep your car or trade it in for a new model: we will be glad to work through all the options with you transparently – including any final balloon payment.</p>{{/isLease}}' +
            '<p>In a personal meeting I would be happy to show you which models suit you – with a test drive, of course.</p>',
        ),
        button('Arrange a consultation', 'appointmentUrl'),
        copy('{{#salesperson.phone}}<p>You can also reach me directly on {{salesperson.phone}}.</p>{{/salesperson.phone}}'),
        signOff('Kind regards,', '{{salesperson.name}}', '{{branding.dealerName}}'),
      ].join('\n'),
      textBody: `{{greeting}}

{{contractLabel}} for your {{vehicleName}} ends on {{contract.endDate}}. That is still a little while away – which makes it exactly the right time to think calmly about what comes next.

{{#isLease}}Whether it is a new lease on a current model, an extension or handing the car back: we will go through all the options with you and prepare the return so that there are no surprises.{{/isLease}}{{^isLease}}Whether you would like to keep your car or trade it in for a new model: we will be glad to work through all the options with you transparently – including any final balloon payment.{{/isLease}}

In a personal meeting I would be happy to show you which models suit you – with a test drive, of course.

Arrange a consultation: {{appointmentUrl}}{{#salesperson.phone}}
You can also reach me directly on {{salesperson.phone}}.{{/salesperson.phone}}

Kind regards,
{{salesperson.name}}
{{branding.dealerName}}`,
    },
  },
});
