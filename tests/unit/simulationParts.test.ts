import { DateTime } from 'luxon';
import { seededChance } from '../../simulation/chance';
import { parseSimulationOptions } from '../../simulation/options';
import { diffRuns } from '../../simulation/report/diff';
import { assertSandboxTargets } from '../../simulation/sandboxGuard';
import { firstInstant, scheduleOccurrences, simulatedWeeks } from '../../simulation/timeline';

const ZONE = 'Europe/Berlin';

describe('the simulated calendar', () => {
  it('stops every Sunday at 03:17 local time, across the change to summer time', () => {
    const begin = firstInstant('2027-03-18', ZONE, 0);
    const weeks = simulatedWeeks(begin, 1);
    expect(weeks[0].to.toISO()).toBe('2027-03-21T03:17:00.000+01:00');
    expect(weeks[1].to.toISO()).toBe('2027-03-28T03:17:00.000+02:00');
    expect(weeks.map((w) => w.label).slice(0, 3)).toEqual(['2027-W11', '2027-W12', '2027-W13']);
  });

  it('never starts before the server clock', () => {
    const notBefore = DateTime.fromISO('2027-01-05T10:00', { zone: ZONE }).toMillis();
    expect(firstInstant('2027-01-05', ZONE, notBefore).toISO()).toBe('2027-01-06T03:17:00.000+01:00');
  });

  it('fires the autumn tyre newsletter on the first Tuesday of October, as the Temporal schedule would', () => {
    const schedule = { months: [10], weekday: 'TUESDAY' as const, weekOfMonth: 1, at: '10:00', timeZone: ZONE };
    const found = scheduleOccurrences(
      schedule,
      DateTime.fromISO('2027-01-01', { zone: ZONE }),
      DateTime.fromISO('2029-01-01', { zone: ZONE }),
    );
    expect(found.map((d) => d.toISO())).toEqual(['2027-10-05T10:00:00.000+02:00', '2028-10-03T10:00:00.000+02:00']);
  });
});

describe('the behaviour model’s chance', () => {
  it('gives the same draw for the same keys, whatever the order of asking', () => {
    const a = seededChance('s');
    const b = seededChance('s');
    const first = [a.draw('x', 1), a.draw('y', 2)];
    expect([b.draw('y', 2), b.draw('x', 1)]).toEqual([first[1], first[0]]);
    expect(seededChance('t').draw('x', 1)).not.toBe(first[0]);
  });
});

describe('the campaign diff', () => {
  it('pairs each customer’s n-th message of a template and names what moved', () => {
    const diff = diffRuns(
      [
        ['c1', 'service-reminder-followup', '2027-02-01'],
        ['c2', 'hu-reminder', '2027-03-01'],
        ['c3', 'hu-reminder', '2027-03-01'],
      ],
      [
        ['c1', 'service-reminder-followup', '2027-01-18'],
        ['c2', 'hu-reminder', '2027-03-01'],
        ['c4', 'reactivation-1', '2027-04-01'],
      ],
      ['service-reminders'],
    );
    expect(diff.summary).toEqual({ earlier: 1, later: 0, no_longer: 1, new: 1 });
    expect(diff.affectedCustomers).toEqual(['c1', 'c3', 'c4']);
  });
});

describe('the sandbox guard', () => {
  const safe = {
    database: { kind: 'postgres' as const, url: 'postgresql://postgres@127.0.0.1:5433/stammkunde_sim_ab12' },
    temporalIsTimeSkipping: true,
    smtpUrl: 'smtp://127.0.0.1:2526',
  };

  it('lets the simulation run on its own sandbox', () => {
    expect(() => assertSandboxTargets(safe)).not.toThrow();
  });

  it.each([
    [
      'a database on another host',
      { database: { kind: 'postgres' as const, url: 'postgresql://app@db.autohaus.example/stammkunde_sim_x' } },
      /database is on db.autohaus.example/,
    ],
    [
      'the production database by name',
      { database: { kind: 'postgres' as const, url: 'postgresql://postgres@127.0.0.1:5432/stammkunde' } },
      /not a sandbox database/,
    ],
    ['DATABASE_URL itself', { productionDatabaseUrl: 'postgresql://x@127.0.0.1:5433/stammkunde_sim_ab12' }, /is the production database/],
    ['a real Temporal cluster', { temporalIsTimeSkipping: false }, /temporal is not the time-skipping test server/],
    ['a real SMTP relay', { smtpUrl: 'smtps://relay.example:465' }, /smtp relay relay.example/],
  ])('refuses %s', (_name, change, message) => {
    expect(() => assertSandboxTargets({ ...safe, ...change })).toThrow(message);
  });
});

describe('simulation options', () => {
  it('names every bad field', () => {
    expect(() =>
      parseSimulationOptions({
        population: { source: 'generated', customers: 0 },
        start: '02.12.2026',
        months: 0,
        behaviour: { callbackLate: 2 },
      }),
    ).toThrow(
      /population.customers: must be at least 1.*start: must be a calendar date.*months: must be at least 1.*behaviour.callbackLate: must be between 0 and 1/,
    );
  });
});
