import type { Language, TemplateDefinition } from '../types';
import { mjmlDocument } from './head';
import { customerHeader, staffHeader } from './header';
import { marketingFooter, staffFooter, textFooter, transactionalFooter } from './footer';
import { theme } from './theme';

function contentSection(body: string): string {
  return `<mj-section background-color="${theme.card}" padding="4px 0 24px">
  <mj-column>
${body.trim()}
  </mj-column>
</mj-section>`;
}

/** The complete MJML document of one template in one language: layout + the template's content. */
export function buildMjml(definition: TemplateDefinition, language: Language): string {
  const body = contentSection(definition.texts[language].mjmlBody);
  switch (definition.category) {
    case 'staff':
      return mjmlDocument(language, [staffHeader(language), body, staffFooter(language)]);
    case 'transactional':
      return mjmlDocument(language, [customerHeader(language), body, transactionalFooter(language)]);
    case 'marketing':
      return mjmlDocument(language, [customerHeader(language), body, marketingFooter(language)]);
  }
}

/** The complete plain-text alternative of one template in one language. */
export function buildText(definition: TemplateDefinition, language: Language): string {
  const header =
    definition.category === 'staff'
      ? '{{branding.dealerName}}'
      : '{{branding.dealerName}}\n{{branding.address.street}}, {{branding.address.postalCode}} {{branding.address.city}}';
  return `${header}\n\n${definition.texts[language].textBody.trim()}\n\n-- \n${textFooter(definition.category, language)}\n`;
}
