import { eventually } from '../support/eventually';
import { DateTime } from 'luxon';
import { newsletterRunResult } from '../../newsletters/runs';
import {
  deleteNewsletterSchedule,
  describeNewsletterSchedule,
  listNewsletterSchedules,
  pauseNewsletterSchedule,
  syncNewsletterSchedules,
  triggerNewsletterSchedule,
  unpauseNewsletterSchedule,
} from '../../newsletters/schedules';
import { newsletterScheduleId } from '../../workflows/newsletterRun/contract';
import { copiesByAddress, evNewsletter, openNewsletterWorld, type NewsletterWorld } from '../support/newsletterWorld';

/**
 * The autumn tyre-change newsletter goes out on the first Tuesday of October at 10:00 Munich time.
 * On the Temporal dev server (the time-skipping test server has no schedules): the calendar is
 * checked through the schedule's next action times, and firing through the schedule's trigger.
 */
describe('a scheduled newsletter', () => {
  let world: NewsletterWorld;
  beforeAll(async () => {
    world = await openNewsletterWorld();
  });
  afterAll(async () => {
    await world?.close();
  });

  const autumn = evNewsletter({
    id: 'tyre-change-autumn',
    name: 'Räderwechsel im Herbst',
    schedule: { months: [10], weekday: 'TUESDAY', weekOfMonth: 1, at: '10:00', timeZone: 'Europe/Berlin' },
  });

  it('is due on the first Tuesday of October at 10:00 local time, every year', async () => {
    const { created } = await syncNewsletterSchedules(world.env.client, [autumn, evNewsletter()], { taskQueue: world.engine.taskQueue });
    expect(created).toEqual([newsletterScheduleId('tyre-change-autumn')]); // the unscheduled one gets none
    const { nextRuns } = await describeNewsletterSchedule(world.env.client, 'tyre-change-autumn');
    const local = nextRuns.slice(0, 2).map((d) => DateTime.fromJSDate(d, { zone: 'Europe/Berlin' }));
    for (const run of local) {
      expect(run.toFormat('MM ccc HH:mm:ss')).toBe('10 Tue 10:00:00');
      expect(run.day).toBeLessThanOrEqual(7);
      expect(run.offset).toBe(120); // still summer time (CEST) in early October
    }
    expect(local[1].year).toBe(local[0].year + 1);
  });

  it('syncing again updates in place and keeps a schedule the dealer paused paused', async () => {
    await pauseNewsletterSchedule(world.env.client, 'tyre-change-autumn', 'Werkstatt ausgebucht');
    const moved = { ...autumn, schedule: { ...autumn.schedule!, at: '11:30' } };
    const result = await syncNewsletterSchedules(world.env.client, [moved], { taskQueue: world.engine.taskQueue });
    expect(result).toEqual({ created: [], updated: [newsletterScheduleId('tyre-change-autumn')] });
    const described = await describeNewsletterSchedule(world.env.client, 'tyre-change-autumn');
    expect(described.paused).toBe(true);
    expect(DateTime.fromJSDate(described.nextRuns[0], { zone: 'Europe/Berlin' }).toFormat('HH:mm')).toBe('11:30');
    await unpauseNewsletterSchedule(world.env.client, 'tyre-change-autumn');
    await syncNewsletterSchedules(world.env.client, [autumn], { taskQueue: world.engine.taskQueue });
    expect((await describeNewsletterSchedule(world.env.client, 'tyre-change-autumn')).paused).toBe(false);
  });

  it('when it fires, every eligible customer gets the newsletter once', async () => {
    const customers = await world.addElectricCustomers(12, 'schedule');
    await world.addElectricCustomers(1, 'no-basis', { emailConsentBasis: 'none', existingCustomerSince: null });
    await triggerNewsletterSchedule(world.env.client, 'tyre-change-autumn');
    const handle = world.env.client.schedule.getHandle(newsletterScheduleId('tyre-change-autumn'));
    const workflowId = await eventually(
      'the schedule started a run',
      async () => (await handle.describe()).info.recentActions[0]?.action.workflow.workflowId,
    );
    expect(workflowId).toMatch(/^newsletter-tyre-change-autumn-/);
    const summary = await newsletterRunResult(world.env.client, workflowId);
    expect(summary).toMatchObject({ status: 'completed', total: 13, sent: 12, skipped: { no_legal_basis: 1 } });
    const copies = copiesByAddress(world.smtp.messages());
    expect([...copies.keys()].sort()).toEqual(customers.map((c) => c.email).sort());
    expect([...copies.values()].every((n) => n === 1)).toBe(true);
  });

  it('is listed, and deleted from the CLI helpers', async () => {
    const listed = await waitForList(world, (ids) => ids.includes('tyre-change-autumn'));
    expect(listed).toContain('tyre-change-autumn');
    await deleteNewsletterSchedule(world.env.client, 'tyre-change-autumn');
    expect(await waitForList(world, (ids) => !ids.includes('tyre-change-autumn'))).not.toContain('tyre-change-autumn');
  });
});

/** The schedule list comes from visibility, which lags a moment behind. */
function waitForList(world: NewsletterWorld, done: (ids: string[]) => boolean): Promise<string[]> {
  return eventually('the schedule list as expected', async () => {
    const ids = (await listNewsletterSchedules(world.env.client)).map((s) => s.newsletterId);
    return done(ids) && ids;
  });
}
