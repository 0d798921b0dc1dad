import { DateTime } from 'luxon';
import { atLocalTime } from '../../time/instant';
import { startLeadFollowUp } from '../../leads/leadFollowUpClient';
import { notifyStaffAbsence } from '../../leads/staffAbsence';
import { leadWorkflowId } from '../../workflows/leadFollowUp/contract';
import { openLeadWorld, recipient, type LeadWorld } from '../support/leadScenario';
import { recordHistory } from '../support/recordedHistories';

/** Who gets the lead at Autohaus Berger, and what happens when that person is not at work. */
describe('leads go to someone who is at work', () => {
  let world: LeadWorld;
  beforeAll(async () => {
    world = await openLeadWorld();
  });
  afterAll(async () => world?.close());

  const absent = (staffId: string, day: string, reason: 'vacation' | 'sick') =>
    world.db.prisma.staffAbsence.create({
      data: { staffId, from: new Date(`${day}T00:00:00Z`), to: new Date(`${day}T00:00:00Z`), reason },
    });

  it("while Sabine is on vacation, her customer's lead goes straight to Christian", async () => {
    const tuesday = await world.nextWeekday(2);
    await absent(world.dealership.staff.salesperson.id, tuesday, 'vacation');
    await world.skipTo(`${tuesday}T10:00`);
    const lead = await world.testDriveRequest('Urlaub');
    const [assigned] = await world.waitForMailAbout('Urlaub', 1);
    expect(recipient(assigned!)).toBe('christian');
    expect((await world.leadState(lead.leadId)).assigneeId).toBe(world.dealership.staff.colleague.id);
    await world.logOutcome(lead.leadId, 'reached');
    await world.resultOf(lead.leadId);
  });

  it('when Sabine calls in sick mid-lead, the lead moves to Christian at once', async () => {
    const wednesday = await world.nextWeekday(3);
    await world.skipTo(`${wednesday}T10:00`);
    const lead = await world.testDriveRequest('Krank');
    await world.waitForMailAbout('Krank', 1);
    expect((await world.leadState(lead.leadId)).assigneeId).toBe(world.dealership.staff.salesperson.id);

    await world.skipTo(`${wednesday}T10:30`);
    await absent(world.dealership.staff.salesperson.id, wednesday, 'sick');
    expect(await notifyStaffAbsence({ client: world.env.client, prisma: world.db.prisma }, world.dealership.staff.salesperson.id)).toBe(1);
    const [, moved] = await world.waitForMailAbout('Krank', 2);
    expect(recipient(moved!)).toBe('christian');
    expect(moved!.subject).toBe('Neuer Lead: Probefahrt – Anna Krank');
    const state = await world.leadState(lead.leadId, (s) => s.assigneeId === world.dealership.staff.colleague.id);
    expect(state.status).toBe('open');
    const row = await world.db.prisma.lead.findUniqueOrThrow({ where: { id: lead.leadId } });
    expect(row.assignedToId).toBe(world.dealership.staff.colleague.id);
    const handover = await world.db.prisma.touchpoint.findFirstOrThrow({
      where: { leadId: lead.leadId, kind: 'lead.assigned', staffId: world.dealership.staff.colleague.id },
    });
    expect(handover.summary).toContain('Sabine Kraus abwesend');

    // The 12:00 reminder goes to Christian, who has the lead now, not to the sick Sabine.
    await world.skipTo(`${wednesday}T12:15`);
    const [, , reminder] = await world.waitForMailAbout('Krank', 3);
    expect(recipient(reminder!)).toBe('christian');
    await world.logOutcome(lead.leadId, 'reached');
    await world.resultOf(lead.leadId);
    await recordHistory(world.env.client, leadWorkflowId(lead.leadId), 'lead-rerouted-on-sick-day');
  });

  it('a service request goes to the service advisor, and the same lead id submitted twice starts one follow-up', async () => {
    const thursday = await world.nextWeekday(4);
    await world.skipTo(`${thursday}T09:30`);
    const submission = {
      leadId: '0190a3b4-1111-7000-8000-00000000abcd',
      dealerId: world.dealership.dealer.id,
      locationId: world.dealership.location.id,
      kind: 'service' as const,
      source: 'website',
      customer: { firstName: 'Paul', lastName: 'Werkstatt', phone: '0171 / 555 66 77' },
      message: 'Inspektion fällig, bitte Termin.',
    };
    const first = await world.submit(submission);
    const again = await world.submit(submission);
    expect(first.duplicate).toBe(false);
    expect(again).toEqual({ leadId: first.leadId, customerId: first.customerId, duplicate: true, duplicateOf: 'lead_id' });
    const [assigned] = await world.waitForMailAbout('Werkstatt', 1);
    expect(recipient(assigned!)).toBe('stefan');
    const state = await world.leadState(first.leadId);
    expect(state.assigneeId).toBe(world.dealership.staff.serviceAdvisor.id);
    const friday = DateTime.fromISO(thursday).plus({ days: 1 }).toISODate()!;
    expect(state.dueAt?.slice(0, 16)).toBe(atLocalTime(friday, '09:30').slice(0, 16)); // one business day later, at the same wall time

    // A phone note from the same customer (written differently) matches the existing customer.
    const note = await world.submit({
      ...submission,
      leadId: undefined,
      source: 'phone',
      kind: 'offer',
      customer: { lastName: 'Werkstatt', phone: '+49 171 5556677' },
    });
    expect(note.customerId).toBe(first.customerId);
    expect(await world.db.prisma.lead.count({ where: { customerId: first.customerId } })).toBe(2);
    expect(world.mailsAbout('Werkstatt').filter((m) => m.subject.startsWith('Neuer Lead: Werkstatttermin'))).toHaveLength(1);
  });

  it('a lead recorded by another part of the engine (a reactivation response) enters the same flow', async () => {
    const customer = await world.db.prisma.customer.create({
      data: {
        dealerId: world.dealership.dealer.id,
        locationId: world.dealership.location.id,
        firstName: 'Rolf',
        lastName: 'Reaktiviert',
        email: 'rolf@example.de',
        assignedSalespersonId: world.dealership.staff.colleague.id,
      },
    });
    const lead = await world.db.prisma.lead.create({
      data: {
        dealerId: world.dealership.dealer.id,
        customerId: customer.id,
        source: 'reactivation',
        kind: 'offer',
        message: 'Antwort auf Reaktivierungs-Mail',
        receivedAt: await world.now(),
      },
    });
    await startLeadFollowUp(world.env.client, world.engine.taskQueue, { leadId: lead.id });
    const [assigned] = await world.waitForMailAbout('Reaktiviert', 1);
    expect(recipient(assigned!)).toBe('christian');
    expect(assigned!.html).toContain('Reaktivierungs-Kampagne');
    expect((await world.leadState(lead.id)).status).toBe('open');
  });
});
