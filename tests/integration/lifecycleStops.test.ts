import { temporal } from '@temporalio/proto';
import { lifecycleWorkflowId } from '../../workflows/customerLifecycle/contract';
import { eventually } from '../support/eventually';
import { addCustomer, addVehicle } from '../support/dealership';
import { openCampaignWorld, type CampaignWorld } from '../support/campaignScenario';
import { lifecycleDriver, newCarOnLease, plus, sendDay, type LifecycleDriver } from '../support/lifecycleWorld';

/** Objection, erasure and a long history: the lifecycle stops when it must, and forgets nothing when it continues as new. */
describe('stopping and continuing a customer lifecycle', () => {
  let world: CampaignWorld;
  let drive: LifecycleDriver;
  beforeAll(async () => {
    world = await openCampaignWorld();
    drive = lifecycleDriver(world);
  });
  afterAll(async () => world?.close());

  /** A new car delivered next Tuesday on a lease, and the two check-in mails it must bring. */
  async function deliverNewCar(lastName: string, driver = drive) {
    const customer = await addCustomer(world.db.prisma, world.dealership, { lastName });
    const car = await addVehicle(world.db.prisma, world.dealership, customer.id);
    const delivered = await world.nextTuesday();
    await drive.on(delivered);
    await driver.event(customer.id, newCarOnLease(car.id, delivered));
    const threeDays = sendDay(plus(delivered, { days: 3 }), '11:00');
    const checkIns: Array<[string, string]> = [
      [threeDays, 'checkin-3-days'],
      [sendDay(plus(threeDays, { days: 27 }), '11:00'), 'checkin-satisfaction-30-days'],
    ];
    return { customer, car, delivered, checkIns };
  }

  async function newCarBuyer(lastName: string) {
    const bought = await deliverNewCar(lastName);
    await drive.until(bought.customer.id, (j) => j.enrollments.length === 4);
    return bought;
  }

  const runningEnrollments = async (customerId: string) => {
    const rows = await world.db.prisma.campaignEnrollment.findMany({ where: { customerId } });
    const running = [];
    for (const row of rows) {
      const run = await world.env.client.workflow.getHandle(row.workflowId!).describe();
      if (run.status.name === 'RUNNING') running.push(row.campaignId);
    }
    return running;
  };

  it('an objection in month 7 stops everything: no email, no task, ever again', async () => {
    const { customer, delivered, checkIns } = await newCarBuyer('Roth');
    await drive.on(plus(delivered, { months: 7 }));
    await drive.event(customer.id, { type: 'objection', note: 'Bitte keine Werbung mehr' });
    await drive.until(customer.id, (j) => j.status === 'objected' && j.enrollments.length === 0);

    await drive.on(plus(delivered, { months: 40 }));
    expect(await drive.mailsOf(customer.email)).toEqual(checkIns);
    expect(await drive.tasksOf(customer.id)).toEqual([]);
    expect(await runningEnrollments(customer.id)).toEqual([]);
    expect(await world.db.prisma.campaignEnrollment.count({ where: { customerId: customer.id, status: 'active' } })).toBe(0);
    expect((await drive.journey(customer.id)).dormancyCheckAt).toBeUndefined();
  });

  it('erasure while every campaign sleeps: the lifecycle ends, no timer is left, no email follows, the personal data is gone', async () => {
    const { customer, delivered, checkIns } = await newCarBuyer('Sommer');
    await drive.on(plus(delivered, { months: 2 }));
    await drive.event(customer.id, {
      type: 'interaction_recorded',
      channel: 'email',
      direction: 'inbound',
      summary: 'Frau Sommer fragt nach Zubehör',
    });
    await drive.event(customer.id, { type: 'erasure_requested' });
    const final = await world.env.client.workflow.getHandle(lifecycleWorkflowId(customer.id)).result();
    expect(final.status).toBe('erased');
    expect(await runningEnrollments(customer.id)).toEqual([]);

    await drive.on(plus(delivered, { months: 40 }));
    expect(await drive.mailsOf(customer.email)).toEqual(checkIns);
    const row = await world.db.prisma.customer.findUniqueOrThrow({ where: { id: customer.id } });
    expect([row.firstName, row.lastName, row.email, row.phone, row.erasedAt !== null]).toEqual([null, 'gelöscht', null, null, true]);
    const touchpoints = await world.db.prisma.touchpoint.findMany({ where: { customerId: customer.id } });
    expect(new Set(touchpoints.map((t) => t.summary))).toEqual(new Set(['gelöscht']));
    const messages = await world.db.prisma.message.findMany({ where: { customerId: customer.id } });
    expect(messages.map((m) => [m.recipientEmail, m.subject, m.payload])).toEqual(messages.map(() => ['', null, null]));

    // A late event for the erased customer starts nothing new.
    await drive.event(customer.id, { type: 'interaction_recorded', channel: 'phone', direction: 'inbound', summary: 'Anruf' });
    const again = await world.env.client.workflow.getHandle(lifecycleWorkflowId(customer.id)).result();
    expect(again.status).toBe('erased');
    expect(await world.db.prisma.touchpoint.count({ where: { customerId: customer.id } })).toBe(touchpoints.length);
    await drive.recordHistory(lifecycleWorkflowId(customer.id), 'lifecycle-erased-restart');
  });

  /**
   * Waits, without a query, until the lifecycle runs in a run after `previousRunId` whose last workflow task is done:
   * the Java test server buffers a query that arrives while a task is running, and a task that then continues as new
   * fails to complete ("workflow execution already completed") and stops time skipping.
   */
  async function asleepInANewRun(customerId: string, previousRunId?: string): Promise<string> {
    const handle = world.env.client.workflow.getHandle(lifecycleWorkflowId(customerId));
    return eventually(`lifecycle of ${customerId} asleep in a new run`, async () => {
      const { runId } = await handle.describe();
      if (runId === previousRunId) return undefined;
      const events = (await world.env.client.workflow.getHandle(handle.workflowId, runId).fetchHistory()).events ?? [];
      const started = events[0]?.workflowExecutionStartedEventAttributes;
      const { EventType } = temporal.api.enums.v1;
      const count = (type: temporal.api.enums.v1.EventType) => events.filter((e) => e.eventType === type).length;
      const tasksDone =
        count(EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED) ===
        count(EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED) +
          count(EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED) +
          count(EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT);
      return started?.continuedExecutionRunId && tasksDone && count(EventType.EVENT_TYPE_TIMER_STARTED) > 0 ? runId : undefined;
    });
  }

  it('a new run after every event and timer keeps every schedule and enrollment: the check-ins and the reactivation still come', async () => {
    // No query while a run may be continuing as new (see asleepInANewRun), and no burst of events:
    // lifecycleBurstAcrossRuns.test.ts sends one on the dev server.
    const everyEvent = lifecycleDriver(world, { continueAsNewAfter: 1 });
    const { customer, delivered, checkIns } = await deliverNewCar('Winter', everyEvent);
    const secondRun = await asleepInANewRun(customer.id);
    const afterDelivery = await everyEvent.journey(customer.id);
    expect([afterDelivery.runEvents, afterDelivery.eventsHandled, afterDelivery.enrollments.length]).toEqual([0, 1, 4]);

    // The children kept running through the new runs, and the lifecycle's own timer still fires.
    await drive.on(plus(delivered, { days: 40 }));
    expect(await drive.mailsOf(customer.email, 2)).toEqual(checkIns);
    await drive.on(plus(delivered, { months: 19 }));
    const mails = await drive.mailsOf(customer.email);
    expect(mails.map(([, template]) => template)).toContain('reactivation-1');
    await asleepInANewRun(customer.id, secondRun);
    const later = await everyEvent.journey(customer.id);
    expect(later.reactivation).toBeDefined();
    expect(later.vehicles).toEqual(afterDelivery.vehicles);
    await drive.recordHistory(lifecycleWorkflowId(customer.id), 'lifecycle-continued-as-new');
  });

  it('a delivery imported long after the fact enrolls no "how is your new car?" check-ins, only the service, HU and repurchase cycles', async () => {
    const customer = await addCustomer(world.db.prisma, world.dealership, { lastName: 'Altkunde' });
    const car = await addVehicle(world.db.prisma, world.dealership, customer.id, { firstRegistrationAt: new Date('2021-04-01') });
    const today = await world.nextTuesday();
    await drive.on(today);
    await drive.event(customer.id, {
      type: 'vehicle_delivered',
      vehicleId: car.id,
      deliveredOn: plus(today, { years: -2 }),
      condition: 'used',
    });
    await drive.until(customer.id, (j) => j.enrollments.length >= 2);
    const campaigns = (await world.db.prisma.campaignEnrollment.findMany({ where: { customerId: customer.id } })).map((e) => e.campaignId);
    expect(campaigns).not.toContain('post-purchase-check-ins');
    expect(campaigns).toEqual(expect.arrayContaining(['service-reminders', 'hu-reminders']));
  });
});
