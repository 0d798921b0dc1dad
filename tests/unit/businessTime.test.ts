import { DateTime } from 'luxon';
import {
  addBusinessDuration,
  businessMinutesBetween,
  isOpen,
  nextOpening,
  parseBusinessCalendar,
  type BusinessCalendarInput,
} from '../../time/businessTime';
import { atLocalTime } from '../../time/instant';
import { pinPublicHolidays } from '../../time/pinnedHolidays';
import { isPublicHoliday, publicHolidaysIn, type FederalState } from '../../time/publicHolidays';

/** A Berlin wall time as a dealer reads it: "Tue 2026-03-24 12:00". */
const berlin = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Berlin' }).toFormat('ccc yyyy-MM-dd HH:mm');
/** The instant at a Berlin wall time. */
const at = (date: string, time: string) => atLocalTime(date, time, 'Europe/Berlin');

const weekdays = (from: string, to: string) => Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ from, to }]]));

/** Mon–Fri 09:00–18:00, Saturday closed. */
const saturdayClosed = (federalState: FederalState): BusinessCalendarInput => ({
  federalState,
  openingHours: weekdays('09:00', '18:00'),
});
/** Mon–Fri 09:00–18:00, Saturday 09:00–13:00. */
const saturdayMornings = (federalState: FederalState): BusinessCalendarInput => ({
  federalState,
  openingHours: { ...weekdays('09:00', '18:00'), sat: [{ from: '09:00', to: '13:00' }] },
});
/** The default hours: Mon–Fri 08:00–18:00, Saturday 09:00–13:00, in Europe/Berlin. */
const defaultHoursIn = (federalState: FederalState): BusinessCalendarInput => ({ federalState });

describe('a test-drive lead must be called back within business hours', () => {
  it('a lead on Tuesday at 10:00 with a 2-hour callback promise is due Tuesday 12:00', () => {
    const due = addBusinessDuration(at('2026-03-24', '10:00'), { hours: 2 }, saturdayClosed('NW'));
    expect(berlin(due)).toBe('Tue 2026-03-24 12:00');
    expect(due).toBe('2026-03-24T11:00:00.000Z');
  });

  it('a lead on Friday 17:45 at a location closing at 18:00, Saturday closed, is due Monday 10:45', () => {
    const due = addBusinessDuration(at('2026-06-12', '17:45'), { hours: 2 }, saturdayClosed('NW'));
    expect(berlin(due)).toBe('Mon 2026-06-15 10:45');
  });

  it('the same lead is due Saturday 10:45 where the showroom opens Saturday 09:00–13:00', () => {
    const due = addBusinessDuration(at('2026-06-12', '17:45'), { minutes: 120 }, saturdayMornings('NW'));
    expect(berlin(due)).toBe('Sat 2026-06-13 10:45');
  });

  it('a lead that arrives on Sunday starts counting at Monday opening', () => {
    const due = addBusinessDuration(at('2026-06-14', '11:00'), { minutes: 30 }, defaultHoursIn('NW'));
    expect(berlin(due)).toBe('Mon 2026-06-15 08:30');
  });

  it('a lead at 06:30 before opening starts counting at 08:00', () => {
    expect(berlin(addBusinessDuration(at('2026-06-16', '06:30'), { minutes: 30 }, defaultHoursIn('NW')))).toBe('Tue 2026-06-16 08:30');
  });

  it('a promise that runs out exactly at closing time is due at closing, not next morning', () => {
    expect(berlin(addBusinessDuration(at('2026-06-16', '16:00'), { hours: 2 }, defaultHoursIn('NW')))).toBe('Tue 2026-06-16 18:00');
  });

  it('accepts the lead time as epoch milliseconds and as an ISO string with any offset', () => {
    const millis = DateTime.fromISO('2026-03-24T10:00:00+01:00').toMillis();
    expect(addBusinessDuration(millis, { hours: 2 }, saturdayClosed('NW'))).toBe('2026-03-24T11:00:00.000Z');
    expect(addBusinessDuration('2026-03-24T09:00:00Z', { hours: 2 }, saturdayClosed('NW'))).toBe('2026-03-24T11:00:00.000Z');
  });
});

describe('Easter closes the dealership in Bavaria', () => {
  it('a lead on Thursday 17:45 before Easter 2027 skips Good Friday, the weekend and Easter Monday: due Tuesday 10:45', () => {
    const due = addBusinessDuration(at('2027-03-25', '17:45'), { hours: 2 }, saturdayClosed('BY'));
    expect(berlin(due)).toBe('Tue 2027-03-30 10:45');
    expect(due).toBe('2027-03-30T08:45:00.000Z'); // summer time began on Easter Sunday
  });

  it('with Saturday mornings open, the same lead is due Easter Saturday 10:45 (still winter time)', () => {
    const due = addBusinessDuration(at('2027-03-25', '17:45'), { hours: 2 }, saturdayMornings('BY'));
    expect(berlin(due)).toBe('Sat 2027-03-27 10:45');
    expect(due).toBe('2027-03-27T09:45:00.000Z');
  });

  it('a lead that arrives on Good Friday itself waits for Tuesday', () => {
    const due = addBusinessDuration(at('2027-03-26', '11:00'), { hours: 2 }, saturdayClosed('BY'));
    expect(berlin(due)).toBe('Tue 2027-03-30 11:00');
  });

  it('the showroom is closed on Good Friday and on Easter Monday', () => {
    expect(isOpen(at('2027-03-26', '10:00'), saturdayClosed('BY'))).toBe(false);
    expect(isOpen(at('2027-03-29', '10:00'), saturdayClosed('BY'))).toBe(false);
    expect(berlin(nextOpening(at('2027-03-26', '10:00'), saturdayClosed('BY')))).toBe('Tue 2027-03-30 09:00');
  });
});

describe('holidays that only some federal states keep', () => {
  it('Corpus Christi (Fronleichnam) 2027 closes a Munich dealer but not a Hamburg dealer', () => {
    const lead = at('2027-05-26', '17:00');
    expect(berlin(addBusinessDuration(lead, { hours: 2 }, saturdayClosed('BY')))).toBe('Fri 2027-05-28 10:00');
    expect(berlin(addBusinessDuration(lead, { hours: 2 }, saturdayClosed('HH')))).toBe('Thu 2027-05-27 10:00');
  });

  it('Reformation Day (31 Oct 2025, a Friday) closes dealers in Saxony and Hamburg but not in Bavaria', () => {
    const lead = at('2025-10-30', '17:00');
    expect(berlin(addBusinessDuration(lead, { hours: 2 }, saturdayClosed('SN')))).toBe('Mon 2025-11-03 10:00');
    expect(berlin(addBusinessDuration(lead, { hours: 2 }, saturdayClosed('HH')))).toBe('Mon 2025-11-03 10:00');
    expect(berlin(addBusinessDuration(lead, { hours: 2 }, saturdayClosed('BY')))).toBe('Fri 2025-10-31 10:00');
  });

  it('knows the state-level public holidays, not observances or regional days', () => {
    expect(isPublicHoliday('2027-03-29', 'HB')).toBe(true); // Ostermontag everywhere
    expect(isPublicHoliday('2027-05-27', 'BY')).toBe(true); // Fronleichnam
    expect(isPublicHoliday('2027-05-27', 'HH')).toBe(false);
    expect(isPublicHoliday('2027-11-17', 'SN')).toBe(true); // Buß- und Bettag only in Saxony
    expect(isPublicHoliday('2027-11-17', 'BY')).toBe(false);
    expect(isPublicHoliday('2027-03-08', 'BE')).toBe(true); // Frauentag in Berlin
    expect(isPublicHoliday('2027-08-08', 'BY')).toBe(false); // Augsburger Friedensfest is regional
    expect(isPublicHoliday('2027-12-24', 'BY')).toBe(false); // Heiligabend is not a public holiday
    expect(publicHolidaysIn(2027, 'HH').map((h) => h.name)).toContain('Reformationstag');
  });

  it('rejects an unknown federal state with a clear error', () => {
    expect(() => isPublicHoliday('2027-05-27', 'XX' as FederalState)).toThrow(/federalState: must be a German federal state code .*"XX"/);
    expect(() => addBusinessDuration(at('2027-05-26', '17:00'), { hours: 2 }, { federalState: 'Bayern' as FederalState })).toThrow(
      /business calendar: federalState: must be a German federal state code/,
    );
    expect(() => isPublicHoliday('27.05.2027', 'BY')).toThrow(/localDate: expected a calendar date yyyy-MM-dd/);
  });
});

describe('summer time changes do not shift deadlines', () => {
  it('a lead on the Saturday before spring-forward, 3 business hours: 1 hour on Saturday, 2 on Monday', () => {
    const lead = at('2026-03-28', '12:00');
    expect(lead).toBe('2026-03-28T11:00:00.000Z'); // CET, UTC+1
    const due = addBusinessDuration(lead, { hours: 3 }, defaultHoursIn('NW'));
    expect(berlin(due)).toBe('Mon 2026-03-30 10:00');
    expect(due).toBe('2026-03-30T08:00:00.000Z'); // CEST, UTC+2
    expect(businessMinutesBetween(lead, due, defaultHoursIn('NW'))).toBe(180);
  });

  it('a Saturday lead at a location closed on Saturdays counts from Monday 09:00 summer time', () => {
    const due = addBusinessDuration(at('2026-03-28', '12:00'), { hours: 2 }, saturdayClosed('NW'));
    expect(berlin(due)).toBe('Mon 2026-03-30 11:00');
    expect(due).toBe('2026-03-30T09:00:00.000Z');
  });

  it('one business day from Saturday 10:00 winter time is Monday 10:00 summer time', () => {
    const due = addBusinessDuration(at('2026-03-28', '10:00'), { businessDays: 1 }, defaultHoursIn('NW'));
    expect(berlin(due)).toBe('Mon 2026-03-30 10:00');
    expect(due).toBe('2026-03-30T08:00:00.000Z');
  });

  it('a Friday 17:00 lead over the October change is due Monday 11:00 winter time (10:00 UTC)', () => {
    const lead = at('2026-10-23', '17:00');
    expect(lead).toBe('2026-10-23T15:00:00.000Z');
    const due = addBusinessDuration(lead, { hours: 3 }, saturdayClosed('NW'));
    expect(berlin(due)).toBe('Mon 2026-10-26 11:00');
    expect(due).toBe('2026-10-26T10:00:00.000Z');
  });

  it('a Saturday 12:00 lead over the October change is due Monday 09:00 winter time (08:00 UTC)', () => {
    const due = addBusinessDuration(at('2026-10-24', '12:00'), { hours: 2 }, defaultHoursIn('NW'));
    expect(berlin(due)).toBe('Mon 2026-10-26 09:00');
    expect(due).toBe('2026-10-26T08:00:00.000Z');
  });

  it('a location open through the night counts the real hours: 5 on the spring-forward night, 7 in October', () => {
    const nightShift: BusinessCalendarInput = { federalState: 'NW', openingHours: { sun: [{ from: '00:00', to: '06:00' }] } };
    expect(businessMinutesBetween(at('2026-03-28', '23:00'), at('2026-03-29', '07:00'), nightShift)).toBe(300);
    expect(businessMinutesBetween(at('2026-10-24', '23:00'), at('2026-10-25', '07:00'), nightShift)).toBe(420);
    const due = addBusinessDuration(at('2026-03-29', '00:00'), { hours: 4 }, nightShift);
    expect(berlin(due)).toBe('Sun 2026-03-29 05:00');
    expect(due).toBe('2026-03-29T03:00:00.000Z');
  });

  it('gives the same answers whatever the machine clock says (no clock reads)', () => {
    const compute = () => [
      atLocalTime('2026-10-25', '02:30', 'Europe/Berlin'),
      addBusinessDuration(at('2026-10-23', '17:00'), { hours: 3 }, saturdayClosed('NW')),
      nextOpening(at('2026-03-28', '14:00'), saturdayClosed('NW')),
    ];
    try {
      jest.useFakeTimers({ now: Date.parse('2030-07-01T12:00:00Z') });
      const inSummer = compute();
      jest.setSystemTime(Date.parse('2031-01-15T12:00:00Z'));
      const inWinter = compute();
      expect(inWinter).toEqual(inSummer);
      expect(inSummer[0]).toBe('2026-10-25T00:30:00.000Z'); // the doubled 02:30 means the earlier one, CEST
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('a lunch break does not count', () => {
  const withLunch: BusinessCalendarInput = {
    federalState: 'NW',
    openingHours: Object.fromEntries(
      ['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [
        d,
        [
          { from: '13:00', to: '17:00' },
          { from: '08:00', to: '12:00' },
        ],
      ]),
    ),
  };

  it('a lead at 11:00 with a 2-hour promise is due at 14:00, skipping 12:00–13:00', () => {
    expect(berlin(addBusinessDuration(at('2026-06-16', '11:00'), { hours: 2 }, withLunch))).toBe('Tue 2026-06-16 14:00');
    expect(businessMinutesBetween(at('2026-06-16', '11:00'), at('2026-06-16', '14:00'), withLunch)).toBe(120);
  });

  it('a lead during lunch starts counting at 13:00', () => {
    expect(isOpen(at('2026-06-16', '12:15'), withLunch)).toBe(false);
    expect(berlin(nextOpening(at('2026-06-16', '12:15'), withLunch))).toBe('Tue 2026-06-16 13:00');
    expect(berlin(addBusinessDuration(at('2026-06-16', '12:15'), { minutes: 30 }, withLunch))).toBe('Tue 2026-06-16 13:30');
  });
});

describe('deadlines in whole business days', () => {
  it('a service enquiry on Tuesday 10:00 with "1 business day" is due Wednesday 10:00', () => {
    expect(berlin(addBusinessDuration(at('2026-06-16', '10:00'), { businessDays: 1 }, defaultHoursIn('NW')))).toBe('Wed 2026-06-17 10:00');
  });

  it('Friday 17:00 + 1 business day is Saturday at closing time 13:00, since 17:00 is after Saturday hours', () => {
    expect(berlin(addBusinessDuration(at('2026-06-12', '17:00'), { businessDays: 1 }, defaultHoursIn('NW')))).toBe('Sat 2026-06-13 13:00');
  });

  it('Friday 08:30 + 1 business day is Saturday at opening 09:00, since Saturday opens later', () => {
    expect(berlin(addBusinessDuration(at('2026-06-12', '08:30'), { businessDays: 1 }, defaultHoursIn('NW')))).toBe('Sat 2026-06-13 09:00');
  });

  it('an enquiry on Sunday counts from Monday opening: + 1 business day is Tuesday 08:00', () => {
    expect(berlin(addBusinessDuration(at('2026-06-14', '11:00'), { businessDays: 1 }, defaultHoursIn('NW')))).toBe('Tue 2026-06-16 08:00');
    expect(berlin(addBusinessDuration(at('2026-06-14', '11:00'), { businessDays: 0 }, defaultHoursIn('NW')))).toBe('Mon 2026-06-15 08:00');
  });

  it('Thursday before Easter 10:00 + 1 business day in Bavaria (Saturday closed) is Tuesday 10:00', () => {
    expect(berlin(addBusinessDuration(at('2027-03-25', '10:00'), { businessDays: 1 }, saturdayClosed('BY')))).toBe('Tue 2027-03-30 10:00');
  });
});

describe('opening status and open minutes', () => {
  it('is open from the opening minute and closed from the closing minute', () => {
    expect(isOpen(at('2026-06-16', '08:00'), defaultHoursIn('NW'))).toBe(true);
    expect(isOpen(at('2026-06-16', '17:59'), defaultHoursIn('NW'))).toBe(true);
    expect(isOpen(at('2026-06-16', '18:00'), defaultHoursIn('NW'))).toBe(false);
  });

  it('nextOpening of an open moment is that moment', () => {
    expect(nextOpening(at('2026-06-16', '10:17'), defaultHoursIn('NW'))).toBe(at('2026-06-16', '10:17'));
  });

  it('counts the open minutes of a whole default week: 5 × 10 h + 4 h = 54 h', () => {
    expect(businessMinutesBetween(at('2026-06-15', '00:00'), at('2026-06-22', '00:00'), defaultHoursIn('NW'))).toBe(54 * 60);
    expect(businessMinutesBetween(at('2026-06-22', '00:00'), at('2026-06-15', '00:00'), defaultHoursIn('NW'))).toBe(-54 * 60);
  });
});

describe('bad input gets a clear error', () => {
  const lead = at('2026-06-16', '10:00');
  it('names the problem with the duration', () => {
    expect(() => addBusinessDuration(lead, { hours: -1 }, defaultHoursIn('NW'))).toThrow(/business duration: hours/);
    expect(() => addBusinessDuration(lead, { businessDays: 1.5 }, defaultHoursIn('NW'))).toThrow(/business duration/);
    expect(() => addBusinessDuration(lead, { days: 1 } as never, defaultHoursIn('NW'))).toThrow(/exactly one of/);
  });

  it('refuses a local time without offset, a bad time zone and hours that never open', () => {
    expect(() => addBusinessDuration('2026-06-16T10:00', { hours: 1 }, defaultHoursIn('NW'))).toThrow(
      /start: expected an ISO-8601 instant with offset/,
    );
    expect(() => isOpen(lead, { federalState: 'NW', timeZone: 'Mars/Olympus' })).toThrow(/timeZone: must be an IANA time zone/);
    const neverOpen: BusinessCalendarInput = { federalState: 'NW', openingHours: {} };
    expect(() => nextOpening(lead, neverOpen)).toThrow(/every weekday is closed/);
  });
});

describe('a running lead keeps the holidays it started with', () => {
  const whitMonday2027 = '2027-05-17';
  const started = pinPublicHolidays(parseBusinessCalendar(saturdayClosed('BY')), 2027);

  it('pins the state holidays of the lead year and the next two when the follow-up opens', () => {
    expect(started.pinnedHolidays).toMatchObject({ fromYear: 2027, toYear: 2029 });
    expect(started.pinnedHolidays!.dates).toEqual(expect.arrayContaining([whitMonday2027, '2028-12-25', '2029-01-06']));
    expect(started.pinnedHolidays!.dates).toHaveLength([2027, 2028, 2029].flatMap((y) => publicHolidaysIn(y, 'BY')).length);
  });

  it('computes deadlines from the pinned dates, so a holiday-data release that changes a holiday changes no running timer', () => {
    // The same lead, Friday 17:45 before Whit Monday: with today's data (and pinned from it) due Tuesday 10:45.
    const friday = at('2027-05-14', '17:45');
    expect(berlin(addBusinessDuration(friday, { hours: 2 }, started))).toBe('Tue 2027-05-18 10:45');
    // A later date-holidays release that dropped Whit Monday, or added a holiday, would change the live lookup; the
    // pinned calendar in the workflow's history is what the workflow computes with, on replay too.
    const asPinnedByOlderData = {
      ...started,
      pinnedHolidays: { ...started.pinnedHolidays!, dates: started.pinnedHolidays!.dates.filter((d) => d !== whitMonday2027) },
    };
    expect(berlin(addBusinessDuration(friday, { hours: 2 }, asPinnedByOlderData))).toBe('Mon 2027-05-17 10:45');
    const withAnExtraHoliday = {
      ...started,
      pinnedHolidays: { ...started.pinnedHolidays!, dates: [...started.pinnedHolidays!.dates, '2027-05-18'] },
    };
    expect(berlin(addBusinessDuration(friday, { hours: 2 }, withAnExtraHoliday))).toBe('Wed 2027-05-19 10:45');
  });

  it('uses the holiday data for years outside the pinned ones, and for calendars recorded before pinning existed', () => {
    const beyond = at('2030-06-06', '17:45'); // a Thursday in 2030, after the pinned years
    expect(addBusinessDuration(beyond, { hours: 2 }, started)).toBe(addBusinessDuration(beyond, { hours: 2 }, saturdayClosed('BY')));
    const { pinnedHolidays: _unused, ...recordedBefore } = started;
    expect(addBusinessDuration(at('2027-05-14', '17:45'), { hours: 2 }, recordedBefore)).toBe(
      addBusinessDuration(at('2027-05-14', '17:45'), { hours: 2 }, started),
    );
  });
});
