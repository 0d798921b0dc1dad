import { DateTime } from 'luxon';
import { resolveSlaPolicy } from '../../leads/slaPolicy';
import { parseLeadSubmission } from '../../leads/leadSubmission';
import { normalizePhone } from '../../leads/customerMatch';
import { renderCallbackPage, handleCallbackForm } from '../../leads/callbackPage';
import { signLinkToken } from '../../links/signedLinks';
import { addBusinessDuration, parseBusinessCalendar, type BusinessCalendarInput } from '../../time/businessTime';
import { atLocalTime } from '../../time/instant';
import { pinPublicHolidays } from '../../time/pinnedHolidays';
import { stepInstant } from '../../workflows/leadFollowUp/ladder';

const berlin = (iso: string | undefined) => DateTime.fromISO(iso!, { zone: 'Europe/Berlin' }).toFormat('ccc yyyy-MM-dd HH:mm');
const at = (date: string, time: string) => atLocalTime(date, time, 'Europe/Berlin');
const weekdays = Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ from: '09:00', to: '18:00' }]]));
/** München-Laim: Mon–Fri 09:00–18:00, Saturday closed, Bavarian holidays. */
const munich = parseBusinessCalendar({ federalState: 'BY', openingHours: weekdays, timeZone: 'Europe/Berlin' });
const munichWithSaturday: BusinessCalendarInput = { ...munich, openingHours: { ...weekdays, sat: [{ from: '09:00', to: '13:00' }] } };

describe('callback due times for a dealer in Munich (default SLA policy)', () => {
  const policy = resolveSlaPolicy();
  const due = (kind: keyof typeof policy.callbackSla, receivedAt: string, calendar: BusinessCalendarInput = munich) =>
    addBusinessDuration(receivedAt, policy.callbackSla[kind], calendar);

  it('a test-drive lead on Tuesday 10:00 is due Tuesday 12:00, a trade-in at 14:00, a service lead Wednesday 10:00', () => {
    expect(berlin(due('test_drive', at('2026-11-24', '10:00')))).toBe('Tue 2026-11-24 12:00');
    expect(berlin(due('offer', at('2026-11-24', '10:00')))).toBe('Tue 2026-11-24 12:00');
    expect(berlin(due('trade_in', at('2026-11-24', '10:00')))).toBe('Tue 2026-11-24 14:00');
    expect(berlin(due('service', at('2026-11-24', '10:00')))).toBe('Wed 2026-11-25 10:00');
  });

  it('a Friday 17:45 lead with Saturday closed uses 15 minutes on Friday and is due Monday 10:45', () => {
    expect(berlin(due('test_drive', at('2027-05-07', '17:45')))).toBe('Mon 2027-05-10 10:45');
  });

  it('… and Saturday 10:45 where the location opens Saturday mornings', () => {
    expect(berlin(due('test_drive', at('2027-05-07', '17:45'), munichWithSaturday))).toBe('Sat 2027-05-08 10:45');
  });

  it('a public-holiday Monday (Whit Monday in Bavaria) pushes it to Tuesday 10:45', () => {
    expect(berlin(due('test_drive', at('2027-05-14', '17:45')))).toBe('Tue 2027-05-18 10:45');
  });

  it('over Easter (Good Friday and Easter Monday closed in Bavaria) a Thursday 17:45 lead is due Tuesday 10:45', () => {
    expect(berlin(due('test_drive', at('2027-03-25', '17:45')))).toBe('Tue 2027-03-30 10:45');
  });

  it('counts across the switch to summer time correctly (Friday before the last Sunday of March)', () => {
    const dueAt = due('test_drive', at('2027-03-19', '17:45'));
    expect(berlin(dueAt)).toBe('Mon 2027-03-22 10:45');
    const dst = due('test_drive', at('2026-03-27', '17:45'));
    expect(berlin(dst)).toBe('Mon 2026-03-30 10:45');
    expect(dst).toBe('2026-03-30T08:45:00.000Z');
  });
});

describe('the escalation ladder', () => {
  const policy = resolveSlaPolicy();
  /** A running lead workflow gets its calendar with the holidays pinned by the activity that opened the follow-up. */
  const munichPinned = pinPublicHolidays(munich, 2026);
  it('reminds at the due instant, escalates to the team lead an hour later and to the manager an hour after that', () => {
    const dueAt = at('2026-11-24', '12:00');
    const s0 = stepInstant(dueAt, policy.escalation, 0, munichPinned);
    const s1 = stepInstant(s0!, policy.escalation, 1, munichPinned);
    const s2 = stepInstant(s1!, policy.escalation, 2, munichPinned);
    expect([s0, s1, s2].map(berlin)).toEqual(['Tue 2026-11-24 12:00', 'Tue 2026-11-24 13:00', 'Tue 2026-11-24 14:00']);
    expect(stepInstant(s2!, policy.escalation, 3, munichPinned)).toBeUndefined();
  });

  it('a step that would fall after closing time continues the next business morning', () => {
    const dueAt = at('2026-11-27', '17:30'); // Friday
    const s1 = stepInstant(dueAt, policy.escalation, 1, munichPinned);
    expect(berlin(s1)).toBe('Mon 2026-11-30 09:30');
  });
});

describe('a dealer configures its own SLA policy', () => {
  it('overrides only what it names; the rest stays at the defaults', () => {
    const p = resolveSlaPolicy({ callbackSla: { test_drive: { minutes: 30 } }, noAnswer: { maxAttempts: 5 } });
    expect(p.callbackSla.test_drive).toEqual({ minutes: 30 });
    expect(p.callbackSla.trade_in).toEqual({ hours: 4 });
    expect(p.noAnswer).toEqual({ maxAttempts: 5, retryAfter: { hours: 2 } });
    expect(p.escalation).toHaveLength(3);
  });

  it('a bad policy is refused with the field and the problem named', () => {
    expect(() => resolveSlaPolicy({ callbackSla: { test_drive: { hours: -1 } } })).toThrow(/slaPolicy\.callbackSla\.test_drive/);
    expect(() => resolveSlaPolicy({ escalation: [{ after: { hours: 1 }, notify: [] }] })).toThrow(
      /slaPolicy\.escalation\.0\.notify: name at least one recipient/,
    );
    expect(() => resolveSlaPolicy({ callbackSla: { test_drve: { hours: 1 } } })).toThrow(/slaPolicy\.callbackSla/);
  });
});

describe('lead intake validation', () => {
  const base = {
    dealerId: '0190a3b4-0000-7000-8000-000000000001',
    kind: 'test_drive',
    source: 'website',
    customer: { lastName: 'Schmidt', email: 'a@example.de' },
  };
  it('accepts a web-form test-drive request', () => {
    expect(parseLeadSubmission(base).kind).toBe('test_drive');
  });
  it('names the field and the problem', () => {
    expect(() => parseLeadSubmission({ ...base, kind: 'testdrive' })).toThrow(/kind: must be one of test_drive, offer, trade_in, service/);
    expect(() => parseLeadSubmission({ ...base, customer: { lastName: 'Schmidt' } })).toThrow(
      /customer: needs an email address or a phone number/,
    );
    expect(() => parseLeadSubmission({ ...base, receivedAt: '2027-03-02 10:00' })).toThrow(/receivedAt: must be an ISO-8601 instant/);
  });
  it('phone numbers in any usual German notation compare equal', () => {
    expect(normalizePhone('+49 170 1234567')).toBe('491701234567');
    expect(normalizePhone('0170 / 123 45 67')).toBe('491701234567');
    expect(normalizePhone('0049-170-1234567')).toBe('491701234567');
  });
});

describe('the signed callback link page', () => {
  const secret = 'a-test-secret-of-enough-length';
  const now = new Date('2026-11-24T10:00:00Z');
  const claims = {
    purpose: 'log_callback' as const,
    subject: '0190a3b4-0000-7000-8000-000000000002',
    expiresAt: '2026-12-08T10:00:00Z',
    extra: { staffId: 's1' },
  };
  /** The refusal happens before any dependency is touched. */
  const noDeps = { client: undefined as never, prisma: undefined as never };

  it('shows a German form with the five outcomes for a valid link', () => {
    const pageShown = renderCallbackPage(signLinkToken(claims, secret), { secret, now });
    expect(pageShown.status).toBe(200);
    for (const label of ['Kunde erreicht', 'Termin vereinbart', 'Nicht erreicht', 'Kein Interesse', 'Kontaktdaten falsch'])
      expect(pageShown.html).toContain(label);
  });

  it('refuses a forged link with 403 and an expired one with 410, before touching anything', async () => {
    const token = signLinkToken(claims, secret);
    const forged = token.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    expect(renderCallbackPage(forged, { secret, now }).status).toBe(403);
    const refusedForged = await handleCallbackForm({ ...noDeps, secret, now }, forged, { outcome: 'reached' });
    expect(refusedForged.status).toBe(403);
    expect(refusedForged.html).toContain('Es wurde nichts geändert');
    const expired = await handleCallbackForm({ ...noDeps, secret, now: new Date('2026-12-09T00:00:00Z') }, token, { outcome: 'reached' });
    expect(expired.status).toBe(410);
    expect(expired.html).toContain('abgelaufen');
    const wrongSecret = renderCallbackPage(signLinkToken(claims, 'another-secret-entirely-123'), { secret, now });
    expect(wrongSecret.status).toBe(403);
  });
});
