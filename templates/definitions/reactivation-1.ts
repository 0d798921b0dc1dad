import { button, callout, copy, signOff } from '../layout/blocks';
import { whenSet } from '../layout/when';
import { defineTemplate } from '../types';
import { deriveReactivation, reactivationVariables, sampleReactivationVariables } from './reactivationShared';

export const reactivation1 = defineTemplate({
  id: 'reactivation-1',
  category: 'marketing',
  description: 'First reactivation email for a customer silent for about 18 months.',
  variables: reactivationVariables,
  sampleVariables: sampleReactivationVariables,
  derive: deriveReactivation,
  texts: {
    de: {
      subject: 'Lange nichts voneinander gehört, {{formalName}}',
      preheader: 'Wir sind weiterhin gern für Sie und Ihr Auto da.',
      mjmlBody: [
        copy(
          '<p>{{greeting}}</p>' +
            '<p>es ist schon eine Weile her, dass wir voneinander gehört haben{{#lastVehicle}} – zuletzt ging es um Ihr Fahrzeug {{lastVehicleName}}{{/lastVehicle}}. Wir hoffen, es geht Ihnen gut!</p>' +
            '<p>Ob Inspektion, Hauptuntersuchung, Reifenwechsel oder eine Frage rund um ein neues Auto – wir sind weiterhin gern für Sie da. ' +
            'Auch wenn Ihr damaliger Ansprechpartner vielleicht nicht mehr bei uns ist: Wir kennen Ihre Vorgeschichte und knüpfen gern dort an, wo wir aufgehört haben.</p>',
        ),
        whenSet(
          'offer',
          callout(
            '<strong>{{offer.headline}}</strong><br />{{offer.text}}{{#offer.validUntil}} Gültig bis zum {{offer.validUntil}}.{{/offer.validUntil}}',
          ),
        ),
        button('Termin vereinbaren', 'location.bookingUrl'),
        copy('<p>Oder rufen Sie uns einfach an: {{location.phone}}.</p>'),
        signOff('Herzliche Grüße', 'Ihr Team', '{{branding.dealerName}}'),
      ].join('\n'),
      textBody: `{{greeting}}

es ist schon eine Weile her, dass wir voneinander gehört haben{{#lastVehicle}} – zuletzt ging es um Ihr Fahrzeug {{lastVehicleName}}{{/lastVehicle}}. Wir hoffen, es geht Ihnen gut!

Ob Inspektion, Hauptuntersuchung, Reifenwechsel oder eine Frage rund um ein neues Auto – wir sind weiterhin gern für Sie da. Auch wenn Ihr damaliger Ansprechpartner vielleicht nicht mehr bei uns ist: Wir kennen Ihre Vorgeschichte und knüpfen gern dort an, wo wir aufgehört haben.
{{#offer}}
{{offer.headline}}: {{offer.text}}{{#offer.validUntil}} Gültig bis zum {{offer.validUntil}}.{{/offer.validUntil}}
{{/offer}}
Termin vereinbaren: {{location.bookingUrl}}
Oder rufen Sie uns einfach an: {{location.phone}}.

Herzliche Grüße
Ihr Team
{{branding.dealerName}}`,
    },
    en: {
      subject: "It's been a while, {{formalName}}",
      preheader: 'We are still here for you and your car.',
      mjmlBody: [
        copy(
          '<p>{{greeting}}</p>' +
            '<p>It has been a while since we were last in touch{{#lastVehicle}} – the last time, it was about your {{lastVehicleName}}{{/lastVehicle}}. We hope you are well!</p>' +
            '<p>Whether it is a service, the main inspection, a tyre change or a question about a new car – we are still here for you. ' +
            'Even if the colleague you dealt with back then may have moved on: we know your history and are glad to pick up where we left off.</p>',
        ),
        whenSet(
          'offer',
          callout(
            '<strong>{{offer.headline}}</strong><br />{{offer.text}}{{#offer.validUntil}} Valid until {{offer.validUntil}}.{{/offer.validUntil}}',
          ),
        ),
        button('Book an appointment', 'location.bookingUrl'),
        copy('<p>Or simply give us a call on {{location.phone}}.</p>'),
        signOff('Kind regards,', 'The team at', '{{branding.dealerName}}'),
      ].join('\n'),
      textBody: `{{greeting}}

It has been a while since we were last in touch{{#lastVehicle}} – the last time, it was about your {{lastVehicleName}}{{/lastVehicle}}. We hope you are well!

Whether it is a service, the main inspection, a tyre change or a question about a new car – we are still here for you. Even if the colleague you dealt with back then may have moved on: we know your history and are glad to pick up where we left off.
{{#offer}}
{{offer.headline}}: {{offer.text}}{{#offer.validUntil}} Valid until {{offer.validUntil}}.{{/offer.validUntil}}
{{/offer}}
Book an appointment: {{location.bookingUrl}}
Or simply give us a call on {{location.phone}}.

Kind regards,
The team at
{{branding.dealerName}}`,
    },
  },
});
