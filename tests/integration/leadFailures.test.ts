import { eventually } from '../support/eventually';
import { WorkflowFailedError } from '@temporalio/client';
import type { temporal } from '@temporalio/proto';
import { loadOpenLeads } from '../../timeline/loadTimeline';
import { renderOpenLeads } from '../../timeline/renderOpenLeads';
import { STAFF_MAIL_ACTIVITY } from '../../workflows/shared/activityRetry';
import { leadWorkflowId } from '../../workflows/leadFollowUp/contract';
import { berlinTime, openLeadWorld, recipient, type LeadWorld } from '../support/leadScenario';

type HistoryEvent = temporal.api.history.v1.IHistoryEvent;

/**
 * When a step of a lead's follow-up cannot succeed, the dealer learns it where they look: the lead's
 * timeline, the open-leads page and a task for the operator; the Temporal Web UI shows the cause. A
 * configuration mistake is refused at once, never retried forever; a mail relay that keeps refusing one
 * address is retried with backoff up to a ceiling, then the ladder goes on to the next person.
 */
describe('a lead follow-up that cannot go on says so', () => {
  let world: LeadWorld;
  beforeAll(async () => {
    world = await openLeadWorld();
  });
  afterAll(async () => world?.close());

  const history = async (leadId: string) => (await world.env.client.workflow.getHandle(leadWorkflowId(leadId)).fetchHistory()).events ?? [];
  const started = (events: HistoryEvent[], activityType: string) => {
    const scheduled = events
      .filter((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === activityType)
      .map((e) => String(e.eventId));
    return events.filter(
      (e) => e.activityTaskStartedEventAttributes && scheduled.includes(String(e.activityTaskStartedEventAttributes.scheduledEventId)),
    );
  };
  const untilRows = <T>(read: () => Promise<T[]>, count: number): Promise<T[]> =>
    eventually(`${count} rows`, async () => {
      const rows = await read();
      return rows.length >= count && rows;
    });
  const openLeadsPage = async () =>
    renderOpenLeads(await loadOpenLeads({ prisma: world.db.prisma, now: () => new Date() }, world.dealership.dealer.id));

  it('the mail relay refuses Sabine for hours: each mail to her is retried with backoff, then recorded as failed, and the team lead still gets level 2 on time', async () => {
    const tuesday = await world.nextWeekday(2);
    world.smtp.rejectRecipients(['sabine@autohaus-berger.example'], 451, 'Mailbox temporarily unavailable');
    try {
      await world.skipTo(`${tuesday}T10:00`);
      const lead = await world.testDriveRequest('Relais');
      await world.skipTo(`${tuesday}T13:30`);
      const mails = await world.waitForMailAbout('Relais', 2);
      expect(mails.map((m) => `${recipient(m)} ${berlinTime(m.date)} ${m.subject.split(':')[0]}`).sort()).toEqual([
        'christian Tue 13:00 Neuer Lead',
        'tobias Tue 13:00 Eskalation (Stufe 2)',
      ]);

      const failures = await untilRows(
        () =>
          world.db.prisma.touchpoint.findMany({
            where: { leadId: lead.leadId, kind: 'lead.follow_up_failed' },
            orderBy: { occurredAt: 'asc' },
          }),
        2,
      );
      expect(failures.map((f) => f.summary)).toEqual([
        expect.stringContaining('Automatische Nachverfolgung gestoppt (E-Mail an Mitarbeiter senden)'),
        expect.stringContaining('Automatische Nachverfolgung gestoppt (E-Mail an Mitarbeiter senden)'),
      ]);
      const tasks = await world.db.prisma.staffTask.findMany({
        where: { kind: 'lead_follow_up_failed', idempotencyKey: { startsWith: `lead/${lead.leadId}/` } },
      });
      expect(tasks).toHaveLength(2);
      expect(tasks[0]).toMatchObject({ role: 'manager', title: 'Lead-Nachverfolgung gestoppt: E-Mail an Mitarbeiter senden' });
      expect((await world.db.prisma.lead.findUniqueOrThrow({ where: { id: lead.leadId } })).attention).toBe('follow_up_failed');
      expect(await openLeadsPage()).toContain('Nachverfolgung gestoppt &#8211; siehe Verlauf');

      // Retried with backoff up to the ceiling, not forever: the history (what the Web UI shows) has the attempts and the cause.
      const events = await history(lead.leadId);
      const attempts = started(events, 'deliverLeadMail').map((e) => e.activityTaskStartedEventAttributes!.attempt);
      expect(attempts).toContain(STAFF_MAIL_ACTIVITY.retry!.maximumAttempts);
      const failed = events.find((e) => e.activityTaskFailedEventAttributes)!.activityTaskFailedEventAttributes!.failure!;
      expect(JSON.stringify(failed)).toMatch(/451|temporar/i);

      await world.logOutcome(lead.leadId, 'reached', world.dealership.staff.colleague.id);
      expect(await world.resultOf(lead.leadId)).toMatchObject({ status: 'completed' });
    } finally {
      world.smtp.resetFailures();
    }
  });

  it('a location whose stored hours never open (written before validation existed) stops the lead at once, naming the location', async () => {
    const { prisma } = world.db;
    const { dealer } = world.dealership;
    const closedWeek = { mon: [], tue: [], wed: [], thu: [], fri: [], sat: [], sun: [] };
    const legacy = await prisma.location.create({
      data: { dealerId: dealer.id, name: 'Altbestand Giesing', federalState: 'BY', openingHours: closedWeek },
    });
    const lead = await world.submit({
      dealerId: dealer.id,
      locationId: legacy.id,
      kind: 'offer',
      source: 'website',
      customer: { firstName: 'Gerd', lastName: 'Giesing', email: 'gerd.giesing@example.de' },
    });

    const handle = world.env.client.workflow.getHandle(leadWorkflowId(lead.leadId));
    const failure = await handle.result().then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    expect((failure as WorkflowFailedError).cause?.message).toContain('the follow-up could not start');

    const events = await history(lead.leadId);
    expect(started(events, 'openLeadFollowUp').map((e) => e.activityTaskStartedEventAttributes!.attempt)).toEqual([1]); // refused, not retried
    const cause = events.find((e) => e.activityTaskFailedEventAttributes)!.activityTaskFailedEventAttributes!.failure!;
    expect(cause.message).toBe(
      `location "Altbestand Giesing": openingHours are closed on every day of the week; give at least one opening interval (or none, for the dealer's default hours) (location ${legacy.id})`,
    );
    expect(cause.applicationFailureInfo).toMatchObject({ type: 'ConfigurationError', nonRetryable: true });

    const [note] = await untilRows(() => prisma.touchpoint.findMany({ where: { leadId: lead.leadId, kind: 'lead.follow_up_failed' } }), 1);
    expect(note!.summary).toContain(
      'Automatische Nachverfolgung gestoppt (Lead zuweisen und Rückruf-Frist setzen): location "Altbestand Giesing": openingHours are closed',
    );
    const task = await prisma.staffTask.findFirstOrThrow({
      where: { kind: 'lead_follow_up_failed', idempotencyKey: { startsWith: `lead/${lead.leadId}/` } },
    });
    expect(task.details).toContain('Altbestand Giesing');
    expect(await openLeadsPage()).toContain('Nachverfolgung gestoppt &#8211; siehe Verlauf');

    // The salesperson who reaches Gerd anyway can still log it: recorded on the lead, the flag clears.
    const logged = await world.logOutcome(lead.leadId, 'reached');
    expect(logged).toMatchObject({ accepted: false, result: 'recorded_late' });
    expect((await prisma.lead.findUniqueOrThrow({ where: { id: lead.leadId } })).attention).toBeNull();
  });
});
