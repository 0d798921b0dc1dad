import { DateTime } from 'luxon';
import { atLocalTime } from '../../time/instant';
import { DEFAULT_SENDING_HOURS, isInsideSendingWindow, nextSendingInstant, parseSendingWindow } from '../../time/sendingWindow';

const berlin = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Berlin' }).toFormat('ccc yyyy-MM-dd HH:mm');
const at = (date: string, time: string) => atLocalTime(date, time, 'Europe/Berlin');
const munich = { federalState: 'BY' } as const;

describe('marketing email waits for the sending window (default Mon–Sat 09:00–19:00, no public holidays)', () => {
  it('the defaults are Monday to Saturday 09:00–19:00 and holidays are skipped', () => {
    const window = parseSendingWindow(undefined);
    expect(window.hours).toEqual(DEFAULT_SENDING_HOURS);
    expect(window.hours.sat).toEqual([{ from: '09:00', to: '19:00' }]);
    expect(window.hours.sun).toEqual([]);
    expect(window.skipPublicHolidays).toBe(true);
  });

  it('a service reminder planned for Tuesday 10:30 goes out right then', () => {
    const planned = at('2026-06-16', '10:30');
    expect(nextSendingInstant(planned, {}, munich)).toBe(planned);
    expect(isInsideSendingWindow(planned, {}, munich)).toBe(true);
  });

  it('a reminder due at 06:00 is held until 09:00 the same day', () => {
    expect(berlin(nextSendingInstant(at('2026-06-16', '06:00'), {}, munich))).toBe('Tue 2026-06-16 09:00');
  });

  it('a campaign started Saturday 19:00 (window just closed) waits for Monday 09:00, not Sunday', () => {
    expect(isInsideSendingWindow(at('2026-06-13', '19:00'), {}, munich)).toBe(false);
    expect(berlin(nextSendingInstant(at('2026-06-13', '19:00'), undefined, munich))).toBe('Mon 2026-06-15 09:00');
    expect(berlin(nextSendingInstant(at('2026-06-14', '12:00'), undefined, munich))).toBe('Mon 2026-06-15 09:00');
  });

  it('nothing goes out on Ascension Day (Thursday 14 May 2026): held until Friday 09:00', () => {
    expect(berlin(nextSendingInstant(at('2026-05-14', '10:00'), {}, munich))).toBe('Fri 2026-05-15 09:00');
  });

  it('Reformation Day 2025 holds mail in Saxony but not in Bavaria', () => {
    const planned = at('2025-10-31', '10:00');
    expect(berlin(nextSendingInstant(planned, {}, { federalState: 'SN' }))).toBe('Sat 2025-11-01 09:00');
    expect(nextSendingInstant(planned, {}, { federalState: 'BY' })).toBe(planned);
  });

  it('a dealer may choose to send on public holidays', () => {
    const planned = at('2026-05-14', '10:00');
    expect(nextSendingInstant(planned, { skipPublicHolidays: false }, munich)).toBe(planned);
  });

  it('a dealer may narrow the window, e.g. weekday evenings only', () => {
    const evenings = { hours: { mon: [{ from: '17:00', to: '20:00' }], wed: [{ from: '17:00', to: '20:00' }] } };
    expect(berlin(nextSendingInstant(at('2026-06-16', '10:00'), evenings, munich))).toBe('Wed 2026-06-17 17:00');
  });
});

describe('the sending window across the summer time changes', () => {
  it('Saturday 20:00 before spring-forward waits for Monday 09:00 summer time (07:00 UTC)', () => {
    const due = nextSendingInstant(at('2026-03-28', '20:00'), {}, munich);
    expect(berlin(due)).toBe('Mon 2026-03-30 09:00');
    expect(due).toBe('2026-03-30T07:00:00.000Z');
  });

  it('Saturday 20:00 before the October change waits for Monday 09:00 winter time (08:00 UTC)', () => {
    const due = nextSendingInstant(at('2026-10-24', '20:00'), {}, munich);
    expect(berlin(due)).toBe('Mon 2026-10-26 09:00');
    expect(due).toBe('2026-10-26T08:00:00.000Z');
  });
});

describe('bad sending-window settings are named', () => {
  it('names the weekday and the problem', () => {
    expect(() => parseSendingWindow({ hours: { sat: [{ from: '19:00', to: '09:00' }] } })).toThrow(
      /Invalid sending window: hours\.sat\.0: Saturday: 19:00–09:00 must start before it ends/,
    );
    expect(() => parseSendingWindow({ skipPublicHolidays: 'yes' })).toThrow(/skipPublicHolidays/);
  });

  it('names a bad federal state or time zone of the dealer', () => {
    expect(() => nextSendingInstant(at('2026-06-16', '10:00'), {}, { federalState: 'Bavaria' as never })).toThrow(
      /dealer locale: federalState: must be a German federal state code/,
    );
    expect(() => nextSendingInstant(at('2026-06-16', '10:00'), {}, { federalState: 'BY', timeZone: 'CET+1' })).toThrow(/timeZone/);
  });
});
