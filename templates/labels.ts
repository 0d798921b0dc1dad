import type { Language } from './types';

type Labels = Record<string, Record<Language, string>>;

/** Lead kinds as the dealership calls them. Unknown kinds are shown as given. */
export const LEAD_KIND_LABELS: Labels = {
  'test-drive': { de: 'Probefahrt', en: 'Test drive' },
  quote: { de: 'Angebotsanfrage', en: 'Quote request' },
  'trade-in': { de: 'Inzahlungnahme', en: 'Trade-in valuation' },
  financing: { de: 'Finanzierungsanfrage', en: 'Financing enquiry' },
  leasing: { de: 'Leasinganfrage', en: 'Leasing enquiry' },
  callback: { de: 'Rückrufbitte', en: 'Callback request' },
  service: { de: 'Werkstatttermin', en: 'Service appointment' },
  general: { de: 'Allgemeine Anfrage', en: 'General enquiry' },
};

/** Touchpoint channels. Unknown channels are shown as given. */
export const CHANNEL_LABELS: Labels = {
  email: { de: 'E-Mail', en: 'Email' },
  phone: { de: 'Telefon', en: 'Phone' },
  visit: { de: 'Besuch im Autohaus', en: 'Showroom visit' },
  letter: { de: 'Brief', en: 'Letter' },
  web: { de: 'Website', en: 'Website' },
  sms: { de: 'SMS', en: 'Text message' },
  whatsapp: { de: 'WhatsApp', en: 'WhatsApp' },
  workshop: { de: 'Werkstatt', en: 'Workshop' },
};

export function labelFor(labels: Labels, key: string, language: Language): string {
  return labels[key]?.[language] ?? key;
}
