import { DateTime } from 'luxon';
import { leadResponseKpi } from '../../leads/responseKpi';
import { atLocalTime } from '../../time/instant';
import { publicHolidaysIn } from '../../time/publicHolidays';
import { leadWorkflowId } from '../../workflows/leadFollowUp/contract';
import { recordHistory } from '../support/recordedHistories';
import { berlinTime, openLeadWorld, recipient, type LeadWorld } from '../support/leadScenario';

/**
 * Lead follow-up at Autohaus Berger, München-Laim (Mon–Fri 09:00–18:00, Saturday closed, Bavaria):
 * Sabine Kraus and Christian Wolf sell, Tobias Lang leads the team, Monika Huber manages the location.
 * Default SLA: a test drive is called back within 2 business hours; then a reminder, an hour later
 * re-assignment plus the team lead, an hour after that the manager.
 */
describe('a test-drive lead is never forgotten', () => {
  let world: LeadWorld;
  beforeAll(async () => {
    world = await openLeadWorld();
  });
  afterAll(async () => world?.close());

  /** The next Pfingstmontag in Bavaria after the test server's current date (its clock is not today's). */
  async function nextWhitMonday(): Promise<string> {
    const today = DateTime.fromMillis(await world.env.currentTimeMs(), { zone: 'Europe/Berlin' });
    const candidates = [today.year, today.year + 1].flatMap((y) => publicHolidaysIn(y, 'BY')).filter((h) => h.name === 'Pfingstmontag');
    return candidates.find((h) => h.date > today.plus({ days: 4 }).toISODate()!)!.date;
  }

  const touchpointKinds = async (leadId: string) =>
    (await world.db.prisma.touchpoint.findMany({ where: { leadId }, orderBy: [{ occurredAt: 'asc' }, { createdAt: 'asc' }] })).map(
      (t) => t.kind,
    );

  it('a lead on Tuesday 10:00 called back at 11:30 gets no escalation email, and the response time is stored', async () => {
    const tuesday = await world.nextWeekday(2);
    await world.skipTo(`${tuesday}T10:00`);
    const lead = await world.testDriveRequest('Vogt');
    const assigned = await world.waitForMailAbout('Vogt', 1);
    expect(assigned[0]!.subject).toBe('Neuer Lead: Probefahrt – Anna Vogt');
    expect(recipient(assigned[0]!)).toBe('sabine');
    const html = assigned[0]!.html!;
    for (const fact of [
      'Anna Vogt',
      '+49 170 1234567',
      'VW ID.4 Pro',
      'Ich würde den ID.4 gern Probe fahren.',
      'Probefahrt-Anfrage',
      'leads/callback?t=',
      'leads/take-over?t=',
    ]) {
      expect(html).toContain(fact);
    }

    await world.skipTo(`${tuesday}T11:30`);
    await world.logOutcome(lead.leadId, 'reached', world.dealership.staff.salesperson.id);
    const final = await world.resultOf(lead.leadId);
    expect(final).toMatchObject({ status: 'completed', outcome: 'reached', escalationLevel: 0 });

    await world.skipTo(`${tuesday}T16:00`);
    expect(world.mailsAbout('Vogt')).toHaveLength(1);
    const row = await world.db.prisma.lead.findUniqueOrThrow({ where: { id: lead.leadId } });
    expect(Math.round((row.firstContactAt!.getTime() - row.receivedAt.getTime()) / 60_000)).toBe(90);
    expect(row.status).toBe('contacted');
    expect(await touchpointKinds(lead.leadId)).toEqual(['lead.received', 'lead.assigned', 'callback.outcome']);
    const task = await world.db.prisma.callbackTask.findFirstOrThrow({ where: { leadId: lead.leadId } });
    expect(task).toMatchObject({ status: 'done', outcome: 'reached', escalationLevel: 0 });

    // The dealer's response-time report for that day: one lead, answered after 90 minutes.
    const day = { from: new Date(atLocalTime(tuesday, '00:00')), to: new Date(atLocalTime(tuesday, '23:59')) };
    const kpi = await leadResponseKpi(world.db.prisma, { dealerId: world.dealership.dealer.id, ...day });
    expect({ ...kpi, medianMinutes: Math.round(kpi.medianMinutes!) }).toEqual({
      leads: 1,
      contacted: 1,
      medianMinutes: 90,
      shareWithinOneHour: 0,
    });

    // A later note on the closed lead is still part of the customer's history.
    await world.logOutcome(lead.leadId, 'appointment_booked', world.dealership.staff.salesperson.id);
    expect(await touchpointKinds(lead.leadId)).toEqual(['lead.received', 'lead.assigned', 'callback.outcome', 'callback.outcome']);
  });

  it('a lead on Tuesday 10:00 that nobody calls back climbs the ladder at 12:00 (a reminder to Sabine), 13:00 and 14:00 (escalations naming who let it wait)', async () => {
    const tuesday = await world.nextWeekday(2);
    await world.skipTo(`${tuesday}T10:00`);
    const lead = await world.testDriveRequest('Brandt');
    await world.waitForMailAbout('Brandt', 1);
    const open = await world.leadState(lead.leadId);
    expect(open).toMatchObject({ status: 'open', assigneeId: world.dealership.staff.salesperson.id, escalationLevel: 0 });
    expect(berlinTime(open.dueAt!)).toBe('Tue 12:00');

    await world.skipTo(`${tuesday}T12:30`);
    const [, reminder] = await world.waitForMailAbout('Brandt', 2);
    expect(recipient(reminder!)).toBe('sabine');
    // Level 1 goes to the assignee herself: a reminder, not an escalation "from" her to her.
    expect(reminder!.subject).toBe('Erinnerung: Rückruf bei Anna Brandt fällig – wartet seit 2 Stunden Geschäftszeit');
    expect(reminder!.text).toContain('Sie haben Anna Brandt noch nicht zurückgerufen');
    expect(reminder!.text).not.toMatch(/eskaliert von|an Sie eskaliert/);
    expect(berlinTime(reminder!.date)).toBe('Tue 12:00');
    expect((await world.leadState(lead.leadId)).escalationLevel).toBe(1);

    await world.skipTo(`${tuesday}T13:30`);
    const afterTeamLead = await world.waitForMailAbout('Brandt', 4);
    const step2 = afterTeamLead.slice(2);
    expect(step2.map((m) => `${recipient(m)} ${berlinTime(m.date)} ${m.subject.split(':')[0]}`).sort()).toEqual([
      'christian Tue 13:00 Neuer Lead',
      'tobias Tue 13:00 Eskalation (Stufe 2)',
    ]);
    expect(await world.leadState(lead.leadId)).toMatchObject({ assigneeId: world.dealership.staff.colleague.id, escalationLevel: 2 });
    const toTobias = step2.find((m) => recipient(m) === 'tobias')!;
    expect(toTobias.text).toContain('Sabine Kraus hat diesen Lead nicht rechtzeitig zurückgerufen');
    expect(toTobias.text).toContain('Eskalationsstufe 2 · eskaliert von Sabine Kraus');

    await world.skipTo(`${tuesday}T14:30`);
    const all = await world.waitForMailAbout('Brandt', 5);
    expect(recipient(all[4]!)).toBe('monika');
    expect(all[4]!.subject).toBe('Eskalation (Stufe 3): Anna Brandt wartet seit 4 Stunden Geschäftszeit');
    expect(all[4]!.text).toContain('eskaliert von Christian Wolf'); // the lead was his since 13:00
    expect(berlinTime(all[4]!.date)).toBe('Tue 14:00');
    expect(await world.leadState(lead.leadId)).toMatchObject({ status: 'open', escalationLevel: 3 });
    const task = await world.db.prisma.callbackTask.findFirstOrThrow({ where: { leadId: lead.leadId }, include: { assignee: true } });
    expect(task.escalationLevel).toBe(3);
    expect(task.assignee?.firstName).toBe('Christian');
    const kinds = await touchpointKinds(lead.leadId);
    expect(kinds.filter((k) => k === 'lead.escalated')).toHaveLength(3);

    // Christian finally calls: the ladder stops.
    await world.logOutcome(lead.leadId, 'appointment_booked', world.dealership.staff.colleague.id);
    expect(await world.resultOf(lead.leadId)).toMatchObject({ status: 'completed', outcome: 'appointment_booked' });
    await recordHistory(world.env.client, leadWorkflowId(lead.leadId), 'lead-escalation-ladder-rerouted');
  });

  describe("counted in the location's business hours", () => {
    it('a Friday 17:45 lead (Saturday closed) uses 15 minutes on Friday and is due Monday 10:45, reminded then', async () => {
      const friday = await world.nextWeekday(5);
      await world.skipTo(`${friday}T17:45`);
      const lead = await world.testDriveRequest('Keller');
      await world.waitForMailAbout('Keller', 1);
      expect(berlinTime((await world.leadState(lead.leadId)).dueAt!)).toBe('Mon 10:45');

      await world.env.sleep('3 days');
      const [, reminder] = await world.waitForMailAbout('Keller', 2);
      expect(recipient(reminder!)).toBe('sabine');
      expect(berlinTime(reminder!.date)).toBe('Mon 10:45');
      // The promise was 2 business hours; the mail counts the wait in both.
      expect(reminder!.subject).toBe('Erinnerung: Rückruf bei Anna Keller fällig – wartet seit 2 Stunden Geschäftszeit');
      expect(reminder!.text).toContain('Wartet seit: 2 Stunden Geschäftszeit (2 Tage und 17 Stunden seit Eingang)');
      await world.logOutcome(lead.leadId, 'reached');
      await world.resultOf(lead.leadId);
    });

    it('before Whit Monday (a public holiday in Bavaria) the same lead is due Tuesday 10:45', async () => {
      const whitMonday = await nextWhitMonday();
      const friday = DateTime.fromISO(whitMonday).minus({ days: 3 }).toISODate()!;
      const tuesday = DateTime.fromISO(whitMonday).plus({ days: 1 }).toISODate()!;
      await world.skipTo(`${friday}T17:45`);
      const lead = await world.testDriveRequest('Pfister');
      await world.waitForMailAbout('Pfister', 1);
      const dueAt = (await world.leadState(lead.leadId)).dueAt!;
      expect(dueAt.slice(0, 16)).toBe(`${tuesday}T08:45`); // 10:45 CEST

      await world.skipTo(`${tuesday}T11:00`);
      const [, reminder] = await world.waitForMailAbout('Pfister', 2);
      expect(reminder!.date?.slice(0, 16)).toBe(`${tuesday}T08:45`);
      await world.logOutcome(lead.leadId, 'not_interested');
      expect(await world.resultOf(lead.leadId)).toMatchObject({ status: 'completed', outcome: 'not_interested' });
    });
  });
});
