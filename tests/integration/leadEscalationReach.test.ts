import { leadResponseByLocation } from '../../api/reports/kpiReport';
import { createLocation, updateDealerSettings } from '../../locations/locationSettings';
import { loadOpenLeads } from '../../timeline/loadTimeline';
import { renderOpenLeads } from '../../timeline/renderOpenLeads';
import { berlinTime, openLeadWorld, recipient, type LeadWorld } from '../support/leadScenario';

/**
 * Autohaus Berger in the summer holidays: Tobias Lang (team lead) and Monika Huber (manager) are both
 * away. A missed callback must still reach a person who is at work, or the dealer's escalation mailbox,
 * and if truly nobody can be reached the lead is flagged for the dealer, never silently dropped.
 */
describe('an escalation never goes to nobody', () => {
  let world: LeadWorld;
  beforeAll(async () => {
    world = await openLeadWorld();
  });
  afterAll(async () => world?.close());

  const away = (staffId: string, day: string) =>
    world.db.prisma.staffAbsence.create({ data: { staffId, from: new Date(`${day}T00:00:00Z`), to: new Date(`${day}T00:00:00Z`), reason: 'vacation' } });
  const escalationNotes = async (leadId: string) =>
    (await world.db.prisma.touchpoint.findMany({ where: { leadId, kind: 'lead.escalated' }, orderBy: { occurredAt: 'asc' } })).map((t) => t.summary);

  it('with the team lead and the manager on holiday, levels 2 and 3 go up to the managing director, and say who was skipped', async () => {
    const { prisma } = world.db;
    const { dealer, staff } = world.dealership;
    // Thomas Berger runs the house from the Pasing branch; Monika reports to him.
    const pasing = await createLocation(prisma, dealer.id, { name: 'München-Pasing', federalState: 'BY' });
    const director = await prisma.staff.create({ data: { dealerId: dealer.id, locationId: pasing.id, role: 'manager', firstName: 'Thomas', lastName: 'Berger', email: 'thomas@autohaus-berger.example' } });
    await prisma.staff.update({ where: { id: staff.manager.id }, data: { managerId: director.id } });

    const tuesday = await world.nextWeekday(2);
    await away(staff.teamLead.id, tuesday);
    await away(staff.manager.id, tuesday);
    await world.skipTo(`${tuesday}T10:00`);
    const lead = await world.testDriveRequest('Sommer');
    await world.waitForMailAbout('Sommer', 1);

    await world.skipTo(`${tuesday}T14:30`);
    const mails = await world.waitForMailAbout('Sommer', 5);
    expect(mails.map((m) => `${recipient(m)} ${berlinTime(m.date)} ${m.subject.split(':')[0]}`)).toEqual([
      'sabine Tue 10:00 Neuer Lead',
      'sabine Tue 12:00 Erinnerung',
      expect.stringMatching(/^(christian|thomas) Tue 13:00 /),
      expect.stringMatching(/^(christian|thomas) Tue 13:00 /),
      'thomas Tue 14:00 Eskalation (Stufe 3)',
    ]);
    const level2 = mails.slice(2).find((m) => recipient(m) === 'thomas' && m.subject.startsWith('Eskalation (Stufe 2)'))!;
    expect(level2.text).toContain('Übersprungen: Tobias Lang (Teamleitung): Urlaub');
    expect(level2.text).toContain('Übersprungen: Monika Huber (Geschäftsleitung): Urlaub');
    expect(level2.text).toContain('eskaliert von Sabine Kraus');
    expect(mails[4]!.text).toContain('Übersprungen: Monika Huber (Geschäftsleitung): Urlaub');

    const notes = await escalationNotes(lead.leadId);
    expect(notes[1]).toContain('informiert: Thomas Berger');
    expect(notes[1]).toContain('übersprungen: Tobias Lang (Teamleitung, abwesend), Monika Huber (Geschäftsleitung, abwesend)');
    expect(notes.join(' ')).not.toContain('niemand');
    await world.logOutcome(lead.leadId, 'reached', staff.colleague.id);
    await world.resultOf(lead.leadId);
  });

  it('when nobody is at work the lead is flagged on the open-leads page and in the KPI report, and the dealer\'s escalation mailbox set meanwhile gets the next level', async () => {
    const { prisma } = world.db;
    const { dealer, staff, location } = world.dealership;
    const wednesday = await world.nextWeekday(3);
    const everyone = await prisma.staff.findMany({ where: { dealerId: dealer.id, role: { in: ['team_lead', 'manager'] } } });
    for (const person of everyone) await away(person.id, wednesday);
    await world.skipTo(`${wednesday}T10:00`);
    const lead = await world.testDriveRequest('Niemand');
    await world.waitForMailAbout('Niemand', 1);

    await world.skipTo(`${wednesday}T13:30`);
    await world.waitForMailAbout('Niemand', 3); // assignment, reminder, Christian's re-assignment
    const flagged = await prisma.lead.findUniqueOrThrow({ where: { id: lead.leadId } });
    expect(flagged.attention).toBe('nobody_reachable');
    expect((await escalationNotes(lead.leadId))[1]).toContain('niemand erreichbar und kein Eskalationspostfach hinterlegt: Lead zur Klärung markiert');
    const page = renderOpenLeads(await loadOpenLeads({ prisma, now: () => new Date(`${wednesday}T12:30:00Z`) }, dealer.id));
    expect(page).toContain('Niemand erreichbar – bitte klären');
    const day = { from: new Date(`${wednesday}T00:00:00Z`), to: new Date(`${wednesday}T23:59:00Z`) };
    const kpi = await leadResponseByLocation(prisma, dealer.id, day);
    expect(kpi.find((k) => k.locationId === location.id)?.needingAttention).toBe(1);

    // The dealer sets an escalation mailbox (API: PATCH /dealer, CLI: dealer set --escalation-email): level 3 reaches it.
    await updateDealerSettings(prisma, dealer.id, { escalationEmail: 'leitung@autohaus-berger.example' });
    await world.skipTo(`${wednesday}T14:30`);
    const all = await world.waitForMailAbout('Niemand', 4);
    expect(all[3]!.to[0]!.address).toBe('leitung@autohaus-berger.example');
    expect(all[3]!.subject).toBe('Eskalation (Stufe 3): Anna Niemand wartet seit 4 Stunden Geschäftszeit');
    expect(all[3]!.text).toContain('weil niemand aus der Eskalationskette im Haus ist');
    expect(all[3]!.text).toContain('Übersprungen: Monika Huber (Geschäftsleitung): Urlaub');
    expect((await escalationNotes(lead.leadId))[2]).toContain('informiert: Eskalationspostfach des Autohauses');

    await world.logOutcome(lead.leadId, 'reached', staff.colleague.id);
    await world.resultOf(lead.leadId);
    expect((await prisma.lead.findUniqueOrThrow({ where: { id: lead.leadId } })).attention).toBeNull();
  });
});
