import { leadWorkflowId } from '../../workflows/leadFollowUp/contract';
import { addCustomer } from '../support/dealership';
import { openCampaignWorld, type CampaignWorld } from '../support/campaignScenario';
import { lifecycleDriver, plus, sendDay, type LifecycleDriver } from '../support/lifecycleWorld';

/**
 * "A customer silent for two years answers a mailing, and the dealer picks up where it left off,
 * even if the colleague is gone": dormancy, reactivation, and what happens with or without an answer.
 */
describe('silent customers and their reactivation', () => {
  let world: CampaignWorld;
  let drive: LifecycleDriver;
  beforeAll(async () => {
    world = await openCampaignWorld();
    drive = lifecycleDriver(world);
  });
  afterAll(async () => world?.close());

  async function silentCustomer(lastName: string) {
    const customer = await addCustomer(world.db.prisma, world.dealership, { lastName });
    const lastContact = await world.nextTuesday();
    await drive.on(lastContact);
    await drive.event(customer.id, {
      type: 'interaction_recorded',
      channel: 'phone',
      direction: 'inbound',
      staffId: world.dealership.staff.salesperson.id,
      summary: 'Fragt nach Winterreifen für den ID.4 und einem Angebot für einen Zweitwagen',
    });
    await drive.until(customer.id, (j) => j.eventsHandled === 1);
    return { customer, lastContact, reactivationDay: sendDay(plus(lastContact, { months: 18 }), '11:00') };
  }

  it('after 18 months of silence the reactivation starts; a click creates a lead with the history for the present colleague', async () => {
    const { customer, lastContact, reactivationDay } = await silentCustomer('Lehmann');
    const journey = await drive.journey(customer.id);
    expect(journey.dormancyCheckAt?.slice(0, 10)).toBe(plus(lastContact, { months: 18 }));

    // Sabine Kraus, her salesperson, is on holiday when the customer reacts.
    const clickDay = plus(reactivationDay, { weeks: 1 });
    await world.db.prisma.staffAbsence.create({
      data: {
        staffId: world.dealership.staff.salesperson.id,
        from: new Date(plus(clickDay, { days: -2 })),
        to: new Date(plus(clickDay, { days: 10 })),
        reason: 'vacation',
      },
    });
    await drive.on(clickDay);
    expect(await drive.mailsOf(customer.email, 1)).toEqual([[reactivationDay, 'reactivation-1']]);
    const responseId = await drive.event(customer.id, { type: 'email_clicked' });
    await drive.until(customer.id, (j) => !j.reactivation && j.eventsHandled === 2);

    const lead = await world.db.prisma.lead.findFirstOrThrow({ where: { customerId: customer.id }, include: { assignedTo: true } });
    expect([lead.source, lead.externalId, lead.assignedTo?.lastName]).toEqual(['reactivation', responseId, 'Wolf']);
    expect(lead.message).toContain('Winterreifen');
    expect(lead.message).toContain('Sabine Kraus');
    const leadRun = await world.env.client.workflow.getHandle(leadWorkflowId(lead.id)).describe();
    expect(leadRun.type).toBe('leadFollowUpWorkflow');

    // The second reactivation message is not sent any more; the customer is not lapsed.
    await drive.on(plus(reactivationDay, { weeks: 8 }));
    expect(await drive.mailsOf(customer.email)).toEqual([[reactivationDay, 'reactivation-1']]);
    const after = await drive.journey(customer.id);
    expect(after.status).toBe('active');
    expect((await world.db.prisma.customer.findUniqueOrThrow({ where: { id: customer.id } })).tags).not.toContain('lapsed');
    await drive.recordHistory(drive.lifecycleId(customer.id), 'lifecycle-reactivation-lead');
  });

  it('a customer who never answers gets both messages, three weeks apart, and is then marked lapsed', async () => {
    const { customer, reactivationDay } = await silentCustomer('Krüger');
    await drive.on(plus(reactivationDay, { weeks: 8 }));

    expect(await drive.mailsOf(customer.email, 2)).toEqual([
      [reactivationDay, 'reactivation-1'],
      [sendDay(plus(reactivationDay, { weeks: 3 }), '11:00'), 'reactivation-2'],
    ]);
    const journey = await drive.until(customer.id, (j) => j.status === 'lapsed' && j);
    expect(journey.dormancyCheckAt).toBeUndefined();
    expect((await world.db.prisma.customer.findUniqueOrThrow({ where: { id: customer.id } })).tags).toContain('lapsed');
    expect(await world.db.prisma.lead.count({ where: { customerId: customer.id } })).toBe(0);

    // Coming back later lifts the mark.
    await drive.event(customer.id, {
      type: 'interaction_recorded',
      channel: 'visit',
      direction: 'inbound',
      summary: 'Kommt zum Reifenwechsel vorbei',
    });
    await drive.until(customer.id, (j) => j.status === 'active');
    expect((await world.db.prisma.customer.findUniqueOrThrow({ where: { id: customer.id } })).tags).not.toContain('lapsed');
  });
});
