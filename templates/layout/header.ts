import type { Language } from '../types';
import { theme } from './theme';
import { whenSet } from './when';

/** Dealer logo (optional), name and address above every customer email. */
export function customerHeader(language: Language): string {
  const phoneLabel = language === 'de' ? 'Telefon' : 'Phone';
  return `<mj-section background-color="${theme.card}" padding="20px 0 8px">
  <mj-column>
${whenSet('branding.logoUrl', `    <mj-image src="{{branding.logoUrl}}" alt="{{branding.dealerName}}" width="160px" align="left" padding="0 28px 12px" />`)}
    <mj-text font-size="20px" font-weight="bold" padding="0 28px">{{branding.dealerName}}</mj-text>
    <mj-text font-size="13px" color="${theme.muted}" padding="2px 28px 0">{{branding.address.street}} · {{branding.address.postalCode}} {{branding.address.city}}{{#branding.phone}} · ${phoneLabel} {{branding.phone}}{{/branding.phone}}</mj-text>
    <mj-divider border-width="1px" border-color="#e4e7eb" padding="16px 28px 8px" />
  </mj-column>
</mj-section>`;
}

/** A plain line naming the dealership, for internal staff emails. */
export function staffHeader(language: Language): string {
  const label = language === 'de' ? 'Interne Nachricht' : 'Internal message';
  return `<mj-section background-color="${theme.card}" padding="16px 0 4px">
  <mj-column>
    <mj-text font-size="13px" color="${theme.muted}" padding="0 28px">{{branding.dealerName}} · ${label}</mj-text>
  </mj-column>
</mj-section>`;
}
