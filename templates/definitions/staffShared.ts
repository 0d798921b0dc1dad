import { z } from 'zod';
import { button } from '../layout/blocks';
import { CHANNEL_LABELS, LEAD_KIND_LABELS, labelFor } from '../labels';
import { whenSet } from '../layout/when';
import type { Language } from '../types';
import { httpUrl } from '../variables';

/**
 * What every staff email shows: who to call (name, email, phone), what they asked for, the vehicle
 * of interest, how long they have waited, the last touchpoints, and signed-link buttons.
 */
export const staffCustomerSchema = z.object({
  fullName: z.string().min(1),
  email: z.email().optional(),
  phone: z.string().min(1).optional(),
});

export const touchpointSchema = z.object({
  /** Pre-formatted, e.g. "05.03.2027, 17:45 Uhr" (see formatDateTime). */
  date: z.string().min(1),
  /** email, phone, visit, letter, web, sms, whatsapp, workshop – or any other label, shown as given. */
  channel: z.string().min(1),
  summary: z.string().min(1),
});

export const leadSchema = z.object({
  /** test-drive, quote, trade-in, financing, leasing, callback, service, general – or any label, shown as given. */
  kind: z.string().min(1),
  message: z.string().min(1).optional(),
  /** Pre-formatted time the lead came in. */
  receivedAt: z.string().min(1),
  /** Pre-formatted, e.g. "2 Stunden und 15 Minuten" (see formatWaitingTime): calendar time since the lead came in. */
  waitingFor: z.string().min(1),
  /** The same wait counted in the location's business hours (what the callback promise is measured in). */
  waitingForBusiness: z.string().min(1).optional(),
  /** Where the lead came from, e.g. "Website-Formular", "mobile.de". */
  source: z.string().min(1).optional(),
});

export const staffBaseVariables = {
  /** The staff member receiving the email. */
  recipientName: z.string().min(1),
  customer: staffCustomerSchema,
  /** E.g. "VW ID.4 Pro, Vorführwagen". */
  vehicleOfInterest: z.string().min(1).optional(),
  /** The customer's most recent touchpoints, newest first (at most 5). */
  touchpoints: z.array(touchpointSchema).max(5).default([]),
  /** Signed link: "I called – record the outcome". */
  callResultUrl: httpUrl,
  /** Signed link: "Take over this lead". */
  claimUrl: httpUrl.optional(),
};

type StaffBase = {
  customer: z.output<typeof staffCustomerSchema>;
  touchpoints: z.output<typeof touchpointSchema>[];
  lead?: z.output<typeof leadSchema>;
};

/** Localized labels and a dialable phone link for the staff templates. */
export function deriveStaff(v: StaffBase, language: Language) {
  return {
    customerPhoneDial: v.customer.phone?.replace(/[^\d+]/g, '') ?? '',
    touchpoints: v.touchpoints.map((t) => ({ ...t, channelLabel: labelFor(CHANNEL_LABELS, t.channel, language) })),
    ...(v.lead ? { lead: { ...v.lead, kindLabel: labelFor(LEAD_KIND_LABELS, v.lead.kind, language) } } : {}),
  };
}

const L = {
  de: {
    customer: 'Kunde',
    email: 'E-Mail',
    phone: 'Telefon',
    vehicle: 'Fahrzeug',
    kind: 'Anfrage',
    received: 'Eingegangen',
    waiting: 'Wartet seit',
    businessTime: 'Geschäftszeit',
    calendarTime: 'seit Eingang',
    source: 'Quelle',
    message: 'Nachricht des Kunden',
    history: 'Letzte Kontakte',
    noHistory: 'Noch keine Kontakte erfasst.',
    called: 'Ich habe angerufen – Ergebnis eintragen',
    claim: 'Lead übernehmen',
  },
  en: {
    customer: 'Customer',
    email: 'Email',
    phone: 'Phone',
    vehicle: 'Vehicle',
    kind: 'Enquiry',
    received: 'Received',
    waiting: 'Waiting for',
    businessTime: 'business hours',
    calendarTime: 'since it came in',
    source: 'Source',
    message: "Customer's message",
    history: 'Recent touchpoints',
    noHistory: 'No touchpoints recorded yet.',
    called: 'I called – record the outcome',
    claim: 'Take over this lead',
  },
} as const;

const cell = 'padding:4px 12px 4px 0;vertical-align:top;';
const labelCell = `${cell}color:#616e7c;white-space:nowrap;`;

function row(label: string, value: string): string {
  return `<tr><td style="${labelCell}width:110px;">${label}</td><td style="${cell}">${value}</td></tr>`;
}

/** Customer and lead facts as a two-column table (MJML). */
export function staffFactsMjml(language: Language): string {
  const l = L[language];
  return `<mj-table padding="8px 28px" font-size="14px" line-height="1.45">
${row(l.customer, '<strong>{{customer.fullName}}</strong>')}
{{#customer.phone}}${row(l.phone, '<a href="tel:{{customerPhoneDial}}">{{customer.phone}}</a>')}{{/customer.phone}}
{{#customer.email}}${row(l.email, '<a href="mailto:{{customer.email}}">{{customer.email}}</a>')}{{/customer.email}}
{{#vehicleOfInterest}}${row(l.vehicle, '{{vehicleOfInterest}}')}{{/vehicleOfInterest}}
{{#lead}}${row(l.kind, '{{lead.kindLabel}}')}${row(l.received, '{{lead.receivedAt}}')}${row(l.waiting, `{{#lead.waitingForBusiness}}<strong style="color:#b42318;">{{lead.waitingForBusiness}}</strong> ${l.businessTime} ({{lead.waitingFor}} ${l.calendarTime}){{/lead.waitingForBusiness}}{{^lead.waitingForBusiness}}<strong style="color:#b42318;">{{lead.waitingFor}}</strong>{{/lead.waitingForBusiness}}`)}{{#lead.source}}${row(l.source, '{{lead.source}}')}{{/lead.source}}{{/lead}}
</mj-table>
${whenSet('lead.message', `<mj-text font-size="14px" padding="8px 28px"><p style="margin:0 0 4px;color:#616e7c;">${l.message}</p><div style="border-left:3px solid #d0d5dd;padding:4px 12px;white-space:pre-line;">{{lead.message}}</div></mj-text>`)}`;
}

/** The last touchpoints as a list (MJML). */
export function staffHistoryMjml(language: Language): string {
  const l = L[language];
  return `<mj-text font-size="14px" padding="12px 28px 4px"><strong>${l.history}</strong></mj-text>
<mj-table padding="0 28px 8px" font-size="13px" line-height="1.4">
{{#touchpoints}}<tr><td style="${labelCell}">{{date}}</td><td style="${labelCell}">{{channelLabel}}</td><td style="${cell}">{{summary}}</td></tr>{{/touchpoints}}
{{^touchpoints}}<tr><td style="${labelCell}">${l.noHistory}</td></tr>{{/touchpoints}}
</mj-table>`;
}

/** The two signed-link buttons (MJML). */
export function staffButtonsMjml(language: Language): string {
  const l = L[language];
  return `${button(l.called, 'callResultUrl')}
${whenSet('claimUrl', button(l.claim, 'claimUrl').replace('<mj-button ', '<mj-button background-color="#ffffff" color="#1a4d8f" border="2px solid #1a4d8f" '))}`;
}

/** The same facts, history and links as plain text. */
export function staffDetailsText(language: Language): string {
  const l = L[language];
  return `${l.customer}: {{customer.fullName}}{{#customer.phone}}
${l.phone}: {{customer.phone}}{{/customer.phone}}{{#customer.email}}
${l.email}: {{customer.email}}{{/customer.email}}{{#vehicleOfInterest}}
${l.vehicle}: {{vehicleOfInterest}}{{/vehicleOfInterest}}{{#lead}}
${l.kind}: {{lead.kindLabel}}
${l.received}: {{lead.receivedAt}}
${l.waiting}: {{#lead.waitingForBusiness}}{{lead.waitingForBusiness}} ${l.businessTime} ({{lead.waitingFor}} ${l.calendarTime}){{/lead.waitingForBusiness}}{{^lead.waitingForBusiness}}{{lead.waitingFor}}{{/lead.waitingForBusiness}}{{#lead.source}}
${l.source}: {{lead.source}}{{/lead.source}}{{/lead}}{{#lead.message}}

${l.message}:
{{lead.message}}{{/lead.message}}

${l.history}:
{{#touchpoints}}- {{date}} · {{channelLabel}}: {{summary}}
{{/touchpoints}}{{^touchpoints}}${l.noHistory}
{{/touchpoints}}
${l.called}: {{callResultUrl}}{{#claimUrl}}
${l.claim}: {{claimUrl}}{{/claimUrl}}`;
}

const sampleTouchpoints = {
  de: [
    { date: '05.03.2027, 17:45 Uhr', channel: 'web', summary: 'Probefahrt-Anfrage über das Website-Formular' },
    { date: '12.01.2027, 10:20 Uhr', channel: 'workshop', summary: 'Inspektion am Skoda Octavia, ohne Befund' },
    { date: '03.11.2026, 09:05 Uhr', channel: 'email', summary: 'Newsletter Winterreifen geöffnet' },
  ],
  en: [
    { date: '05/03/2027, 17:45', channel: 'web', summary: 'Test-drive request via the website form' },
    { date: '12/01/2027, 10:20', channel: 'workshop', summary: 'Service on the Skoda Octavia, no issues found' },
    { date: '03/11/2026, 09:05', channel: 'email', summary: 'Opened the winter tyres newsletter' },
  ],
};

export function sampleStaffVariables(language: Language) {
  return {
    recipientName: 'Jonas Weber',
    customer: { fullName: 'Stefan Schneider', email: 'stefan.schneider@example.de', phone: '+49 171 2345678' },
    vehicleOfInterest: language === 'de' ? 'VW ID.4 Pro, Vorführwagen' : 'VW ID.4 Pro, demonstrator',
    touchpoints: sampleTouchpoints[language],
    callResultUrl: 'https://stammkunde.autohaus-berger.example/l/call-result?sig=sample',
    claimUrl: 'https://stammkunde.autohaus-berger.example/l/claim?sig=sample',
  };
}

export function sampleLead(language: Language) {
  return language === 'de'
    ? {
        kind: 'test-drive',
        message: 'Hallo, ich würde den ID.4 gern am Samstagvormittag probefahren.\nGeht das kurzfristig?',
        receivedAt: '05.03.2027, 17:45 Uhr',
        waitingFor: '2 Stunden und 15 Minuten',
        source: 'Website-Formular',
      }
    : {
        kind: 'test-drive',
        message: 'Hello, I would like to test-drive the ID.4 on Saturday morning.\nIs that possible at short notice?',
        receivedAt: '05/03/2027, 17:45',
        waitingFor: '2 hours, 15 minutes',
        source: 'Website form',
      };
}
