import { button, callout, copy, signOff } from '../layout/blocks';
import { whenSet } from '../layout/when';
import { defineTemplate } from '../types';
import { deriveReactivation, reactivationVariables, sampleReactivationVariables } from './reactivationShared';

export const reactivation2 = defineTemplate({
  id: 'reactivation-2',
  category: 'marketing',
  description: 'Second and last reactivation email: ask what changed, offer an easy way back (or out).',
  variables: reactivationVariables,
  sampleVariables: sampleReactivationVariables,
  derive: deriveReactivation,
  texts: {
    de: {
      subject: '{{formalName}}, wir würden uns freuen, Sie wiederzusehen',
      preheader: '{{#offer}}{{offer.headline}} – {{/offer}}Ihr Autohaus ist nur einen Anruf entfernt.',
      mjmlBody: [
        copy(
          '<p>{{greeting}}</p>' +
            '<p>vor einiger Zeit haben wir Ihnen geschrieben und möchten uns heute noch einmal melden, denn der Kontakt zu Ihnen liegt uns am Herzen.</p>' +
            '<p>Hat sich bei Ihnen etwas verändert – ein anderes Auto, ein Umzug oder neue Wünsche? Dann geben Sie uns gern kurz Bescheid. ' +
            'So schreiben wir Ihnen künftig nur noch, was für Sie wirklich interessant ist.</p>',
        ),
        whenSet(
          'offer',
          callout(
            '<strong>{{offer.headline}}</strong><br />{{offer.text}}{{#offer.validUntil}} Gültig bis zum {{offer.validUntil}}.{{/offer.validUntil}}',
          ),
        ),
        button('Termin vereinbaren', 'location.bookingUrl'),
        copy(
          '<p>Telefonisch erreichen Sie uns unter {{location.phone}}.</p>' +
            '<p>Und falls Sie keine Nachrichten mehr von uns erhalten möchten, können Sie sich unten in dieser E-Mail mit einem Klick abmelden – das respektieren wir selbstverständlich.</p>',
        ),
        signOff('Herzliche Grüße', 'Ihr Team', '{{branding.dealerName}}'),
      ].join('\n'),
      textBody: `{{greeting}}

vor einiger Zeit haben wir Ihnen geschrieben und möchten uns heute noch einmal melden, denn der Kontakt zu Ihnen liegt uns am Herzen.

Hat sich bei Ihnen etwas verändert – ein anderes Auto, ein Umzug oder neue Wünsche? Dann geben Sie uns gern kurz Bescheid. So schreiben wir Ihnen künftig nur noch, was für Sie wirklich interessant ist.
{{#offer}}
{{offer.headline}}: {{offer.text}}{{#offer.validUntil}} Gültig bis zum {{offer.validUntil}}.{{/offer.validUntil}}
{{/offer}}
Termin vereinbaren: {{location.bookingUrl}}
Telefonisch erreichen Sie uns unter {{location.phone}}.

Und falls Sie keine Nachrichten mehr von uns erhalten möchten, können Sie sich über den Link am Ende dieser E-Mail abmelden – das respektieren wir selbstverständlich.

Herzliche Grüße
Ihr Team
{{branding.dealerName}}`,
    },
    en: {
      subject: '{{formalName}}, we would love to see you again',
      preheader: '{{#offer}}{{offer.headline}} – {{/offer}}Your dealership is just a phone call away.',
      mjmlBody: [
        copy(
          '<p>{{greeting}}</p>' +
            '<p>We wrote to you a little while ago and wanted to get in touch once more, because staying in contact with you matters to us.</p>' +
            '<p>Has anything changed for you – a different car, a move or new requirements? Just let us know briefly. ' +
            'That way we will only write to you about things that are genuinely of interest.</p>',
        ),
        whenSet(
          'offer',
          callout(
            '<strong>{{offer.headline}}</strong><br />{{offer.text}}{{#offer.validUntil}} Valid until {{offer.validUntil}}.{{/offer.validUntil}}',
          ),
        ),
        button('Book an appointment', 'location.bookingUrl'),
        copy(
          '<p>You can reach us by phone on {{location.phone}}.</p>' +
            '<p>And if you would rather not hear from us any more, you can unsubscribe with one click at the bottom of this email – we will of course respect that.</p>',
        ),
        signOff('Kind regards,', 'The team at', '{{branding.dealerName}}'),
      ].join('\n'),
      textBody: `{{greeting}}

We wrote to you a little while ago and wanted to get in touch once more, because staying in contact with you matters to us.

Has anything changed for you – a different car, a move or new requirements? Just let us know briefly. That way we will only write to you about things that are genuinely of interest.
{{#offer}}
{{offer.headline}}: {{offer.text}}{{#offer.validUntil}} Valid until {{offer.validUntil}}.{{/offer.validUntil}}
{{/offer}}
Book an appointment: {{location.bookingUrl}}
You can reach us by phone on {{location.phone}}.

And if you would rather not hear from us any more, you can unsubscribe using the link at the end of this email – we will of course respect that.

Kind regards,
The team at
{{branding.dealerName}}`,
    },
  },
});
