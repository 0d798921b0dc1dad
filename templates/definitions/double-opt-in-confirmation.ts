import { z } from 'zod';
import { button, copy, signOff } from '../layout/blocks';
import { defineTemplate } from '../types';
import { customerAddressing, customerSchema, httpUrl } from '../variables';
import { sampleCustomer } from './samples';

const variables = z.object({
  /** Optional: sign-up forms often only ask for the email address. */
  customer: customerSchema.optional(),
  confirmUrl: httpUrl,
  /** Pre-formatted expiry of the link, e.g. "29. November 2026" / "29 November 2026". */
  validUntil: z.string().min(1).optional(),
});

export const doubleOptInConfirmation = defineTemplate({
  id: 'double-opt-in-confirmation',
  category: 'transactional',
  description: 'Double opt-in: confirm the email address before any advertising is sent (§7(2) UWG).',
  variables,
  sampleVariables: (language) => ({
    customer: sampleCustomer,
    confirmUrl: 'https://autohaus-berger.example/bestaetigen?t=sample-token',
    validUntil: language === 'de' ? '29. November 2026' : '29 November 2026',
  }),
  derive: (v, language) => customerAddressing(v.customer, language),
  texts: {
    de: {
      subject: 'Bitte bestätigen Sie Ihre E-Mail-Adresse',
      preheader: 'Ein Klick genügt – danach erhalten Sie Neuigkeiten und Angebote von {{branding.dealerName}}.',
      mjmlBody: [
        copy(
          '<p>{{greeting}}</p>' +
            '<p>vielen Dank für Ihr Interesse! Bitte bestätigen Sie mit einem Klick auf die Schaltfläche, dass Sie E-Mails von {{branding.dealerName}} erhalten möchten – ' +
            'zum Beispiel Erinnerungen an Inspektion und Hauptuntersuchung, Neuigkeiten und Angebote.</p>',
        ),
        button('E-Mail-Adresse bestätigen', 'confirmUrl'),
        copy(
          '{{#validUntil}}<p>Der Link ist bis zum {{validUntil}} gültig.</p>{{/validUntil}}' +
            '<p>Falls die Schaltfläche nicht funktioniert, kopieren Sie bitte diesen Link in Ihren Browser:<br /><a href="{{confirmUrl}}">{{confirmUrl}}</a></p>' +
            '<p>Sie haben sich nicht angemeldet? Dann ignorieren Sie diese E-Mail bitte einfach – ohne Ihre Bestätigung erhalten Sie von uns keine Werbung. ' +
            'Ihre Einwilligung können Sie jederzeit mit Wirkung für die Zukunft widerrufen.</p>',
        ),
        signOff('Freundliche Grüße', 'Ihr Team', '{{branding.dealerName}}'),
      ].join('\n'),
      textBody: `{{greeting}}

vielen Dank für Ihr Interesse! Bitte bestätigen Sie über den folgenden Link, dass Sie E-Mails von {{branding.dealerName}} erhalten möchten – zum Beispiel Erinnerungen an Inspektion und Hauptuntersuchung, Neuigkeiten und Angebote.

E-Mail-Adresse bestätigen: {{confirmUrl}}
{{#validUntil}}Der Link ist bis zum {{validUntil}} gültig.
{{/validUntil}}
Sie haben sich nicht angemeldet? Dann ignorieren Sie diese E-Mail bitte einfach – ohne Ihre Bestätigung erhalten Sie von uns keine Werbung. Ihre Einwilligung können Sie jederzeit mit Wirkung für die Zukunft widerrufen.

Freundliche Grüße
Ihr Team
{{branding.dealerName}}`,
    },
    en: {
      subject: 'Please confirm your email address',
      preheader: 'One click is all it takes – then you will receive news and offers from {{branding.dealerName}}.',
      mjmlBody: [
        copy(
          '<p>{{greeting}}</p>' +
            '<p>Thank you for your interest! Please click the button to confirm that you would like to receive emails from {{branding.dealerName}} – ' +
            'for example reminders about services and the main inspection, news and offers.</p>',
        ),
        button('Confirm email address', 'confirmUrl'),
        copy(
          '{{#validUntil}}<p>The link is valid until {{validUntil}}.</p>{{/validUntil}}' +
            '<p>If the button does not work, please copy this link into your browser:<br /><a href="{{confirmUrl}}">{{confirmUrl}}</a></p>' +
            '<p>Did not sign up? Then simply ignore this email – without your confirmation we will not send you any advertising. ' +
            'You can withdraw your consent at any time with effect for the future.</p>',
        ),
        signOff('Kind regards,', 'The team at', '{{branding.dealerName}}'),
      ].join('\n'),
      textBody: `{{greeting}}

Thank you for your interest! Please use the link below to confirm that you would like to receive emails from {{branding.dealerName}} – for example reminders about services and the main inspection, news and offers.

Confirm email address: {{confirmUrl}}
{{#validUntil}}The link is valid until {{validUntil}}.
{{/validUntil}}
Did not sign up? Then simply ignore this email – without your confirmation we will not send you any advertising. You can withdraw your consent at any time with effect for the future.

Kind regards,
The team at
{{branding.dealerName}}`,
    },
  },
});
