import { DateTime } from 'luxon';
import type { TimelineChannel } from './types';

/**
 * Every word the dealer-facing pages (customer timeline, open leads) and `customer show` print, in
 * one place per language. Codes from the database (tags, suppression reasons, lead sources,
 * campaign ids, step kinds) become words here; an unknown code is shown as words too ("my_tag" → "my tag").
 */
export type PageLanguage = 'de' | 'en';

type Words = Record<string, string>;

export const ICONS: Record<TimelineChannel, string> = {
  phone: '☎',
  email: '✉',
  visit: '⌂',
  web: '◎',
  letter: '✎',
  system: '⚙',
  task: '✔',
  callback: '☎',
  campaign: '◷',
};

const de = {
  channels: {
    phone: 'Telefon',
    email: 'E-Mail',
    visit: 'Besuch',
    web: 'Web',
    letter: 'Brief',
    system: 'System',
    task: 'Aufgabe',
    callback: 'Rückruf',
    campaign: 'Kampagne',
  } satisfies Record<TimelineChannel, string>,
  messageStatus: {
    queued: 'in Warteschlange',
    sending: 'wird gesendet',
    sent: 'gesendet',
    failed: 'fehlgeschlagen',
    skipped: 'nicht gesendet',
    unknown: 'Zustellung unklar',
  } as Words,
  skipReasons: {
    erased: 'Daten gelöscht (DSGVO)',
    objection: 'Werbewiderspruch',
    unsubscribed: 'abgemeldet',
    suppressed: 'Adresse gesperrt',
    no_email: 'keine E-Mail-Adresse',
    no_legal_basis: 'keine Einwilligung',
    frequency_cap: 'Kontaktfrequenz erreicht',
    holdout: 'Kontrollgruppe',
    staff_unavailable: 'kein Mitarbeiter verfügbar',
    cancelled: 'abgebrochen',
  } as Words,
  suppressionReasons: {
    unsubscribe: 'abgemeldet',
    hard_bounce: 'unzustellbar',
    bounce: 'unzustellbar',
    complaint: 'Spam-Beschwerde',
    manual: 'manuell gesperrt',
    erasure: 'gelöscht (DSGVO)',
  } as Words,
  leadKinds: {
    test_drive: 'Probefahrt',
    offer: 'Angebot',
    trade_in: 'Inzahlungnahme',
    service: 'Service',
    financing: 'Finanzierung',
    general: 'Allgemeine Anfrage',
  } as Words,
  leadStatus: { new: 'neu', contacted: 'kontaktiert', qualified: 'qualifiziert' } as Words,
  leadSources: {
    website: 'Website-Formular',
    phone: 'Telefon',
    email: 'E-Mail',
    walk_in: 'Besuch im Autohaus',
    mobile_de: 'mobile.de',
    autoscout24: 'AutoScout24',
    reactivation: 'Reaktivierungs-Kampagne',
    campaign: 'Kampagne',
    manufacturer: 'Hersteller',
    email_reply: 'Antwort auf eine E-Mail',
  } as Words,
  /** Escalation level = steps of the ladder taken: 1 reminded the assignee, 2 the team lead, 3 the management. */
  escalationLevels: ['nicht eskaliert', 'Erinnerung an Zuständige(n)', 'Teamleitung', 'Geschäftsleitung'],
  attention: {
    nobody_reachable: 'Niemand erreichbar – bitte klären',
    follow_up_failed: 'Nachverfolgung gestoppt – siehe Verlauf',
  } as Words,
  financing: { cash: 'Barkauf', loan: 'Finanzierung', balloon_loan: 'Ballonfinanzierung', lease: 'Leasing' } as Words,
  languages: { de: 'Deutsch', en: 'Englisch' } as Words,
  tags: {
    hu_due: 'HU fällig',
    service_due: 'Inspektion fällig',
    service_soon: 'Inspektion bald fällig',
    just_delivered: 'gerade ausgeliefert',
    lease_ending: 'Leasing endet',
    silent: 'lange ohne Kontakt',
    werkstatt: 'Werkstatt',
    leasing: 'Leasing',
    fleet: 'Flotte',
  } as Words,
  campaigns: {
    'post-purchase-check-ins': 'Begleitung nach der Auslieferung',
    'service-reminders': 'Inspektionserinnerungen',
    'hu-reminders': 'HU/AU-Erinnerungen',
    'repurchase-lease-end': 'Folgeangebot vor Vertragsende',
    'repurchase-vehicle-age': 'Folgeangebot nach Fahrzeugalter',
    reactivation: 'Reaktivierung',
  } as Words,
  templates: {
    'checkin-3-days': 'Wie gefällt Ihnen Ihr Auto?',
    'checkin-satisfaction-30-days': 'Zufriedenheitsumfrage',
    'first-service-invitation': 'Einladung zur ersten Inspektion',
    'service-reminder': 'Inspektionserinnerung',
    'service-reminder-followup': 'zweite Inspektionserinnerung',
    'hu-reminder': 'HU-Erinnerung',
    'hu-reminder-second': 'zweite HU-Erinnerung',
    'repurchase-lease-end': 'Folgeangebot zum Vertragsende',
    'repurchase-vehicle-age': 'Folgeangebot zum Fahrzeugalter',
    'reactivation-1': 'erste Reaktivierungs-E-Mail',
    'reactivation-2': 'zweite Reaktivierungs-E-Mail',
    'double-opt-in-confirmation': 'Bestätigung der Einwilligung',
    'newsletter-generic': 'Newsletter',
  } as Words,
  tasks: {
    call_for_service: 'Serviceberater ruft wegen der Inspektion an',
    repurchase_offer: 'Verkäufer ruft wegen des nächsten Autos an',
  } as Words,
  dormancy: 'Reaktivierung, falls der Kunde weiter nichts von sich hören lässt',
  sendStep: (template: string) => `E-Mail: ${template}`,
  taskStep: (task: string) => `Aufgabe: ${task}`,
  campaign: (name: string) => `Kampagne „${name}“`,
  callback: (source: string) => `Rückruf zur Anfrage (${source})`,
  newsletter: 'Newsletter',
  inbound: 'eingehend',
  dateTime: "dd.MM.yyyy, HH:mm 'Uhr'",
  date: 'dd.MM.yyyy',
  locale: 'de-DE',
  page: {
    customerTitle: (name: string) => `Kundenhistorie: ${name}`,
    asOf: (when: string) => `Stand ${when}`,
    customer: 'Kunde',
    customerNumber: 'Kundennummer',
    email: 'E-Mail',
    phone: 'Telefon',
    language: 'Sprache',
    salesperson: 'Betreuer',
    marketingEmail: 'Werbung per E-Mail',
    source: 'Quelle',
    suppressed: 'Gesperrt',
    tags: 'Merkmale',
    vehicles: 'Fahrzeuge',
    noVehicles: 'Keine Fahrzeuge erfasst.',
    vehicle: 'Fahrzeug',
    delivered: 'Auslieferung',
    lastService: 'Letzte Inspektion',
    lastHu: 'Letzte HU',
    contract: 'Vertrag',
    until: (what: string, day: string) => `${what} bis ${day}`,
    vin: 'FIN',
    planned: 'Geplant',
    nothingPlanned: 'Nichts geplant.',
    plannedUnavailable: 'Geplante Kontakte der Kampagnen konnten nicht abgefragt werden:',
    history: 'Verlauf',
    noHistory: 'Noch keine Kontakte.',
    overdue: 'überfällig',
    erased: (d: string) => `gelöscht am ${d} (DSGVO Art. 17)`,
    objected: (d: string) => `Werbewiderspruch seit ${d}`,
    doubleOptInConfirmed: (d: string) => `Einwilligung (Double-Opt-in) bestätigt am ${d}`,
    doubleOptInPending: 'Einwilligung erteilt, noch nicht bestätigt',
    existingCustomer: 'Bestandskunde (§7 Abs. 3 UWG)',
    since: (d: string) => ` seit ${d}`,
    noConsent: 'keine Einwilligung für Werbung',
    leadsTitle: 'Offene Anfragen',
    allDealers: 'Alle Autohäuser',
    noLeads: 'Keine offenen Anfragen.',
    openLeads: (n: number) => `${n} offene Anfrage(n)`,
    received: 'Eingang',
    customerRequest: 'Kunde / Anfrage',
    status: 'Status',
    assignee: 'Zuständig',
    callbackDue: 'Rückruf fällig',
    escalation: 'Eskalation',
    noCallback: 'kein Rückruf geplant',
    attempts: (n: number) => `${n} Versuch(e)`,
    level: (n: number) => `Stufe ${n}`,
    notFound: 'Kunde nicht gefunden',
    badCustomerId: 'Kunden-ID: keine gültige UUID',
    badDealerId: 'dealer: keine gültige UUID',
    error: 'Fehler',
  },
};

const en: typeof de = {
  channels: {
    phone: 'Phone',
    email: 'Email',
    visit: 'Visit',
    web: 'Web',
    letter: 'Letter',
    system: 'System',
    task: 'Task',
    callback: 'Callback',
    campaign: 'Campaign',
  },
  messageStatus: { queued: 'queued', sending: 'sending', sent: 'sent', failed: 'failed', skipped: 'not sent', unknown: 'delivery unclear' },
  skipReasons: {
    erased: 'data erased (GDPR)',
    objection: 'objected to marketing',
    unsubscribed: 'unsubscribed',
    suppressed: 'address blocked',
    no_email: 'no email address',
    no_legal_basis: 'no consent',
    frequency_cap: 'contact limit reached',
    holdout: 'control group',
    staff_unavailable: 'no staff available',
    cancelled: 'cancelled',
  },
  suppressionReasons: {
    unsubscribe: 'unsubscribed',
    hard_bounce: 'undeliverable',
    bounce: 'undeliverable',
    complaint: 'spam complaint',
    manual: 'blocked by hand',
    erasure: 'erased (GDPR)',
  },
  leadKinds: {
    test_drive: 'Test drive',
    offer: 'Quote',
    trade_in: 'Trade-in',
    service: 'Service',
    financing: 'Financing',
    general: 'General enquiry',
  },
  leadStatus: { new: 'new', contacted: 'contacted', qualified: 'qualified' },
  leadSources: {
    website: 'website form',
    phone: 'phone',
    email: 'email',
    walk_in: 'showroom visit',
    mobile_de: 'mobile.de',
    autoscout24: 'AutoScout24',
    reactivation: 'reactivation campaign',
    campaign: 'campaign',
    manufacturer: 'manufacturer',
    email_reply: 'reply to an email',
  },
  escalationLevels: ['not escalated', 'assignee reminded', 'team lead', 'management'],
  attention: { nobody_reachable: 'nobody reachable – please clear up', follow_up_failed: 'follow-up stopped – see the history' },
  financing: { cash: 'cash purchase', loan: 'financing', balloon_loan: 'balloon financing', lease: 'lease' },
  languages: { de: 'German', en: 'English' },
  tags: {
    hu_due: 'main inspection due',
    service_due: 'service due',
    service_soon: 'service due soon',
    just_delivered: 'just delivered',
    lease_ending: 'lease ending',
    silent: 'silent for long',
    werkstatt: 'workshop',
    leasing: 'lease',
    fleet: 'fleet',
  },
  campaigns: {
    'post-purchase-check-ins': 'Check-ins after delivery',
    'service-reminders': 'Service reminders',
    'hu-reminders': 'Main inspection (HU) reminders',
    'repurchase-lease-end': 'Repurchase before the contract ends',
    'repurchase-vehicle-age': 'Repurchase at replacement age',
    reactivation: 'Reactivation',
  },
  templates: {
    'checkin-3-days': 'How do you like your car?',
    'checkin-satisfaction-30-days': 'satisfaction survey',
    'first-service-invitation': 'first service invitation',
    'service-reminder': 'service reminder',
    'service-reminder-followup': 'second service reminder',
    'hu-reminder': 'main inspection reminder',
    'hu-reminder-second': 'second main inspection reminder',
    'repurchase-lease-end': 'offer before the contract ends',
    'repurchase-vehicle-age': 'offer at replacement age',
    'reactivation-1': 'first reactivation email',
    'reactivation-2': 'second reactivation email',
    'double-opt-in-confirmation': 'consent confirmation',
    'newsletter-generic': 'newsletter',
  },
  tasks: { call_for_service: 'service advisor calls about the service', repurchase_offer: 'salesperson calls about the next car' },
  dormancy: 'reactivation, if the customer stays silent',
  sendStep: (template) => `Email: ${template}`,
  taskStep: (task) => `Task: ${task}`,
  campaign: (name) => `Campaign “${name}”`,
  callback: (source) => `Callback on the enquiry (${source})`,
  newsletter: 'Newsletter',
  inbound: 'inbound',
  dateTime: 'd MMM yyyy, HH:mm',
  date: 'd MMM yyyy',
  locale: 'en-GB',
  page: {
    customerTitle: (name) => `Customer history: ${name}`,
    asOf: (when) => `as of ${when}`,
    customer: 'Customer',
    customerNumber: 'Customer number',
    email: 'Email',
    phone: 'Phone',
    language: 'Language',
    salesperson: 'Salesperson',
    marketingEmail: 'Marketing email',
    source: 'Source',
    suppressed: 'Blocked',
    tags: 'Tags',
    vehicles: 'Vehicles',
    noVehicles: 'No vehicles on file.',
    vehicle: 'Vehicle',
    delivered: 'Delivered',
    lastService: 'Last service',
    lastHu: 'Last main inspection',
    contract: 'Contract',
    until: (what, day) => `${what} until ${day}`,
    vin: 'VIN',
    planned: 'Planned',
    nothingPlanned: 'Nothing planned.',
    plannedUnavailable: 'The campaigns’ planned contacts could not be asked for:',
    history: 'History',
    noHistory: 'No contacts yet.',
    overdue: 'overdue',
    erased: (d) => `erased on ${d} (GDPR Art. 17)`,
    objected: (d) => `objected to marketing since ${d}`,
    doubleOptInConfirmed: (d) => `consent (double opt-in) confirmed on ${d}`,
    doubleOptInPending: 'consent given, not yet confirmed',
    existingCustomer: 'existing customer (§7(3) UWG)',
    since: (d) => ` since ${d}`,
    noConsent: 'no consent for marketing',
    leadsTitle: 'Open enquiries',
    allDealers: 'All dealerships',
    noLeads: 'No open enquiries.',
    openLeads: (n) => `${n} open enquir${n === 1 ? 'y' : 'ies'}`,
    received: 'Received',
    customerRequest: 'Customer / enquiry',
    status: 'Status',
    assignee: 'Assignee',
    callbackDue: 'Callback due',
    escalation: 'Escalation',
    noCallback: 'no callback planned',
    attempts: (n) => `${n} attempt${n === 1 ? '' : 's'}`,
    level: (n) => `level ${n}`,
    notFound: 'Customer not found',
    badCustomerId: 'customer id: not a valid UUID',
    badDealerId: 'dealer: not a valid UUID',
    error: 'Error',
  },
};

export const TIMELINE_LABELS: Record<PageLanguage, typeof de> = { de, en };
export type TimelineLabels = typeof de;

/** A code as words: the label when there is one, else the code with its separators as spaces. */
export function word(labels: Words, code: string): string {
  return labels[code] ?? code.replace(/[_-]+/g, ' ');
}

export function formatWhen(language: PageLanguage, date: Date): string {
  return DateTime.fromJSDate(date, { zone: 'Europe/Berlin' })
    .setLocale(TIMELINE_LABELS[language].locale)
    .toFormat(TIMELINE_LABELS[language].dateTime);
}

/** Calendar days (@db.Date) are stored at UTC midnight: show them as that day, whatever the zone. */
export function formatDay(language: PageLanguage, date: Date | null | undefined): string {
  return date
    ? DateTime.fromJSDate(date, { zone: 'UTC' }).setLocale(TIMELINE_LABELS[language].locale).toFormat(TIMELINE_LABELS[language].date)
    : '–';
}

/** ISO dates inside stored text ("… am 2024-01-06") written the page's way ("06.01.2024" / "6 Jan 2024"). */
export function withoutIsoDates(language: PageLanguage, text: string): string {
  return text.replace(/\b(\d{4}-\d{2}-\d{2})(T[\d:.]+Z?)?\b/g, (_, day: string) => formatDay(language, new Date(`${day}T00:00:00Z`)));
}

/** The page's language: ?lang=en for English; German otherwise (the dealership's working language). */
export function pageLanguage(query: unknown): PageLanguage {
  return (query as { lang?: string } | undefined)?.lang === 'en' ? 'en' : 'de';
}

// The German labels under their former names, for `customer show` and other callers.
export const CHANNELS: Record<TimelineChannel, { icon: string; label: string }> = Object.fromEntries(
  Object.entries(de.channels).map(([k, label]) => [k, { icon: ICONS[k as TimelineChannel], label }]),
) as Record<TimelineChannel, { icon: string; label: string }>;
export const MESSAGE_STATUS = de.messageStatus;
export const SKIP_REASONS = de.skipReasons;
