import type { Language } from '../types';
import { theme } from './theme';

/** §7(3) UWG: every advertising email must say that the recipient can object at no extra cost. */
export const OBJECTION_NOTICE: Record<Language, string> = {
  de: 'Sie können der Verwendung Ihrer E-Mail-Adresse für Werbung jederzeit widersprechen, ohne dass hierfür andere als die Übermittlungskosten nach den Basistarifen entstehen.',
  en: 'You can object to the use of your email address for advertising at any time, without incurring any costs other than the transmission costs at the basic rates.',
};

const UNSUBSCRIBE: Record<Language, { lead: string; link: string }> = {
  de: { lead: 'Sie möchten keine E-Mails dieser Art mehr erhalten?', link: 'Hier abmelden' },
  en: { lead: 'No longer wish to receive emails like this?', link: 'Unsubscribe here' },
};

const IMPRINT_LABELS: Record<Language, { title: string; director: string; vat: string; phone: string }> = {
  de: { title: 'Impressum', director: 'Geschäftsführung', vat: 'USt-IdNr.', phone: 'Tel.' },
  en: { title: 'Legal notice (Impressum)', director: 'Managing director', vat: 'VAT ID', phone: 'Phone' },
};

const STAFF_NOTE: Record<Language, string> = {
  de: 'Automatisch erstellt von Stammkunde für {{branding.dealerName}}. Bitte antworten Sie nicht auf diese E-Mail, sondern nutzen Sie die Schaltflächen oben.',
  en: 'Sent automatically by Stammkunde for {{branding.dealerName}}. Please do not reply to this email; use the buttons above instead.',
};

/** The imprint as one line of placeholders (used in HTML and plain text). */
export function imprintLine(language: Language): string {
  const l = IMPRINT_LABELS[language];
  return (
    `${l.title}: {{branding.imprint.company}} · {{branding.imprint.address.street}}, ` +
    `{{branding.imprint.address.postalCode}} {{branding.imprint.address.city}} · {{branding.imprint.register}} · ` +
    `${l.director}: {{branding.imprint.managingDirector}}` +
    `{{#branding.imprint.vatId}} · ${l.vat} {{branding.imprint.vatId}}{{/branding.imprint.vatId}}` +
    `{{#branding.imprint.phone}} · ${l.phone} {{branding.imprint.phone}}{{/branding.imprint.phone}}` +
    `{{#branding.imprint.email}} · {{branding.imprint.email}}{{/branding.imprint.email}}`
  );
}

function footerSection(texts: string[]): string {
  const blocks = texts.map(
    (t) => `    <mj-text font-size="12px" line-height="1.5" color="${theme.muted}" css-class="muted" padding="4px 28px">${t}</mj-text>`,
  );
  return `<mj-section padding="16px 0 24px">
  <mj-column>
${blocks.join('\n')}
  </mj-column>
</mj-section>`;
}

/** Advertising emails: objection notice, unsubscribe link and imprint. */
export function marketingFooter(language: Language): string {
  const u = UNSUBSCRIBE[language];
  return footerSection([
    OBJECTION_NOTICE[language],
    `${u.lead} <a href="{{branding.unsubscribeUrl}}">${u.link}</a>`,
    imprintLine(language),
  ]);
}

/** Transactional emails (no advertising): imprint only. */
export function transactionalFooter(language: Language): string {
  return footerSection([imprintLine(language)]);
}

export function staffFooter(language: Language): string {
  return footerSection([STAFF_NOTE[language]]);
}

/** Plain-text footers matching the HTML ones. */
export function textFooter(category: 'marketing' | 'transactional' | 'staff', language: Language): string {
  if (category === 'staff') return STAFF_NOTE[language];
  const imprint = imprintLine(language);
  if (category === 'transactional') return imprint;
  const u = UNSUBSCRIBE[language];
  return `${OBJECTION_NOTICE[language]}\n${u.lead} ${u.link}: {{branding.unsubscribeUrl}}\n\n${imprint}`;
}
