import fs from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { writeReport, simulate, type SimulationReport } from '../../simulation/simulate';
import { atLocalTime } from '../../time/instant';
import { nextSendingInstant } from '../../time/sendingWindow';
import { weekLabel } from '../../simulation/timeline';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { addCustomer, addVehicle, seedDealership, type Dealership } from '../support/dealership';
import { launchChromium } from '../support/headlessBrowser';
import { prebuiltWorkflowBundle } from '../support/workflowBundle';

/**
 * Marketing asks "what will our campaigns do to our customers over the next two years?" before
 * anything is sent. The simulation runs the dealer's real (pseudonymised) customers through the real
 * workflows in a sandbox of its own, with time skipping, and reports week by week.
 */
jest.setTimeout(20 * 60_000);

const ZONE = 'Europe/Berlin';
const ARTIFACTS = path.resolve(__dirname, '../../test-artifacts');
const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);
/** Pinned: the time-skipping server starts at the machine's clock and sleeps forward to this day, whenever CI runs. */
const START = '2030-01-08';
const quiet = {
  serviceBookingPerWeek: 0,
  huDonePerWeek: 0,
  reactivationReplyPerWeek: 0,
  repurchaseReplyPerWeek: 0,
  unsubscribePerMessage: 0,
  callbackLate: 0,
};

describe('a two-year simulation of the dealer’s own customers', () => {
  let source: TestDatabase;
  let dealership: Dealership;
  let bundle: WorkflowBundleWithSourceMap;
  let report: SimulationReport;
  const sandboxTasks = { staff: 0, callback: 0 };
  const today = DateTime.fromISO(START, { zone: ZONE });
  const start = START;
  // Turns three in month 8: its first HU (36 months after first registration) falls due then.
  const turnsThree = today.plus({ months: 8 }).startOf('month').minus({ months: 36 }).plus({ days: 14 });
  const ids: Record<'hu' | 'objector' | 'service', string> = { hu: '', objector: '', service: '' };
  const objectionOn = DateTime.fromISO(start, { zone: ZONE }).plus({ months: 4, days: 10 }).toISODate()!;

  beforeAll(async () => {
    bundle = await prebuiltWorkflowBundle();
    source = await createTestDatabase();
    dealership = await seedDealership(source.prisma);
    const hu = await addCustomer(source.prisma, dealership, { firstName: 'Hannah', lastName: 'Ulm', email: 'hannah.ulm@example.de' });
    await addVehicle(source.prisma, dealership, hu.id, {
      firstRegistrationAt: day(turnsThree.toISODate()!),
      deliveredAt: day(turnsThree.toISODate()!),
      lastServiceAt: day(today.minus({ months: 2 }).toISODate()!),
    });
    const objector = await addCustomer(source.prisma, dealership, {
      firstName: 'Otto',
      lastName: 'Widerspruch',
      email: 'otto.w@example.de',
    });
    // Serviced 10 months ago: reminded in month 2 (before the objection), and again a year later (after it).
    await addVehicle(source.prisma, dealership, objector.id, {
      firstRegistrationAt: day(today.minus({ years: 6 }).toISODate()!),
      deliveredAt: day(today.minus({ years: 6 }).toISODate()!),
      lastServiceAt: day(today.minus({ months: 10 }).toISODate()!),
      lastHuAt: day(today.minus({ months: 6 }).toISODate()!),
    });
    for (let n = 0; n < 4; n++) {
      const c = await addCustomer(source.prisma, dealership, {
        firstName: `Kundin${n}`,
        lastName: 'Service',
        email: `service${n}@example.de`,
      });
      await addVehicle(source.prisma, dealership, c.id, {
        firstRegistrationAt: day(today.minus({ years: 2 + n }).toISODate()!),
        deliveredAt: day(today.minus({ years: 2 + n }).toISODate()!),
        lastServiceAt: day(today.minus({ months: 9 + n }).toISODate()!),
        lastHuAt: day(today.minus({ months: 3 }).toISODate()!),
      });
      if (n === 0) ids.service = c.id;
    }
    ids.hu = hu.id;
    ids.objector = objector.id;

    ({ report } = await simulate(
      {
        population: { source: 'snapshot', databaseUrl: source.url, dealerId: dealership.dealer.id },
        start,
        months: 24,
        seed: 'test',
        behaviour: quiet,
        scriptedEvents: [{ customerId: objector.id, on: objectionOn, type: 'objection' }],
      },
      {
        workflowBundle: bundle,
        inspect: async (_run, sandbox) => {
          sandboxTasks.staff = await sandbox.db.prisma.staffTask.count();
          sandboxTasks.callback = await sandbox.db.prisma.callbackTask.count();
        },
      },
    ));
  });

  afterAll(async () => {
    await source?.drop();
  });

  const sentTo = (customerId: string) => report.figures.sentMessages.filter(([id]) => id === customerId);

  it('reminds the owner of a car that turns three of its first HU in the right week', () => {
    const dueMonth = turnsThree.plus({ months: 36 }).startOf('month');
    const planned = dueMonth.minus({ weeks: 6 }).toISODate()!;
    const expected = DateTime.fromISO(
      nextSendingInstant(atLocalTime(planned, '09:00', ZONE), undefined, { timeZone: ZONE, federalState: 'BY' }),
      { zone: ZONE },
    );
    const reminders = sentTo(ids.hu).filter(([, template]) => template === 'hu-reminder');
    expect(reminders).toHaveLength(1);
    expect(weekLabel(DateTime.fromISO(reminders[0][2], { zone: ZONE }))).toBe(weekLabel(expected));
  });

  it('sends no marketing to a customer after the objection in month 5, and proves it from the outbox', () => {
    const mails = sentTo(ids.objector);
    expect(mails.filter(([, , date]) => date < objectionOn).length).toBeGreaterThan(0);
    expect(mails.filter(([, , date]) => date >= objectionOn)).toEqual([]);
    expect(report.figures.compliance).toMatchObject({ withoutLegalBasis: 0, afterObjection: 0, toSuppressedAddress: 0, violations: [] });
    expect(report.figures.compliance.marketingSent).toBeGreaterThan(0);
  });

  it('forecasts staff tasks per week that add up to the tasks in the sandbox', () => {
    const total = (kind: 'task' | 'callback') =>
      report.figures.workload.filter((w) => w.kind === kind).reduce((n, w) => n + w.perWeek.reduce((a, b) => a + b, 0), 0);
    expect(total('task')).toBe(sandboxTasks.staff);
    expect(total('callback')).toBe(sandboxTasks.callback);
    // Nobody books in this model, so every service cycle ends with a service advisor's call.
    expect(report.figures.workload.some((w) => w.role === 'service_advisor' && w.perWeek.some((n) => n > 0))).toBe(true);
  });

  it('reports the campaigns customers entered and the messages they got per week', () => {
    const service = report.figures.campaigns.find((c) => c.campaignId === 'service-reminders')!;
    expect(service.entered).toBeGreaterThanOrEqual(6);
    expect(Object.keys(report.figures.messagesPerWeek)).toEqual(expect.arrayContaining(['service-reminders', 'hu-reminders']));
    expect(report.figures.weeks.length).toBeGreaterThanOrEqual(104);
    expect(report.meta.behaviour).toMatchObject(quiet);
  });

  it('never puts a real name or address into the sandbox', () => {
    const text = JSON.stringify(report);
    for (const secret of ['Hannah', 'Widerspruch', 'hannah.ulm@example.de', 'otto.w@example.de']) expect(text).not.toContain(secret);
  });

  it('writes a self-contained HTML report whose charts render in a browser', async () => {
    const files = writeReport(report, path.join(ARTIFACTS, 'simulation'));
    const html = fs.readFileSync(files.html, 'utf8');
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3\.org)/);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
      await page.goto(`file://${files.html}`);
      expect(await page.locator('section svg').count()).toBeGreaterThanOrEqual(6);
      expect(await page.locator('section svg rect, section svg path').count()).toBeGreaterThan(50);
      await expect(page.locator('h1').textContent()).resolves.toContain('Simulation');
      await page.screenshot({ path: path.join(ARTIFACTS, 'simulation', 'report.png'), fullPage: true });
    } finally {
      await browser.close();
    }
  });
});

describe('a changed campaign reviewed like a code diff', () => {
  it('names exactly the customers whose service follow-up a two-week shorter wait moves', async () => {
    const { report } = await simulate(
      {
        population: { source: 'generated', customers: 12 },
        start: START,
        months: 6,
        seed: 'diff',
        behaviour: quiet,
        changedCampaigns: { kind: 'directory', path: path.resolve(__dirname, '../fixtures/campaigns-service-wait-shortened') },
      },
      { workflowBundle: await prebuiltWorkflowBundle() },
    );
    const diff = report.diff!;
    expect(diff.changedCampaigns).toEqual(['service-reminders']);
    const followUps = (sent: Array<[string, string, string]>) =>
      new Set(sent.filter(([, t]) => t === 'service-reminder-followup').map(([id]) => id));
    const expected = [...new Set([...followUps(report.figures.sentMessages), ...followUps(report.changedFigures!.sentMessages)])].sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(diff.affectedCustomers).toEqual(expected);
    const moved = diff.changes.filter((c) => c.templateId === 'service-reminder-followup');
    expect(moved.length).toBeGreaterThan(0);
    for (const change of moved) expect(['earlier', 'new']).toContain(change.change);
  });
});

describe('the same population, seed and definitions give the same report', () => {
  it('twice in a row, customers reacting with the default behaviour: every message, reaction, task and figure alike', async () => {
    const run = async () =>
      (
        await simulate(
          { population: { source: 'generated', customers: 40 }, start: START, months: 9, seed: 'repeatable' },
          { workflowBundle: await prebuiltWorkflowBundle() },
        )
      ).report;
    const first = await run();
    const second = await run();
    // The draws matter here: customers book, reply and object, so a draw keyed by a drifting instant would show.
    expect(Object.values(first.figures.reactions).reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    expect(first.figures.sentMessages.length).toBeGreaterThan(40);
    // History sizes are the engine's own cost, measured, not simulated: on a busy machine a workflow task that
    // times out and is retried adds events without changing what any customer gets.
    const simulated = ({ figures: { history, ...figures }, ...report }: SimulationReport) => ({ ...report, figures });
    expect(simulated(second)).toEqual(simulated(first));
  });
});
