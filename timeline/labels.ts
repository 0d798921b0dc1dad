import type { TimelineChannel } from './types';

/** German labels and icons for the timeline pages. */
export const CHANNELS: Record<TimelineChannel, { icon: string; label: string }> = {
  phone: { icon: '☎', label: 'Telefon' },
  email: { icon: '✉', label: 'E-Mail' },
  visit: { icon: '⌂', label: 'Besuch' },
  web: { icon: '◎', label: 'Web' },
  letter: { icon: '✎', label: 'Brief' },
  system: { icon: '⚙', label: 'System' },
  task: { icon: '✔', label: 'Aufgabe' },
  callback: { icon: '☎', label: 'Rückruf' },
  campaign: { icon: '◷', label: 'Kampagne' },
};

export const MESSAGE_STATUS: Record<string, string> = {
  queued: 'in Warteschlange',
  sending: 'wird gesendet',
  sent: 'gesendet',
  failed: 'fehlgeschlagen',
  skipped: 'nicht gesendet',
  unknown: 'Zustellung unklar',
};

export const SKIP_REASONS: Record<string, string> = {
  erased: 'Daten gelöscht (DSGVO)',
  objection: 'Werbewiderspruch',
  unsubscribed: 'abgemeldet',
  suppressed: 'Adresse gesperrt',
  no_email: 'keine E-Mail-Adresse',
  no_legal_basis: 'keine Einwilligung',
  frequency_cap: 'Kontaktfrequenz erreicht',
  holdout: 'Kontrollgruppe',
  staff_unavailable: 'kein Mitarbeiter verfügbar',
};

export const LEAD_KINDS: Record<string, string> = {
  test_drive: 'Probefahrt',
  offer: 'Angebot',
  trade_in: 'Inzahlungnahme',
  service: 'Service',
};

export const LEAD_STATUS: Record<string, string> = { new: 'neu', contacted: 'kontaktiert', qualified: 'qualifiziert' };

export const ESCALATION_LEVELS = ['Verkäufer', 'Teamleiter', 'Geschäftsleitung'];

export const FINANCING: Record<string, string> = { cash: 'Barkauf', loan: 'Finanzierung', balloon_loan: 'Ballonfinanzierung', lease: 'Leasing' };

export const LANGUAGES: Record<string, string> = { de: 'Deutsch', en: 'Englisch' };
