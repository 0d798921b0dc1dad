import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { newsletterById, startNewsletterRun } from '../../newsletters';
import { DEMO_LEAD_ID } from '../../demo/demoLead';
import { DEMO_NEWSLETTER_WORKFLOW_ID } from '../../demo/demoCockpit';
import { demoUser, eventually, openCockpitWorld, type CockpitWorld } from '../support/cockpitWorld';

/** Screenshots for the README: `UPDATE_SCREENSHOTS=1` writes them to docs/screenshots, otherwise to test-artifacts. */
const SHOTS = path.resolve(__dirname, process.env.UPDATE_SCREENSHOTS ? '../../docs/screenshots' : '../../test-artifacts/cockpit');
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

describe("the dealer's cockpit in a browser, on the demo dealership", () => {
  let world: CockpitWorld;
  let principal: { context: BrowserContext; page: Page };
  let otherLocationLeadId: string;

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    world = await openCockpitWorld();
    const { prisma } = world.db;
    // The overdue test-drive lead has escalated to the team lead, and the demo newsletter run waits paused.
    await eventually(
      () => prisma.callbackTask.findFirst({ where: { leadId: DEMO_LEAD_ID, escalationLevel: { gte: 2 } } }),
      'the demo lead to escalate to level 2',
    );
    await eventually(
      () => prisma.newsletterRun.findFirst({ where: { workflowId: DEMO_NEWSLETTER_WORKFLOW_ID, status: 'paused' } }),
      'the demo newsletter run to wait paused',
    );
    // The demo's HU reminder has gone out (on a busy machine it can be among the last of the demo's mails).
    await eventually(
      () => prisma.message.findFirst({ where: { dealerId: world.demo.dealerId, campaignId: 'hu-reminders', status: 'sent' } }),
      "the demo's HU reminder to be sent",
    );
    // A second location, Kolbermoor, with a lead of its own (the demo's team lead runs Rosenheim only).
    const kolbermoor = await prisma.location.create({
      data: {
        dealerId: world.demo.dealerId,
        name: 'Kolbermoor',
        federalState: 'BY',
        openingHours: {
          mon: [{ from: '09:00', to: '18:00' }],
          tue: [{ from: '09:00', to: '18:00' }],
          wed: [{ from: '09:00', to: '18:00' }],
          thu: [{ from: '09:00', to: '18:00' }],
          fri: [{ from: '09:00', to: '18:00' }],
        },
      },
    });
    const lead = await prisma.lead.create({
      data: {
        dealerId: world.demo.dealerId,
        locationId: kolbermoor.id,
        source: 'phone',
        kind: 'offer',
        vehicleOfInterest: 'Kolbermoor <b>Angebot</b>',
      },
    });
    otherLocationLeadId = lead.id;
    principal = await world.loginAs('principal');
  });

  afterAll(async () => {
    await world?.close();
  });

  it('refuses a wrong password and a login form without its CSRF token', async () => {
    const context = await world.browser.newContext({ baseURL: world.baseUrl });
    const page = await context.newPage();
    await page.goto('/cockpit/leads');
    expect(page.url()).toContain('/cockpit/login?next=%2Fcockpit%2Fleads');
    await page.fill('#email', demoUser('principal').email);
    await page.fill('#password', 'falsch-falsch');
    await page.click('button[type=submit]');
    await expect(page.locator('#login-error').innerText()).resolves.toContain('E-Mail oder Passwort falsch');

    await page.fill('#email', demoUser('principal').email);
    await page.fill('#password', 'sonnenschein-demo');
    await page.locator('input[name=_csrf]').evaluate((input: { remove(): void }) => input.remove());
    const refused = page.waitForResponse((r) => r.url().endsWith('/cockpit/login') && r.request().method() === 'POST');
    await page.click('button[type=submit]');
    expect((await refused).status()).toBe(403);
    await expect(page.locator('#csrf-refused').innerText()).resolves.toContain('CSRF');
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === 'stammkunde_session')).toBeUndefined();
    await context.close();
  });

  it('shows the overview: open and overdue leads, SLA per location, escalations, mail per campaign, complaints, workload', async () => {
    const { page, context } = principal;
    await page.goto('/cockpit');
    const cookie = (await context.cookies()).find((c) => c.name === 'stammkunde_session')!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Lax');
    await expect(page.locator('header h1').innerText()).resolves.toBe('Übersicht');
    const today = await page.locator('#leads-today').innerText();
    expect(today).toContain('Herr Kevin Hartl');
    expect(today).toContain('überfällig');
    const sla = await page.locator('#sla').innerText();
    expect(sla).toContain('Rosenheim');
    expect(sla).toMatch(/im SLA kontaktiert/);
    expect(await page.locator('#sla svg').count()).toBe(1);
    await expect(page.locator('#escalations').innerText()).resolves.toMatch(/Stufe 2/);
    await expect(page.locator('#messages').innerText()).resolves.toMatch(/reactivation|hu-reminders|service-reminders|post-purchase/);
    await expect(page.locator('#complaints').innerText()).resolves.toContain('Werbewiderspruch');
    expect(await page.locator('#workload svg').count()).toBe(1);
    await shot(page, 'cockpit-overview');

    await page.goto('/cockpit?lang=en');
    await expect(page.locator('header h1').innerText()).resolves.toBe('Overview');
    await page.goto('/cockpit/leads');
    await expect(page.locator('header h1').innerText()).resolves.toBe('Leads'); // the language sticks (cookie)
    await page.goto('/cockpit?lang=de');
  });

  it('filters leads, opens the overdue one with its SLA clock and escalation ladder, and re-assigns it', async () => {
    const { page } = principal;
    await page.goto('/cockpit/leads');
    await page.check('input[name=overdue]');
    await page.click('form.filters button[type=submit]');
    expect(page.url()).toContain('overdue=1');
    const list = await page.locator('#lead-list').innerText();
    expect(list).toContain('Herr Kevin Hartl');
    expect(list).not.toContain('Inzahlungnahme'); // the re-routed trade-in is not overdue

    await page.click('#lead-list a:has-text("Kevin Hartl")');
    await expect(page.locator('#sla-clock').innerText()).resolves.toContain('überfällig seit (Geschäftszeit)');
    const ladder = await page.locator('#ladder').innerText();
    expect(ladder).toContain('Eskalationsstufe 1');
    expect(ladder).toContain('Eskalationsstufe 2');
    expect(ladder).toContain('Thomas Brandl'); // the team lead was mailed
    expect(ladder).toContain('Andrea Eder'); // absent, skipped
    expect(ladder).toContain('Urlaub');
    await expect(page.locator('#staff-mails').innerText()).resolves.toMatch(/gesendet/);
    await shot(page, 'cockpit-lead');

    // The escalation already handed it on; the principal gives it to the other present salesperson.
    const current = await world.db.prisma.lead.findUniqueOrThrow({ where: { id: DEMO_LEAD_ID }, include: { assignedTo: true } });
    const colleague = await world.db.prisma.staff.findFirstOrThrow({
      where: {
        dealerId: world.demo.dealerId,
        role: 'salesperson',
        firstName: { not: 'Andrea' },
        id: { not: current.assignedToId ?? undefined },
      },
    });
    const name = `${colleague.firstName} ${colleague.lastName}`;
    await page.selectOption('#staffId', colleague.id);
    await page.click('#reassign-form button[type=submit]');
    await expect(page.locator('#flash').innerText()).resolves.toContain(name);
    await eventually(
      () => world.db.prisma.touchpoint.findFirst({ where: { leadId: DEMO_LEAD_ID, kind: 'lead.taken_over', staffId: colleague.id } }),
      `the lead to be taken over by ${name}`,
    );
    await page.reload();
    await expect(page.locator('#assignee').innerText()).resolves.toBe(name);
    await expect(page.locator('#ladder').innerText()).resolves.toContain(`${name} hat den Lead übernommen`);
  });

  it('clicks through from a lead to its customer and on to a campaign with its journey diagram and results', async () => {
    const { page } = principal;
    const lead = await world.db.prisma.lead.findFirstOrThrow({
      where: { dealerId: world.demo.dealerId, status: 'contacted', customer: { campaignEnrollments: { some: {} } } },
      include: { customer: { include: { campaignEnrollments: true } } },
    });
    await page.goto('/cockpit/leads?status=contacted');
    await page.click(`#lead-list a[href="/cockpit/leads/${lead.id}"]`);
    await page.click('#customer-link');
    await expect(page.locator('header h1').innerText()).resolves.toContain(lead.customer!.lastName);
    const campaignId = lead.customer!.campaignEnrollments[0]!.campaignId;
    await page.click(`#enrollments a[href="/cockpit/campaigns/${campaignId}"]`);
    expect(page.url()).toContain(`/cockpit/campaigns/${campaignId}`);
    expect(await page.locator('#journey svg').count()).toBe(1);
    await expect(page.locator('#versions').innerText()).resolves.toMatch(/v1: \d+/);
    await expect(page.locator('#results').innerText()).resolves.toContain('Kontrollgruppe vs. Empfänger');

    await page.goBack();
    await page.click('#timeline-link');
    await expect(page.locator('h1').innerText()).resolves.toContain('Kundenhistorie');
  });

  it('lists every campaign and shows per step who waits, who passed and who left by goal', async () => {
    const { page } = principal;
    await page.goto('/cockpit/campaigns');
    const list = await page.locator('#campaign-list').innerText();
    for (const name of [
      'Check-ins after delivery',
      'Service reminders per vehicle',
      'HU/AU reminders per vehicle',
      'Reactivation of silent customers',
    ])
      expect(list).toContain(name);
    await page.click('#campaign-list a:has-text("HU/AU reminders")');
    const steps = await page.locator('#step-counts').innerText();
    expect(steps).toContain('HU reminder');
    const enrolled = await world.db.prisma.campaignEnrollment.count({
      where: { dealerId: world.demo.dealerId, campaignId: 'hu-reminders' },
    });
    const rows = await page
      .locator('#step-counts tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    const first = rows.find((r) => r[0]!.startsWith('0 ·'))!;
    expect(Number(first[1]) + Number(first[2]) + Number(first[3])).toBe(enrolled); // everyone is at the first step or past it
    await expect(page.locator('#sent').innerText()).resolves.toMatch(/^[1-9]\d*$/);
    await expect(page.locator('#results').innerText()).resolves.toMatch(/Uplift/);
    await shot(page, 'cockpit-campaign');
  });

  it('pauses a running newsletter run and shows its live counts', async () => {
    const { context, page } = await world.loginAs('marketing');
    await page.goto('/cockpit/newsletters');
    const demoRun = page.locator('tr', { hasText: 'Räderwechsel im Herbst' });
    await expect(demoRun.locator('.run-status').innerText()).resolves.toBe('pausiert');
    await expect(demoRun.locator('button[data-action=resume]').count()).resolves.toBe(1);

    // A slow run (one message a second, batches of ten), so it is still going out when marketing pauses it.
    const slow = { ...newsletterById('tyre-change-spring'), dealerId: world.demo.dealerId, ratePerSecond: 1 };
    const { workflowId } = await startNewsletterRun({ client: world.env.client, taskQueue: world.engine.taskQueue }, slow, {
      label: 'cockpit-test',
    });
    const run = await eventually(
      () => world.db.prisma.newsletterRun.findFirst({ where: { workflowId, status: 'running' } }),
      'the spring run to start',
    );
    await page.reload();
    const row = page.locator(`tr[data-run="${run.id}"]`);
    await expect(row.locator('.run-status').innerText()).resolves.toBe('läuft');
    await row.locator('button[data-action=pause]').click();
    await expect(page.locator('#flash').innerText()).resolves.toContain('Pausieren');
    await eventually(() => world.db.prisma.newsletterRun.findFirst({ where: { id: run.id, status: 'paused' } }), 'the run to pause');
    await page.reload();
    await expect(row.locator('.run-status').innerText()).resolves.toBe('pausiert');
    const pending = await world.db.prisma.newsletterRecipient.count({ where: { runId: run.id, status: 'pending' } });
    expect(pending).toBeGreaterThan(0);
    const cells = await row.locator('td.num').allInnerTexts();
    expect(Number(cells[0])).toBe(pending);
    await row.locator('button[data-action=cancel]').click();
    await eventually(
      () => world.db.prisma.newsletterRun.findFirst({ where: { id: run.id, status: 'cancelled' } }),
      'the run to be cancelled',
    );
    await context.close();
  });

  it('finds customers by name, email, plate and customer number, and shows every name as text', async () => {
    const { page } = principal;
    const prisma = world.db.prisma;
    const vehicle = await prisma.vehicle.findFirstOrThrow({
      where: { dealerId: world.demo.dealerId, licensePlate: { not: null }, owner: { erasedAt: null } },
      include: { owner: true },
    });
    const owner = vehicle.owner!;
    await prisma.customer.create({
      data: { dealerId: world.demo.dealerId, lastName: 'Mayr <script>alert(1)</script>', firstName: 'Xaver', externalDmsId: 'K-99001' },
    });
    for (const query of [owner.lastName, owner.email!, vehicle.licensePlate!.replace(/[\s-]/g, ''), owner.externalDmsId!]) {
      await page.goto(`/cockpit/customers?q=${encodeURIComponent(query)}`);
      await expect(page.locator('#customer-hits').innerText()).resolves.toContain(owner.lastName);
    }
    await page.goto('/cockpit/customers?q=K-99001');
    await expect(page.locator('#customer-hits').innerText()).resolves.toContain('Mayr <script>alert(1)</script>');
    expect(await page.locator('script').count()).toBe(0);
  });

  it('shows the team who is absent and whose leads were re-routed', async () => {
    const { page } = principal;
    await eventually(
      () => world.db.prisma.touchpoint.findFirst({ where: { kind: 'lead.assigned', lead: { kind: 'trade_in', status: 'new' } } }),
      'the trade-in lead to be assigned',
    );
    await page.goto('/cockpit/staff');
    await expect(page.locator('#absences').innerText()).resolves.toMatch(/Andrea Eder[\s\S]*heute abwesend/);
    const rerouted = await page.locator('#rerouted').innerText();
    expect(rerouted).toContain('Andrea Eder');
    expect(rerouted).toContain('Urlaub');
  });

  it("keeps a team lead to their own location's leads (403) and refuses a form without its CSRF token", async () => {
    const { context, page } = await world.loginAs('team_lead');
    const denied = await page.goto(`/cockpit/leads/${otherLocationLeadId}`);
    expect(denied?.status()).toBe(403);
    await expect(page.locator('#error-message').innerText()).resolves.toContain('Standort');
    await page.goto('/cockpit/leads');
    await expect(page.locator('body').innerText()).resolves.not.toContain('Kolbermoor');
    const own = await page.goto(`/cockpit/leads/${DEMO_LEAD_ID}`);
    expect(own?.status()).toBe(200);

    // The re-assign form with its CSRF token removed is refused, and nothing changes.
    const before = await world.db.prisma.lead.findUniqueOrThrow({ where: { id: DEMO_LEAD_ID } });
    await page.locator('#reassign-form input[name=_csrf]').evaluate((input: { remove(): void }) => input.remove());
    const answer = page.waitForResponse((r) => r.url().endsWith('/assign'));
    await page.click('#reassign-form button[type=submit]');
    expect((await answer).status()).toBe(403);
    await expect(page.locator('#error-message').innerText()).resolves.toContain('CSRF');
    expect((await world.db.prisma.lead.findUniqueOrThrow({ where: { id: DEMO_LEAD_ID } })).assignedToId).toBe(before.assignedToId);

    // Marketing may not open leads at all; a service advisor may not control newsletters.
    const cookie = (await context.cookies()).find((c) => c.name === 'stammkunde_session')!;
    const post = await fetch(`${world.baseUrl}/cockpit/leads/${DEMO_LEAD_ID}/assign`, {
      method: 'POST',
      headers: { cookie: `stammkunde_session=${cookie.value}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'staffId=' + before.assignedToId,
      redirect: 'manual',
    });
    expect(post.status).toBe(403);
    await context.close();
    const marketing = await world.loginAs('marketing');
    expect((await marketing.page.goto('/cockpit/leads'))?.status()).toBe(403);
    await marketing.context.close();
  });

  it('serves every page in well under 300 ms with the demo data (measured, written to test-artifacts)', async () => {
    const cookie = (await principal.context.cookies()).find((c) => c.name === 'stammkunde_session')!;
    const customer = await world.db.prisma.customer.findFirstOrThrow({
      where: { dealerId: world.demo.dealerId, campaignEnrollments: { some: {} } },
    });
    const pages = [
      '/cockpit',
      '/cockpit/leads',
      `/cockpit/leads/${DEMO_LEAD_ID}`,
      '/cockpit/campaigns',
      '/cockpit/campaigns/service-reminders',
      '/cockpit/newsletters',
      `/cockpit/customers?q=${encodeURIComponent(customer.lastName)}`,
      `/cockpit/customers/${customer.id}`,
      '/cockpit/staff',
    ];
    const timings: Record<string, number> = {};
    for (const url of pages) {
      const samples: number[] = [];
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        const response = await fetch(`${world.baseUrl}${url}`, { headers: { cookie: `stammkunde_session=${cookie.value}` } });
        await response.text();
        expect(response.status).toBe(200);
        samples.push(performance.now() - started);
      }
      timings[url.replace(/[0-9a-f-]{36}/, ':id')] = Math.round(samples.sort((a, b) => a - b)[2]!);
    }
    fs.mkdirSync(path.resolve(__dirname, '../../test-artifacts'), { recursive: true });
    fs.writeFileSync(path.resolve(__dirname, '../../test-artifacts/cockpit-page-times.json'), JSON.stringify(timings, null, 2));
    process.stdout.write(`cockpit page times (median of 5, ms): ${JSON.stringify(timings)}\n`);
  });
});
