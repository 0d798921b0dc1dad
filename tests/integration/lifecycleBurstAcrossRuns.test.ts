import { DateTime } from 'luxon';
import { lifecycleWorkflowId } from '../../workflows/customerLifecycle/contract';
import { addCustomer, addVehicle } from '../support/dealership';
import { openCampaignWorld, type CampaignWorld } from '../support/campaignScenario';
import { lifecycleDriver, newCarOnLease } from '../support/lifecycleWorld';

/**
 * A burst of events while the lifecycle continues as new after every two: on the Temporal CLI dev server, whose
 * continue-as-new is Temporal's own (atomic: an event that arrives while a run ends reaches the next run). The Java
 * time-skipping server loses such an event now and then (temporalio/sdk-java#1538); lifecycleStops.test.ts covers
 * continue-as-new there without a burst.
 */
describe('a busy afternoon at the desk while the lifecycle starts new runs', () => {
  let world: CampaignWorld;
  beforeAll(async () => {
    world = await openCampaignWorld({}, 'dev');
  });
  afterAll(async () => world?.close());

  it('five events in a row, one of them delivered twice: several runs handle them, none is lost or doubled', async () => {
    const drive = lifecycleDriver(world, { continueAsNewAfter: 2 });
    const customer = await addCustomer(world.db.prisma, world.dealership, { lastName: 'Winter' });
    const car = await addVehicle(world.db.prisma, world.dealership, customer.id);
    const delivered = DateTime.now().setZone('Europe/Berlin').toISODate()!;
    await drive.event(customer.id, newCarOnLease(car.id, delivered));
    const before = await drive.until(customer.id, (j) => j.enrollments.length === 4 && j);
    const handle = world.env.client.workflow.getHandle(lifecycleWorkflowId(customer.id));
    const firstRun = (await handle.describe()).runId;

    const call = { type: 'interaction_recorded', channel: 'phone', direction: 'outbound', summary: 'Rückruf zur Wallbox' } as const;
    const repeated = await drive.event(customer.id, call);
    await drive.event(customer.id, call, repeated);
    await drive.event(customer.id, { type: 'consent_given', source: 'Website', wording: 'Ja, ich möchte Angebote per E-Mail erhalten.' });
    await drive.event(customer.id, { type: 'consent_confirmed' });
    await drive.event(customer.id, { type: 'email_clicked' });
    const after = await drive.until(customer.id, (j) => j.eventsHandled === 5 && j);

    expect((await handle.describe()).runId).not.toBe(firstRun);
    expect(after.vehicles).toEqual(before.vehicles);
    expect(after.enrollments).toEqual(before.enrollments);
    const scheduled = (j: typeof before) => j.upcoming.filter((u) => u.campaignId !== 'reactivation');
    expect(scheduled(after)).toEqual(scheduled(before));
    const touchpoints = await world.db.prisma.touchpoint.count({
      where: { customerId: customer.id, externalEventId: { startsWith: 'event:' } },
    });
    expect(touchpoints).toBe(5);
    const consent = await world.db.prisma.customer.findUniqueOrThrow({ where: { id: customer.id } });
    expect(consent.emailConsentBasis).toBe('double_opt_in');
  });
});
