import { formattedContext } from '../../activities/delivery/templateVariables';
import { renderMessage, sampleBranding, type Language } from '../../templates';
import { sampleOverdueServiceVariables, sampleServiceVariables } from '../../templates/definitions/serviceShared';
import { sampleHuVariables, sampleOverdueHuVariables } from '../../templates/definitions/huShared';

/**
 * A service reminder says what is true on the day it is sent: "due by 15 March 2027" while the date
 * is ahead, "overdue since 6 January 2025" once it has passed. Never a past date as if it were ahead.
 */
const render = (templateId: string, language: Language, variables: unknown) =>
  renderMessage({ templateId, language, variables, branding: sampleBranding });
const everything = (m: { subject: string; preheader: string; html: string; text: string }) =>
  [m.subject, m.preheader, m.html, m.text].join('\n');

describe('a service reminder for a service that is still ahead', () => {
  it('asks Frau Dr. Müller to come by the due date, in German', async () => {
    const message = await render('service-reminder', 'de', sampleServiceVariables('de'));
    expect(message.subject).toBe('Ihre nächste Inspektion steht an – VW Golf 8 Variant (M-AB 1234)');
    expect(message.preheader).toContain('Fällig bis zum 15. März 2027');
    expect(message.text).toContain('bis zum 15. März 2027 die nächste Inspektion fällig');
    expect(everything(message)).not.toMatch(/überfällig|seit dem/);
  });

  it('and in English', async () => {
    const message = await render('service-reminder', 'en', sampleServiceVariables('en'));
    expect(message.subject).toBe('Your next service is due – VW Golf 8 Variant (M-AB 1234)');
    expect(message.text).toContain('is due for its next service by 15 March 2027');
    expect(everything(message)).not.toMatch(/overdue|since/i);
  });

  it('the follow-up still speaks of a date ahead', async () => {
    const message = await render('service-reminder-followup', 'de', sampleServiceVariables('de'));
    expect(message.text).toContain('bis zum 15. März 2027 die nächste Inspektion ansteht');
  });
});

describe('a service reminder sent after the due date has passed', () => {
  it('says the inspection is overdue and for how long, in German', async () => {
    const message = await render('service-reminder', 'de', sampleOverdueServiceVariables('de'));
    expect(message.subject).toBe('Ihre Inspektion ist überfällig – VW Golf 8 Variant (M-AB 1234)');
    expect(message.preheader).toContain('Seit dem 6. Januar 2025 fällig');
    expect(message.text).toContain('am 6. Januar 2025 die Inspektion fällig – sie ist also seit 10 Monaten überfällig');
    expect(everything(message)).not.toContain('bis zum 6. Januar 2025');
  });

  it('and in English', async () => {
    const message = await render('service-reminder', 'en', sampleOverdueServiceVariables('en'));
    expect(message.subject).toBe('Your service is overdue – VW Golf 8 Variant (M-AB 1234)');
    expect(message.text).toContain('was due for its service on 6 January 2025 – it has been overdue for 10 months');
    expect(everything(message)).not.toContain('by 6 January 2025');
  });

  it('the follow-up says so too', async () => {
    const de = await render('service-reminder-followup', 'de', sampleOverdueServiceVariables('de'));
    const en = await render('service-reminder-followup', 'en', sampleOverdueServiceVariables('en'));
    expect(de.text).toContain('seit dem 6. Januar 2025 fällig ist – inzwischen seit 10 Monaten');
    expect(en.text).toContain('due for its service since 6 January 2025 – overdue for 10 months by now');
    expect(everything(de)).not.toContain('bis zum');
  });
});

describe('the send day decides whether a campaign date is overdue', () => {
  const sentOn = new Date('2026-12-02T09:00:00Z'); // the reminder that said "bis zum 6. Januar 2025"

  it('a due date before the send day gives the days overdue (dealer time zone)', () => {
    expect(formattedContext({ dueDate: '2025-01-06' }, 'de', sentOn)).toEqual({ dueDate: '6. Januar 2025', dueDateDaysOverdue: 695 });
  });

  it('a due date on or after the send day is just a date', () => {
    expect(formattedContext({ dueDate: '2026-12-02', dueMonth: '2027-06-01', vehicleAgeYears: 5 }, 'en', sentOn)).toEqual({
      dueDate: '2 December 2026',
      dueMonth: 'June 2027',
      vehicleAgeYears: 5,
    });
  });

  it('the whole reminder from that day, rendered', async () => {
    const variables = { ...sampleServiceVariables('de'), ...formattedContext({ dueDate: '2025-01-06' }, 'de', sentOn) };
    const message = await render('service-reminder', 'de', variables);
    expect(message.text).toContain('seit 22 Monaten überfällig');
    expect(message.text).not.toContain('bis zum 6. Januar 2025');
  });
});

describe('an HU reminder says whether the month on the sticker is still ahead', () => {
  const sentOn = new Date('2026-12-02T09:00:00Z');

  it('a due month still running on the send day is not overdue: the HU may be done until its last day', () => {
    expect(formattedContext({ dueMonth: '2026-12-01' }, 'de', sentOn)).toEqual({ dueMonth: 'Dezember 2026' });
  });

  it('a month that has ended gives the days since its last day', () => {
    expect(formattedContext({ dueMonth: '2026-10-01' }, 'de', sentOn)).toEqual({ dueMonth: 'Oktober 2026', dueMonthDaysOverdue: 32 });
  });

  it('ahead: "im Juni 2027 fällig", never a word of overdue', async () => {
    const de = await render('hu-reminder', 'de', sampleHuVariables('de'));
    const en = await render('hu-reminder', 'en', sampleHuVariables('en'));
    expect(de.subject).toBe('Hauptuntersuchung im Juni 2027 fällig – VW Golf 8 Variant (M-AB 1234)');
    expect(de.text).toContain('ist im Juni 2027 die Hauptuntersuchung (HU) einschließlich Abgasuntersuchung (AU) fällig.');
    expect(en.subject).toBe('Main inspection (HU) due in June 2027 – VW Golf 8 Variant (M-AB 1234)');
    expect([de.subject, de.text].join('\n')).not.toMatch(/überfällig/);
  });

  it('passed: both reminders say it is overdue and for how long, in German and in English', async () => {
    const de = await render('hu-reminder', 'de', sampleOverdueHuVariables('de'));
    const en = await render('hu-reminder', 'en', sampleOverdueHuVariables('en'));
    expect(de.subject).toBe('Hauptuntersuchung überfällig – VW Golf 8 Variant (M-AB 1234)');
    expect(de.text).toContain(
      'war im Januar 2025 die Hauptuntersuchung (HU) einschließlich Abgasuntersuchung (AU) fällig – sie ist also seit 4 Monaten überfällig.',
    );
    expect(en.subject).toBe('Main inspection (HU) overdue – VW Golf 8 Variant (M-AB 1234)');
    expect(en.text).toContain('in January 2025 – it has been overdue for 4 months.');
    expect(everything(de)).not.toContain('ist im Januar 2025');

    const second = await render('hu-reminder-second', 'de', sampleOverdueHuVariables('de'));
    expect(second.subject).toBe('Bitte nicht vergessen: HU seit 4 Monaten überfällig – VW Golf 8 Variant (M-AB 1234)');
    expect(second.text).toContain('inzwischen ist sie seit 4 Monaten überfällig');
  });
});
