import { z } from 'zod';
import { button, copy, signOff } from '../layout/blocks';
import { whenSet } from '../layout/when';
import { defineTemplate } from '../types';
import { customerAddressing, customerSchema, httpUrl } from '../variables';
import { sampleCustomer } from './samples';

const variables = z.object({
  subject: z.string().min(1).max(150),
  preheader: z.string().min(1).max(200),
  /** Optional: without it the greeting is a plain "Guten Tag," / "Hello,". */
  customer: customerSchema.optional(),
  headline: z.string().min(1),
  /**
   * Plain-text paragraphs; no HTML (it would be shown as text). In German the first paragraph
   * follows "Guten Tag …," and so starts in lower case unless it begins with a noun.
   */
  paragraphs: z.array(z.string().min(1)).min(1).max(20),
  callToAction: z.object({ label: z.string().min(1), url: httpUrl }).optional(),
  /** Closing lines, e.g. ["Ihr Verkaufsteam"]; defaults to "Ihr Team" / "The team at". */
  signature: z.array(z.string().min(1)).min(1).max(4).optional(),
});

export const newsletterGeneric = defineTemplate({
  id: 'newsletter-generic',
  category: 'marketing',
  description: 'Segment newsletter: headline, paragraphs and an optional call to action.',
  variables,
  sampleVariables: (language) =>
    language === 'de'
      ? {
          subject: 'Jetzt auf Sommerreifen wechseln',
          preheader: 'Räderwechsel inklusive Einlagerung – Termine ab sofort frei.',
          customer: sampleCustomer,
          headline: 'Von O bis O: Zeit für Sommerreifen',
          paragraphs: [
            'mit den ersten warmen Tagen ist es Zeit für den Räderwechsel. Die Faustregel „von O bis O“ – von Oktober bis Ostern – gilt auch in diesem Jahr: Danach sind Sommerreifen die richtige Wahl, denn auf trockener und warmer Straße bremsen sie deutlich kürzer.',
            'Wir wechseln Ihre Räder, prüfen Profiltiefe und Reifendruck und lagern Ihre Winterräder auf Wunsch sauber bei uns ein.',
          ],
          callToAction: { label: 'Termin für den Räderwechsel buchen', url: 'https://autohaus-berger.example/raederwechsel' },
          signature: ['Ihr Serviceteam'],
        }
      : {
          subject: 'Time to switch to summer tyres',
          preheader: 'Wheel change including storage – appointments available now.',
          customer: sampleCustomer,
          headline: 'October to Easter: time for summer tyres',
          paragraphs: [
            'With the first warm days, it is time to change your wheels. The German rule of thumb "O to O" – October to Easter – applies this year too: after that, summer tyres are the right choice, because on dry, warm roads they stop considerably shorter.',
            'We change your wheels, check tread depth and tyre pressure and, if you wish, store your winter wheels safely with us.',
          ],
          callToAction: { label: 'Book your wheel change', url: 'https://autohaus-berger.example/raederwechsel' },
          signature: ['Your service team'],
        },
  derive: (v, language) => ({
    ...customerAddressing(v.customer, language),
    signatureLines: v.signature ?? [language === 'de' ? 'Ihr Team' : 'The team at'],
  }),
  texts: {
    de: {
      subject: '{{subject}}',
      preheader: '{{preheader}}',
      mjmlBody: [
        `<mj-text font-size="22px" font-weight="bold" line-height="1.3" padding="8px 28px 12px">{{headline}}</mj-text>`,
        copy('<p>{{greeting}}</p>{{#paragraphs}}<p>{{.}}</p>{{/paragraphs}}'),
        whenSet('callToAction', button('{{callToAction.label}}', 'callToAction.url')),
        signOff('Herzliche Grüße', '{{#signatureLines}}{{.}}<br />{{/signatureLines}}{{branding.dealerName}}'),
      ].join('\n'),
      textBody: `{{headline}}

{{greeting}}

{{#paragraphs}}{{.}}

{{/paragraphs}}{{#callToAction}}{{callToAction.label}}: {{callToAction.url}}

{{/callToAction}}Herzliche Grüße
{{#signatureLines}}{{.}}
{{/signatureLines}}{{branding.dealerName}}`,
    },
    en: {
      subject: '{{subject}}',
      preheader: '{{preheader}}',
      mjmlBody: [
        `<mj-text font-size="22px" font-weight="bold" line-height="1.3" padding="8px 28px 12px">{{headline}}</mj-text>`,
        copy('<p>{{greeting}}</p>{{#paragraphs}}<p>{{.}}</p>{{/paragraphs}}'),
        whenSet('callToAction', button('{{callToAction.label}}', 'callToAction.url')),
        signOff('Kind regards,', '{{#signatureLines}}{{.}}<br />{{/signatureLines}}{{branding.dealerName}}'),
      ].join('\n'),
      textBody: `{{headline}}

{{greeting}}

{{#paragraphs}}{{.}}

{{/paragraphs}}{{#callToAction}}{{callToAction.label}}: {{callToAction.url}}

{{/callToAction}}Kind regards,
{{#signatureLines}}{{.}}
{{/signatureLines}}{{branding.dealerName}}`,
    },
  },
});
