import Fastify, { type FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { TIMELINE_LABELS } from '../../timeline/labels';
import { registerTimelineRoutes } from '../../timeline/routes';
import type { UpcomingTouchpoint } from '../../timeline/types';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { addCustomer, addVehicle, seedDealership, type Dealership } from '../support/dealership';
import { launchChromium } from '../support/headlessBrowser';

/**
 * The service advisor reads Herr Becker's timeline in German, the British sales manager reads Mr
 * Clarke's in English: each page speaks one language from top to bottom (labels, planned steps,
 * tags, suppression reasons, lead sources, campaign names) and writes dates as people do, never
 * as ISO dates inside the text.
 */
const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

/** Every fixed word of one language's labels that the other language does not share. */
function wordsOnlyIn(language: 'de' | 'en'): string[] {
  const strings = (value: unknown): string[] =>
    typeof value === 'string'
      ? [value]
      : Array.isArray(value)
        ? value.flatMap(strings)
        : value && typeof value === 'object'
          ? Object.values(value).flatMap(strings)
          : [];
  const other = new Set(strings(TIMELINE_LABELS[language === 'de' ? 'en' : 'de']));
  const skip = new Set(['dateTime', 'date', 'locale']);
  const mine = Object.entries(TIMELINE_LABELS[language])
    .filter(([k]) => !skip.has(k))
    .flatMap(([, v]) => strings(v));
  return [...new Set(mine)].filter((w) => !other.has(w) && w.length >= 4);
}

const escape = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const foreignWordsIn = (text: string, words: string[]) =>
  words.filter((w) => new RegExp(`(^|[^\\p{L}])${escape(w)}($|[^\\p{L}])`, 'u').test(text));
const ISO_DATE = /\b\d{4}-\d{2}-\d{2}\b/;

describe('dealer pages in German and in English', () => {
  let db: TestDatabase;
  let dealership: Dealership;
  let app: FastifyInstance;
  let baseUrl: string;
  let browser: Browser;
  const customers: Record<'de' | 'en', string> = { de: '', en: '' };

  beforeAll(async () => {
    db = await createTestDatabase();
    dealership = await seedDealership(db.prisma);
    const { prisma } = db;
    const dealerId = dealership.dealer.id;
    const becker = await addCustomer(prisma, dealership, {
      salutation: 'mr',
      firstName: 'Jonas',
      lastName: 'Becker',
      language: 'de',
      tags: ['hu_due', 'lease_ending'],
    });
    const clarke = await addCustomer(prisma, dealership, {
      salutation: 'mr',
      firstName: 'Oliver',
      lastName: 'Clarke',
      language: 'en',
      tags: ['service_due', 'just_delivered'],
    });
    customers.de = becker.id;
    customers.en = clarke.id;
    for (const c of [becker, clarke]) {
      const car = await addVehicle(prisma, dealership, c.id, {
        make: 'Skoda',
        model: 'Octavia Combi',
        deliveredAt: day('2024-01-06'),
        lastHuAt: day('2024-01-06'),
        financingKind: 'lease',
        financingEndAt: day('2027-01-05'),
      });
      await prisma.touchpoint.create({
        data: {
          dealerId,
          customerId: c.id,
          vehicleId: car.id,
          channel: 'visit',
          direction: 'inbound',
          department: 'sales',
          kind: 'vehicle.delivered',
          summary: 'Octavia Combi, 2024-01-06',
          occurredAt: new Date('2024-01-06T10:00:00Z'),
        },
      });
      await prisma.message.create({
        data: {
          idempotencyKey: `lang-${c.id}-1`,
          dealerId,
          customerId: c.id,
          templateId: 'service-reminder',
          recipientEmail: c.email!,
          category: 'marketing',
          status: 'skipped',
          skipReason: 'frequency_cap',
          campaignId: 'service-reminders',
          queuedAt: new Date('2025-02-01T09:00:00Z'),
        },
      });
      await prisma.suppression.create({ data: { email: c.email!.toLowerCase(), reason: 'bounce' } });
      const lead = await prisma.lead.create({
        data: {
          dealerId,
          customerId: c.id,
          assignedToId: dealership.staff.salesperson.id,
          source: 'website',
          kind: 'test_drive',
          receivedAt: new Date('2025-06-06T15:45:00Z'),
        },
      });
      await prisma.callbackTask.create({
        data: {
          leadId: lead.id,
          assigneeId: dealership.staff.teamLead.id,
          dueAt: new Date('2025-06-06T16:45:00Z'),
          escalationLevel: 2,
          attempts: 1,
        },
      });
    }
    // What the customers' lifecycles report as planned (the enrollments' next steps, by campaign and step path).
    const upcomingFor = async (): Promise<UpcomingTouchpoint[]> => [
      { at: '2030-01-10T08:00:00Z', summary: 'service reminder', campaignId: 'service-reminders', stepPath: '1.else.0', stepKind: 'send' },
      {
        at: '2030-02-14T08:00:00Z',
        summary: 'service advisor calls',
        campaignId: 'service-reminders',
        stepPath: '5',
        stepKind: 'createTask',
      },
      {
        at: '2031-07-01T08:00:00Z',
        summary: 'reactivation starts if the customer stays silent',
        campaignId: 'reactivation',
        stepPath: 'dormancy',
        stepKind: 'send',
      },
    ];
    app = Fastify();
    await registerTimelineRoutes(app, { prisma, upcomingFor });
    baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.drop();
  });

  async function pageText(url: string): Promise<{ text: string; lang: string | null }> {
    const page = await browser.newPage();
    const response = await page.goto(`${baseUrl}${url}`);
    expect(response?.status()).toBe(200);
    const text = await page.locator('body').innerText();
    const lang = await page.locator('html').getAttribute('lang');
    await page.close();
    return { text, lang };
  }

  it("Herr Becker's timeline is German throughout", async () => {
    const { text, lang } = await pageText(`/timeline/customers/${customers.de}`);
    expect(lang).toBe('de');
    expect(foreignWordsIn(text, wordsOnlyIn('en'))).toEqual([]);
    expect(text).not.toMatch(ISO_DATE);
    expect(text).toContain('HU fällig');
    expect(text).toContain('unzustellbar');
    expect(text).toContain('E-Mail: Inspektionserinnerung');
    expect(text).toContain('Aufgabe: Serviceberater ruft wegen der Inspektion an');
    expect(text).toContain('Kampagne „Inspektionserinnerungen“');
    expect(text).toContain('Rückruf zur Anfrage (Website-Formular)');
    expect(text).toContain('Octavia Combi, 06.01.2024'); // stored text keeps its words, the date is written the page's way
    expect(text).toContain('10.01.2030, 09:00 Uhr');
  });

  it("Mr Clarke's timeline is English throughout", async () => {
    const { text, lang } = await pageText(`/timeline/customers/${customers.en}?lang=en`);
    expect(lang).toBe('en');
    expect(foreignWordsIn(text, wordsOnlyIn('de'))).toEqual([]);
    expect(text).not.toMatch(ISO_DATE);
    expect(text).toContain('Customer history: Mr Oliver Clarke');
    expect(text).toContain('service due');
    expect(text).toContain('undeliverable');
    expect(text).toContain('Email: service reminder');
    expect(text).toContain('Campaign “Service reminders”');
    expect(text).toContain('Callback on the enquiry (website form)');
    expect(text).toContain('lease until 5 Jan 2027');
    expect(text).toContain('Octavia Combi, 6 Jan 2024');
  });

  it('the open-leads page in either language, escalation level 2 being the team lead', async () => {
    const german = await pageText(`/timeline/leads?dealer=${dealership.dealer.id}`);
    expect(foreignWordsIn(german.text, wordsOnlyIn('en'))).toEqual([]);
    expect(german.text).not.toMatch(ISO_DATE);
    expect(german.text).toContain('Teamleitung');
    expect(german.text).not.toContain('Geschäftsleitung');
    expect(german.text).toContain('Website-Formular');

    const english = await pageText(`/timeline/leads?dealer=${dealership.dealer.id}&lang=en`);
    expect(english.lang).toBe('en');
    expect(foreignWordsIn(english.text, wordsOnlyIn('de'))).toEqual([]);
    expect(english.text).not.toMatch(ISO_DATE);
    expect(english.text).toContain('team lead');
    expect(english.text).toContain('Test drive · website form');
    expect(english.text).toContain('Mr Oliver Clarke');
  });
});
