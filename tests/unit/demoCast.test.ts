import { DateTime } from 'luxon';
import { demoCast } from '../../demo/demoCast';
import { overdueSince } from '../../demo/demoLead';
import { demoUuid } from '../../demo/enrollDemo';
import { sendingWindowFromSettings } from '../../engine/sendingWindow';
import { businessMinutesBetween } from '../../time/businessTime';
import { huDueMonth } from '../../vehicles/dueDates';

const sunday = DateTime.fromISO('2026-11-22T00:00', { zone: 'Europe/Berlin' });
const weekday = [{ from: '08:00', to: '18:30' }];
const calendar = {
  timeZone: 'Europe/Berlin',
  federalState: 'BY' as const,
  openingHours: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday, sat: [{ from: '09:00', to: '13:00' }], sun: [] },
};

describe('the demo dealership Autohaus Sonnenschein', () => {
  const cast = demoCast(sunday);

  it('has about fifty customers, each with their own email address and vehicle', () => {
    expect(cast.length).toBeGreaterThanOrEqual(45);
    expect(new Set(cast.map((c) => c.email)).size).toBe(cast.length);
    expect(new Set(cast.map((c) => c.vehicle.vin)).size).toBe(cast.length);
    expect(new Set(cast.map((c) => c.externalDmsId)).size).toBe(cast.length);
  });

  it('mixes the legal bases: mostly existing customers, some double opt-in, a few without basis and one objection', () => {
    const count = (consent: string) => cast.filter((c) => c.consent === consent).length;
    expect(count('existing_customer')).toBeGreaterThan(cast.length / 2);
    expect(count('double_opt_in')).toBeGreaterThan(0);
    expect(count('none')).toBeGreaterThan(0);
    expect(count('objected')).toBe(1);
    expect(cast.some((c) => c.language === 'en')).toBe(true);
  });

  it('has cars whose main inspection month begins within six weeks, so the HU reminder is due now', () => {
    for (const c of cast.filter((x) => x.story === 'hu_due')) {
      const due = huDueMonth({ firstRegistration: c.vehicle.firstRegistration, lastHuDate: c.vehicle.lastHuDate });
      const monthStart = DateTime.fromObject({ year: due.year, month: due.month, day: 1 }, { zone: 'Europe/Berlin' });
      expect(monthStart.minus({ weeks: 6 }) <= sunday).toBe(true);
      expect(monthStart > sunday).toBe(true);
    }
  });

  it('is the same cast every time for the same day, with stable ids', () => {
    expect(demoCast(sunday)).toEqual(cast);
    expect(demoUuid('lead/test-drive')).toBe(demoUuid('lead/test-drive'));
    expect(demoUuid('lead/test-drive')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe('the demo lead that nobody called back', () => {
  it('on a Sunday night was received long enough ago (in business time) that its SLA and first escalation have passed', () => {
    const now = new Date('2026-11-22T22:30:00+01:00');
    const receivedAt = overdueSince(now, calendar);
    expect(businessMinutesBetween(receivedAt, now.toISOString(), calendar)).toBeGreaterThanOrEqual(200);
    expect(Date.parse(receivedAt)).toBeGreaterThan(now.getTime() - 3 * 86_400_000);
  });

  it('at whatever minute of the week the demo starts, has passed the team lead step (180) and not the manager step (240)', () => {
    const monday = DateTime.fromISO('2026-11-23T00:00', { zone: 'Europe/Berlin' });
    for (let minute = 7; minute < 7 * 24 * 60; minute += 53) {
      const now = monday.plus({ minutes: minute }).toJSDate();
      const overdue = businessMinutesBetween(overdueSince(now, calendar), now.toISOString(), calendar);
      expect({ at: now.toISOString(), overdue: overdue >= 200 && overdue <= 211 }).toEqual({ at: now.toISOString(), overdue: true });
    }
  });
});

describe('the sending window of the embedded engine', () => {
  it('is around the clock when SENDING_WINDOW is unset and `start` asks for that', () => {
    const chosen = sendingWindowFromSettings({ SENDING_WINDOW: undefined }, 'always');
    expect(chosen).toMatchObject({ mode: 'always', configured: false });
    expect(chosen.window?.hours?.sun).toEqual([{ from: '00:00', to: '23:59' }]);
  });

  it('is the default window when configured so', () => {
    expect(sendingWindowFromSettings({ SENDING_WINDOW: 'default' }, 'always')).toEqual({
      mode: 'default',
      window: undefined,
      configured: true,
    });
  });
});
