import { readSettings } from '../../config/settings';
import { handleCallbackForm, renderCallbackPage } from '../../leads/callbackPage';
import { handleTakeOverForm } from '../../leads/takeOverPage';
import { signLinkToken } from '../../links/signedLinks';
import { leadWorkflowId } from '../../workflows/leadFollowUp/contract';
import { runCli } from '../support/cliProcess';
import { berlinTime, openLeadWorld, recipient, type LeadWorld } from '../support/leadScenario';
import { recordHistory } from '../support/recordedHistories';

/** What staff log after calling, and the signed links in their emails. */
describe('logging the outcome of a callback', () => {
  let world: LeadWorld;
  beforeAll(async () => {
    world = await openLeadWorld();
  });
  afterAll(async () => world?.close());

  const secret = readSettings({}).LINK_SIGNING_SECRET; // the engine worker signs with the default secret
  const tokenIn = (html: string, route: string) => {
    const match = new RegExp(`${route}\\?t=([A-Za-z0-9_.-]+)`).exec(html);
    if (!match) throw new Error(`no ${route} link in the email`);
    return match[1]!;
  };
  const linkDeps = async () => ({ client: world.env.client, prisma: world.db.prisma, secret, now: await world.now() });
  const snapshot = async (leadId: string) => ({
    touchpoints: await world.db.prisma.touchpoint.count({ where: { leadId } }),
    task: await world.db.prisma.callbackTask.findFirstOrThrow({
      where: { leadId },
      select: { status: true, attempts: true, outcome: true, assigneeId: true },
    }),
    lead: await world.db.prisma.lead.findUniqueOrThrow({
      where: { id: leadId },
      select: { status: true, firstContactAt: true, assignedToId: true },
    }),
  });

  it("'no answer' three times: a retry reminder two business hours after each of the first two, then the lead is unreachable", async () => {
    const tuesday = await world.nextWeekday(2);
    await world.skipTo(`${tuesday}T10:00`);
    const lead = await world.testDriveRequest('Nieda');
    await world.waitForMailAbout('Nieda', 1);

    await world.skipTo(`${tuesday}T10:30`);
    await world.logOutcome(lead.leadId, 'no_answer', world.dealership.staff.salesperson.id);
    const afterFirst = await world.leadState(lead.leadId, (s) => s.attempts === 1);
    expect(berlinTime(afterFirst.dueAt!)).toBe('Tue 12:30');

    await world.skipTo(`${tuesday}T12:40`);
    const [, retry1] = await world.waitForMailAbout('Nieda', 2);
    expect(recipient(retry1!)).toBe('sabine');
    expect(berlinTime(retry1!.date)).toBe('Tue 12:30');
    expect(retry1!.text).toContain('Erneuter Anrufversuch fällig');

    await world.skipTo(`${tuesday}T12:45`);
    await world.logOutcome(lead.leadId, 'no_answer', world.dealership.staff.salesperson.id);
    expect(berlinTime((await world.leadState(lead.leadId, (s) => s.attempts === 2)).dueAt!)).toBe('Tue 14:45');

    await world.skipTo(`${tuesday}T14:50`);
    const [, , retry2] = await world.waitForMailAbout('Nieda', 3);
    expect(berlinTime(retry2!.date)).toBe('Tue 14:45');

    await world.skipTo(`${tuesday}T15:00`);
    await world.logOutcome(lead.leadId, 'no_answer', world.dealership.staff.salesperson.id);
    expect(await world.resultOf(lead.leadId)).toMatchObject({ status: 'unreachable', attempts: 3, outcome: 'no_answer' });

    const { task, lead: row } = await snapshot(lead.leadId);
    expect(task).toMatchObject({ status: 'done', attempts: 3, outcome: 'no_answer' });
    expect(row).toMatchObject({ status: 'lost', firstContactAt: null });
    const kinds = (await world.db.prisma.touchpoint.findMany({ where: { leadId: lead.leadId }, orderBy: { occurredAt: 'asc' } })).map(
      (t) => t.kind,
    );
    expect(kinds.filter((k) => k === 'callback.outcome')).toHaveLength(3);
    expect(kinds).toContain('lead.unreachable');
    await world.skipTo(`${tuesday}T18:00`);
    expect(world.mailsAbout('Nieda')).toHaveLength(3); // no team-lead or manager email after it closed
  });

  it('a forged or expired signed link is refused with a clear page and changes nothing; the real one logs the call', async () => {
    const wednesday = await world.nextWeekday(3);
    await world.skipTo(`${wednesday}T10:00`);
    const lead = await world.testDriveRequest('Linkmann');
    const [assigned] = await world.waitForMailAbout('Linkmann', 1);
    const token = tokenIn(assigned!.html!.replace(/&amp;/g, '&'), 'leads/callback');
    await world.skipTo(`${wednesday}T10:20`);
    const before = await snapshot(lead.leadId);

    const forged = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
    const refusedForged = await handleCallbackForm(await linkDeps(), forged, { outcome: 'reached' });
    expect(refusedForged.status).toBe(403);
    expect(refusedForged.html).toContain('Es wurde nichts geändert');
    const otherLead = signLinkToken(
      { purpose: 'log_callback', subject: lead.leadId, expiresAt: '2099-01-01T00:00:00Z' },
      'not-the-dealers-secret-0123456789',
    );
    expect((await handleCallbackForm(await linkDeps(), otherLead, { outcome: 'reached' })).status).toBe(403);
    const expired = signLinkToken(
      {
        purpose: 'log_callback',
        subject: lead.leadId,
        expiresAt: new Date((await world.now()).getTime() - 60_000).toISOString(),
        extra: { staffId: world.dealership.staff.salesperson.id },
      },
      secret,
    );
    const refusedExpired = await handleCallbackForm(await linkDeps(), expired, { outcome: 'reached' });
    expect(refusedExpired.status).toBe(410);
    expect(refusedExpired.html).toContain('Link abgelaufen');

    expect(await snapshot(lead.leadId)).toEqual(before);
    expect(await world.leadState(lead.leadId)).toMatchObject({ status: 'open', attempts: 0 });

    const form = renderCallbackPage(token, { secret, now: await world.now() });
    expect(form.status).toBe(200);
    expect(form.html).toContain('Termin vereinbart');
    const saved = await handleCallbackForm(await linkDeps(), token, { outcome: 'appointment_booked', note: 'Probefahrt Samstag 10 Uhr' });
    expect(saved.status).toBe(200);
    expect(await world.resultOf(lead.leadId)).toMatchObject({ status: 'completed', outcome: 'appointment_booked' });
    const after = await snapshot(lead.leadId);
    expect(after.lead.status).toBe('qualified');
    expect(after.lead.firstContactAt).not.toBeNull();
    const outcome = await world.db.prisma.touchpoint.findFirstOrThrow({ where: { leadId: lead.leadId, kind: 'callback.outcome' } });
    expect(outcome).toMatchObject({
      staffId: world.dealership.staff.salesperson.id,
      channel: 'phone',
      summary: 'Rückruf: Termin vereinbart – Probefahrt Samstag 10 Uhr',
    });
  });

  it("'take over this lead' in the team lead's escalation email makes it his, with a fresh SLA", async () => {
    const thursday = await world.nextWeekday(4);
    await world.skipTo(`${thursday}T10:00`);
    const lead = await world.testDriveRequest('Ubernahme');
    await world.skipTo(`${thursday}T13:10`);
    const mails = await world.waitForMailAbout('Ubernahme', 4);
    const toTobias = mails.find((m) => recipient(m) === 'tobias')!;
    const result = await handleTakeOverForm(await linkDeps(), tokenIn(toTobias.html!.replace(/&amp;/g, '&'), 'leads/take-over'));
    expect(result.status).toBe(200);
    const state = await world.leadState(lead.leadId, (s) => s.assigneeId === world.dealership.staff.teamLead.id);
    expect(state).toMatchObject({ status: 'open', escalationLevel: 0 });
    expect(berlinTime(state.dueAt!)).toBe('Thu 15:10');
    await world.skipTo(`${thursday}T14:30`); // the manager's 14:00 step is gone: the ladder restarted
    await world.logOutcome(lead.leadId, 'reached', world.dealership.staff.teamLead.id);
    await world.resultOf(lead.leadId);
    expect(world.mailsAbout('Ubernahme').some((m) => recipient(m) === 'monika')).toBe(false);
  });

  it('the caller learns whether the follow-up took the outcome: the page, the API client and the CLI say so when the lead had already closed', async () => {
    const thursday = await world.nextWeekday(4);
    await world.skipTo(`${thursday}T10:00`);
    const lead = await world.testDriveRequest('Antwort');
    const [assigned] = await world.waitForMailAbout('Antwort', 1);
    const token = tokenIn(assigned!.html!.replace(/&amp;/g, '&'), 'leads/callback');

    await world.skipTo(`${thursday}T10:30`);
    const noAnswer = await world.logOutcome(lead.leadId, 'no_answer', world.dealership.staff.salesperson.id);
    expect(noAnswer).toMatchObject({ accepted: true, result: 'retry', attempts: 1 });
    expect(berlinTime((noAnswer as { retryAt: string }).retryAt)).toBe('Thu 12:30');

    const reached = await handleCallbackForm(await linkDeps(), token, { outcome: 'reached', note: 'Probefahrt am Samstag 10 Uhr' });
    expect(reached.status).toBe(200);
    expect(reached.html).toContain('Ergebnis gespeichert');
    expect(await world.resultOf(lead.leadId)).toMatchObject({ status: 'completed', outcome: 'reached' });

    // The same link used again after the lead closed: not taken as an outcome, kept as a note, and the page says so.
    const again = await handleCallbackForm(await linkDeps(), token, { outcome: 'appointment_booked' });
    expect(again.html).toContain('Als Notiz gespeichert');
    expect(again.html).toContain('bereits abgeschlossen');
    const late = await world.logOutcome(lead.leadId, 'not_interested');
    expect(late).toMatchObject({ accepted: false, result: 'recorded_late' });

    const cli = await runCli(['leads', 'outcome', lead.leadId, 'appointment_booked', '--note', 'Termin bestätigt'], {
      DATABASE_URL: world.db.url,
      TEMPORAL_ADDRESS: world.env.address,
      TEMPORAL_TASK_QUEUE: world.engine.taskQueue,
    });
    expect(cli.stderr).toBe('');
    expect(cli.stdout).toContain(`Outcome "appointment_booked" NOT accepted for lead ${lead.leadId}`);
    expect(cli.stdout).toContain("recorded as a note in the customer's history");

    const notes = (
      await world.db.prisma.touchpoint.findMany({ where: { leadId: lead.leadId, kind: 'callback.outcome' }, orderBy: { createdAt: 'asc' } })
    ).map((t) => t.summary);
    expect(notes).toEqual([
      expect.stringContaining('Rückruf: Nicht erreicht'),
      'Rückruf: Kunde erreicht – Probefahrt am Samstag 10 Uhr',
      'Rückruf: Termin vereinbart',
      'Rückruf: Kein Interesse',
      'Rückruf: Termin vereinbart – Termin bestätigt',
    ]);
    const task = await world.db.prisma.callbackTask.findFirstOrThrow({ where: { leadId: lead.leadId } });
    expect(task).toMatchObject({ status: 'done', outcome: 'reached' });
    // Two accepted outcome Updates in one history; the refused ones left no event (the validator rejected them).
    await recordHistory(world.env.client, leadWorkflowId(lead.leadId), 'lead-outcome-updates');
  });
});
