import fs from 'node:fs';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { registerTimelineRoutes } from '../../timeline/routes';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { addCustomer, addVehicle, seedDealership, type Dealership } from '../support/dealership';
import { launchChromium } from '../support/headlessBrowser';

const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts');
const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

describe('the customer timeline in a browser', () => {
  let db: TestDatabase;
  let dealership: Dealership;
  let app: FastifyInstance;
  let baseUrl: string;
  let browser: Browser;
  let customerId: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    dealership = await seedDealership(db.prisma);
    const { prisma } = db;
    const anna = await addCustomer(prisma, dealership, {
      firstName: 'Anna',
      lastName: 'Müller <script>alert(1)</script>',
      externalDmsId: '10001',
      emailConsentBasis: 'double_opt_in',
      consentGivenAt: new Date('2024-03-01T10:00:00Z'),
      consentConfirmedAt: new Date('2024-03-01T10:05:00Z'),
      consentSource: 'Website-Formular',
    });
    customerId = anna.id;
    const golf = await addVehicle(prisma, dealership, anna.id, {
      make: 'Volkswagen',
      model: 'Golf Variant',
      licensePlate: 'M-AM 2024',
      deliveredAt: day('2024-03-15'),
      lastServiceAt: day('2025-03-20'),
      lastServiceMileage: 15321,
      lastHuAt: day('2024-03-15'),
      financingKind: 'lease',
      financingEndAt: day('2027-03-14'),
    });
    const dealerId = dealership.dealer.id;
    await prisma.touchpoint.createMany({
      data: [
        {
          dealerId,
          customerId: anna.id,
          vehicleId: golf.id,
          staffId: dealership.staff.salesperson.id,
          channel: 'visit',
          direction: 'inbound',
          department: 'sales',
          kind: 'vehicle.delivered',
          summary: 'Fahrzeugübergabe Golf Variant',
          occurredAt: new Date('2024-03-15T14:00:00Z'),
        },
        {
          dealerId,
          customerId: anna.id,
          vehicleId: golf.id,
          staffId: dealership.staff.serviceAdvisor.id,
          channel: 'visit',
          direction: 'inbound',
          department: 'service',
          kind: 'service.visit',
          summary: 'Inspektion mit Ölwechsel',
          occurredAt: new Date('2025-03-20T08:30:00Z'),
        },
      ],
    });
    await prisma.message.create({
      data: {
        idempotencyKey: 'timeline-test-1',
        dealerId,
        customerId: anna.id,
        templateId: 'checkin-3-days',
        recipientEmail: anna.email!,
        category: 'marketing',
        status: 'sent',
        subject: 'Wie gefällt Ihnen Ihr neuer Golf?',
        campaignId: 'post-purchase-check-ins',
        queuedAt: new Date('2024-03-18T09:00:00Z'),
        sentAt: new Date('2024-03-18T09:00:05Z'),
      },
    });
    await prisma.message.create({
      data: {
        idempotencyKey: 'timeline-test-2',
        dealerId,
        customerId: anna.id,
        templateId: 'hu-reminder',
        recipientEmail: anna.email!,
        category: 'marketing',
        status: 'skipped',
        skipReason: 'frequency_cap',
        queuedAt: new Date('2025-02-01T09:00:00Z'),
      },
    });
    await prisma.staffTask.create({
      data: {
        dealerId,
        customerId: anna.id,
        vehicleId: golf.id,
        role: 'salesperson',
        assigneeId: dealership.staff.salesperson.id,
        kind: 'call_about_lease_end',
        title: 'Frau Müller wegen Leasingende anrufen',
        dueAt: new Date('2030-09-14T08:00:00Z'),
      },
    });
    const lead = await prisma.lead.create({
      data: {
        dealerId,
        customerId: anna.id,
        assignedToId: dealership.staff.salesperson.id,
        source: 'website',
        kind: 'test_drive',
        vehicleOfInterest: 'ID.4 Pro, grau',
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

    app = Fastify();
    await registerTimelineRoutes(app, { prisma });
    baseUrl = await app.listen({ host: '127.0.0.1', port: 0 });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.drop();
  });

  it("shows Frau Müller's vehicles, consent, what happened and what is planned", async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
    const response = await page.goto(`${baseUrl}/timeline/customers/${customerId}`);
    expect(response?.status()).toBe(200);

    await expect(page.title()).resolves.toContain('Kundenhistorie: Frau Anna Müller <script>');
    const profile = await page.locator('#profil').innerText();
    expect(profile).toContain('Einwilligung (Double-Opt-in) bestätigt am 01.03.2024');
    expect(profile).toContain('Sabine Kraus');
    const vehicles = await page.locator('#fahrzeuge').innerText();
    expect(vehicles).toContain('Volkswagen Golf Variant');
    expect(vehicles).toContain('15.321 km');
    expect(vehicles).toContain('Leasing bis 14.03.2027');

    const history = await page.locator('#verlauf').innerText();
    expect(history).toContain('Fahrzeugübergabe Golf Variant');
    expect(history).toContain('Inspektion mit Ölwechsel');
    expect(history).toContain('Wie gefällt Ihnen Ihr neuer Golf?');
    expect(history).toContain('gesendet');
    expect(history).toContain('nicht gesendet: Kontaktfrequenz erreicht');
    expect(history.indexOf('Inspektion mit Ölwechsel')).toBeLessThan(history.indexOf('Fahrzeugübergabe'));

    const planned = await page.locator('#geplant').innerText();
    expect(planned).toContain('Frau Müller wegen Leasingende anrufen');
    expect(planned).toContain('14.09.2030');
    expect(planned).toContain('Rückruf zur Anfrage (Website-Formular)');

    // The customer's name is shown as text, never run as markup.
    expect(await page.locator('script').count()).toBe(0);

    fs.mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: path.join(ARTIFACTS, 'timeline.png'), fullPage: true });
    await page.close();
  });

  it('lists open leads with due callback and escalation level', async () => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 600 } });
    await page.goto(`${baseUrl}/timeline/leads?dealer=${dealership.dealer.id}`);
    const table = await page.locator('table').innerText();
    expect(table).toContain('Probefahrt');
    expect(table).toContain('ID.4 Pro, grau');
    expect(table).toContain('Tobias Lang');
    expect(table).toContain('06.06.2025, 18:45 Uhr');
    expect(table).toContain('überfällig');
    expect(table).toContain('Teamleitung'); // level 2 = the second step of the ladder: the team lead
    await page.locator('a', { hasText: 'Frau Anna Müller' }).click();
    await expect(page.locator('h1').innerText()).resolves.toContain('Kundenhistorie');
    await page.screenshot({ path: path.join(ARTIFACTS, 'open-leads.png') });
    await page.close();
  });

  it('answers an unknown customer with 404 and a malformed id with 400', async () => {
    expect((await fetch(`${baseUrl}/timeline/customers/0190a3c4-0000-7000-8000-000000000000`)).status).toBe(404);
    expect((await fetch(`${baseUrl}/timeline/customers/not-an-id`)).status).toBe(400);
  });
});
