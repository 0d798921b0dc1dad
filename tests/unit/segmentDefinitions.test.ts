import { defineNewsletter } from '../../newsletters/definition';
import { newsletterCatalogue } from '../../newsletters/catalogue';
import { scheduleSpecFor } from '../../newsletters/scheduleSpec';
import { createPacer } from '../../activities/newsletters/pacer';
import { parseSegment } from '../../segments/segmentSchema';

const content = { de: { subject: 'Hallo', preheader: 'Kurz', headline: 'Neu', paragraphs: ['Text'] } };

describe('a dealer defines segments in code', () => {
  it('accepts EV owners in Munich who speak German and were not in touch for two years', () => {
    const segment = parseSegment({
      vehicle: { fuelTypes: ['electric'], makes: ['Volkswagen'] },
      locations: ['München-Laim'],
      languages: ['de'],
      lastInteraction: { before: { daysAgo: 730 } },
      tags: { any: ['flotte'], none: ['vip'] },
    });
    expect(segment.vehicle?.fuelTypes).toEqual(['electric']);
  });

  it('names the field when a fuel type is misspelt', () => {
    expect(() => parseSegment({ vehicle: { fuelTypes: ['electrik'] } })).toThrow(/segment\.vehicle\.fuelTypes\.0/);
  });

  it('refuses an unknown filter instead of ignoring it', () => {
    expect(() => parseSegment({ colour: 'red' })).toThrow(/segment: .*colour/i);
  });

  it('refuses an empty list, which would silently match nobody', () => {
    expect(() => parseSegment({ tags: { any: [] } })).toThrow(/segment\.tags\.any: must list at least one value/);
  });

  it('refuses an age range nobody can be in', () => {
    expect(() => parseSegment({ vehicle: { olderThanYears: 10, youngerThanYears: 5 } })).toThrow(
      /olderThanYears must be less than youngerThanYears/,
    );
  });

  it('refuses a lastInteraction without before or after', () => {
    expect(() => parseSegment({ lastInteraction: {} })).toThrow(/lastInteraction: give before, after or both/);
  });
});

describe('a dealer defines newsletters in code', () => {
  it('the shipped catalogue is valid and has the seasonal tyre-change schedules', () => {
    expect(newsletterCatalogue.map((n) => n.id)).toEqual(expect.arrayContaining(['tyre-change-autumn', 'tyre-change-spring', 'ev-owners']));
  });

  it('defaults to the generic template, consent as legal basis, and skipping capped recipients', () => {
    const newsletter = defineNewsletter({ id: 'summer', name: 'Sommer', segment: {}, content });
    expect(newsletter).toMatchObject({ templateId: 'newsletter-generic', legalBasis: 'consent', onFrequencyCap: 'skip' });
  });

  it('names the newsletter and field for a bad schedule time', () => {
    expect(() => defineNewsletter({ id: 'summer', name: 'Sommer', segment: {}, content, schedule: { months: [6], at: '25:00' } })).toThrow(
      /summer\.schedule\.at: must be a local time HH:mm/,
    );
  });

  it('names the field for a bad id', () => {
    expect(() => defineNewsletter({ id: 'Sommer Aktion', name: 'Sommer', segment: {}, content })).toThrow(
      /Sommer Aktion\.id: must be lower-case/,
    );
  });
});

describe('the first Tuesday of October at 10:00 in Munich', () => {
  it('becomes a Temporal calendar in Europe/Berlin: October, days 1–7, Tuesday, 10:00:00', () => {
    const spec = scheduleSpecFor({ months: [10], weekday: 'TUESDAY', weekOfMonth: 1, at: '10:00', timeZone: 'Europe/Berlin' });
    expect(spec).toEqual({
      calendars: [{ month: ['OCTOBER'], dayOfMonth: [{ start: 1, end: 7 }], dayOfWeek: ['TUESDAY'], hour: 10, minute: 0, second: 0 }],
      timezone: 'Europe/Berlin',
    });
  });

  it('a monthly newsletter on a fixed day has no weekday', () => {
    const spec = scheduleSpecFor({ months: [3, 4], dayOfMonth: 15, at: '09:30', timeZone: 'Europe/Berlin' });
    expect(spec.calendars![0]).toEqual({ month: ['MARCH', 'APRIL'], dayOfMonth: [15], hour: 9, minute: 30, second: 0 });
  });
});

describe('the newsletter rate limit', () => {
  it('spaces 21 messages at 100 per second 10 ms apart, 200 ms from the first to the last', async () => {
    jest.useFakeTimers({ now: new Date('2030-01-07T08:00:00Z') }); // the clock is the test's, however busy the machine
    try {
      const pacer = createPacer(100);
      const sentAt: number[] = [];
      const sending = (async () => {
        for (let i = 0; i < 21; i++) {
          await pacer.take();
          sentAt.push(Date.now());
        }
      })();
      await jest.advanceTimersByTimeAsync(1_000);
      await sending;
      expect(sentAt.slice(1).map((at, i) => at - sentAt[i]!)).toEqual(Array(20).fill(10));
      expect(sentAt[20]! - sentAt[0]!).toBe(200);
    } finally {
      jest.useRealTimers();
    }
  });
});
