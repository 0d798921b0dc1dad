import { DateTime } from 'luxon';
import { branch, createTask, defineCampaign, eq, send, wait, waitForEvent, type Step } from '../../campaigns/dsl';
import { addCustomer, addVehicle } from '../support/dealership';
import { openCampaignWorld, type CampaignWorld } from '../support/campaignScenario';
import { eventually } from '../support/eventually';
import { recordHistory } from '../support/recordedHistories';
import { enrollmentWorkflowId } from '../../workflows/campaignEnrollment/contract';

/** A service reminder; if the customer has not booked within two weeks, a follow-up and a call from the workshop. */
const serviceReminder = defineCampaign({
  id: 'service-reminder-with-call',
  version: 1,
  name: 'Service reminder, follow-up and call',
  audience: 'Customers whose inspection is due',
  legalBasis: 'existing_customer',
  context: ['dueDate'],
  steps: [
    send('service-reminder'),
    waitForEvent(
      'service_booked',
      { weeks: 2 },
      {
        onTimeout: [send('service-reminder-followup'), createTask('service_advisor', 'call_for_service', { dueIn: { days: 2 } })],
      },
    ),
  ],
});

/** English-speaking customers get a call from the workshop, everyone else the German email. */
const byLanguage = (steps: Step[] = []) =>
  defineCampaign({
    id: 'service-by-language',
    version: 1,
    name: 'Service reminder by language',
    audience: 'Customers whose inspection is due',
    legalBasis: 'existing_customer',
    context: ['dueDate'],
    steps: [
      ...steps,
      branch(eq('customer.language', 'en'), [createTask('service_advisor', 'call_in_english')], [send('service-reminder')]),
    ],
  });

describe('campaign steps in dealer scenarios', () => {
  let world: CampaignWorld;
  beforeAll(async () => {
    world = await openCampaignWorld();
  });
  afterAll(async () => world?.close());

  const tasksOf = (customerId: string) =>
    world.db.prisma.staffTask.findMany({ where: { customerId }, include: { assignee: true }, orderBy: { createdAt: 'asc' } });

  type CustomerData = Parameters<typeof addCustomer>[2];

  /** Customers with a car each, enrolled together on a Tuesday at 10:00 (inside the sending window). */
  /** The inspection is due eight months after the enrollment day, whichever day earlier scenarios left the clock at. */
  const inspectionDueAfter = (day: string) => DateTime.fromISO(day).plus({ months: 8 }).toISODate()!;

  async function enrollOnTuesday(definition: Parameters<CampaignWorld['enroll']>[0], ...people: CustomerData[]) {
    const customers = [];
    for (const data of people) {
      const customer = await addCustomer(world.db.prisma, world.dealership, data);
      customers.push({ customer, vehicle: await addVehicle(world.db.prisma, world.dealership, customer.id) });
    }
    const tuesday = await world.nextTuesday();
    await world.skipTo(`${tuesday}T10:00`);
    const enrolled = [];
    for (const { customer, vehicle } of customers) {
      const admission = await world.enroll(definition, customer.id, {
        vehicleId: vehicle.id,
        context: { dueDate: inspectionDueAfter(tuesday) },
      });
      if (!admission.admitted) throw new Error(`not admitted: ${JSON.stringify(admission)}`);
      enrolled.push({ customer, enrollmentId: admission.enrollmentId, tuesday });
    }
    return enrolled;
  }

  const untilState = (enrollmentId: string, ready: (state: Awaited<ReturnType<CampaignWorld['stateOf']>>) => boolean) =>
    eventually(`enrollment ${enrollmentId} in the expected state`, async () => {
      const state = await world.stateOf(enrollmentId); // throws until the worker picked it up
      return ready(state) && state;
    });

  describe('waiting for an event', () => {
    it('a customer who books service after the reminder gets no follow-up and no call', async () => {
      const [{ customer, enrollmentId }] = await enrollOnTuesday(serviceReminder, { lastName: 'Vogel' });
      await world.waitForMailTo(customer.email);
      await untilState(enrollmentId, (s) => s.waitingForEvent === 'service_booked');

      await world.signalEvent(enrollmentId, 'service_booked');
      const final = await world.resultOf(enrollmentId);

      expect(final.status).toBe('completed');
      expect(final.taken.map((t) => [t.path, t.outcome])).toEqual([
        ['0', 'sent'],
        ['1', 'service_booked arrived'],
      ]);
      expect(world.mailsTo(customer.email).map((m) => m.subject)).toEqual([expect.stringMatching(/Ihre nächste Inspektion steht an/)]);
      expect(await tasksOf(customer.id)).toEqual([]);
      await recordHistory(world.env.client, enrollmentWorkflowId(enrollmentId), 'enrollment-event-arrived');
    });

    it('a customer who does not book within two weeks gets the follow-up, and Stefan Maier is asked to call', async () => {
      const [{ customer, enrollmentId, tuesday }] = await enrollOnTuesday(serviceReminder, { lastName: 'Fischer' });
      const final = await world.resultOf(enrollmentId);

      expect(final.status).toBe('completed');
      expect(final.taken.map((t) => [t.path, t.outcome])).toEqual([
        ['0', 'sent'],
        ['1', 'timed out'],
        ['1.onTimeout.0', 'sent'],
        ['1.onTimeout.1', `task for staff ${world.dealership.staff.serviceAdvisor.id}`],
      ]);
      const mails = await world.waitForMailTo(customer.email, 2);
      expect(mails.map((m) => m.subject)).toEqual([
        expect.stringMatching(/nächste Inspektion/),
        expect.stringMatching(/^Erinnerung: Inspektion/),
      ]);
      const twoWeeksLater = DateTime.fromISO(tuesday).plus({ weeks: 2 }).toISODate();
      expect(DateTime.fromJSDate(new Date(mails[1].date!)).setZone('Europe/Berlin').toISODate()).toBe(twoWeeksLater);

      const tasks = await tasksOf(customer.id);
      expect(tasks.map((t) => [t.kind, t.role, `${t.assignee?.firstName} ${t.assignee?.lastName}`, t.title])).toEqual([
        ['call_for_service', 'service_advisor', 'Stefan Maier', 'call for service: Anna Fischer'],
      ]);
      expect(tasks[0].enrollmentId).toBe(enrollmentId);
      expect(tasks[0].dueAt!.getTime() - tasks[0].createdAt.getTime()).toBe(2 * 86_400_000);
      const touchpoints = await world.db.prisma.touchpoint.findMany({ where: { customerId: customer.id, kind: 'task.created' } });
      expect(touchpoints).toHaveLength(1);
      await recordHistory(world.env.client, enrollmentWorkflowId(enrollmentId), 'enrollment-event-timed-out-task');
      expect(touchpoints[0]).toMatchObject({ staffId: world.dealership.staff.serviceAdvisor.id, department: 'service' });
      expect(touchpoints[0].summary).toMatch(/service-reminder-with-call.*Stefan Maier/);
    });
  });

  describe('leaving on a goal', () => {
    const untilBooked = defineCampaign({
      id: 'service-until-booked',
      version: 1,
      name: 'Service reminders until booked',
      audience: 'Customers whose inspection is due',
      legalBasis: 'existing_customer',
      context: ['dueDate'],
      exitOn: ['service_booked'],
      steps: [send('service-reminder'), wait({ months: 2 }), send('service-reminder-followup')],
    });

    it('booking service while the campaign sleeps ends it at once, with no further email', async () => {
      const [{ customer, enrollmentId }] = await enrollOnTuesday(untilBooked, { lastName: 'Wagner' });
      await world.waitForMailTo(customer.email);
      const sleeping = await untilState(enrollmentId, (s) => s.currentStep?.kind === 'wait');
      expect(sleeping.wakeAt).toBeDefined();

      await world.signalEvent(enrollmentId, 'service_booked');
      const final = await world.resultOf(enrollmentId);

      expect([final.status, final.exitReason]).toEqual(['exited', 'goal reached: service_booked']);
      expect(final.taken.map((t) => t.path)).toEqual(['0']);
      expect(world.mailsTo(customer.email)).toHaveLength(1);
      const row = await world.db.prisma.campaignEnrollment.findUniqueOrThrow({ where: { id: enrollmentId } });
      expect([row.status, row.exitReason]).toEqual(['exited', 'goal reached: service_booked']);
      expect(row.exitedAt!.getTime() - row.enteredAt.getTime()).toBeLessThan(86_400_000); // not two months later
      await recordHistory(world.env.client, enrollmentWorkflowId(enrollmentId), 'enrollment-goal-reached-while-waiting');
    });
  });

  describe('branching on customer data', () => {
    it('English-speaking customers get a call from the workshop, German-speaking ones the email', async () => {
      const [english, german] = await enrollOnTuesday(
        byLanguage(),
        { language: 'en', lastName: 'Taylor' },
        { language: 'de', lastName: 'Huber' },
      );
      // One result at a time: each awaited result unlocks time skipping on the test server.
      const finalEnglish = await world.resultOf(english.enrollmentId);
      const finalGerman = await world.resultOf(german.enrollmentId);

      expect(finalEnglish.taken.map((t) => [t.path, t.outcome])).toEqual([
        ['0', 'then'],
        ['0.then.0', `task for staff ${world.dealership.staff.serviceAdvisor.id}`],
      ]);
      expect(finalGerman.taken.map((t) => [t.path, t.outcome])).toEqual([
        ['0', 'else'],
        ['0.else.0', 'sent'],
      ]);
      expect((await world.waitForMailTo(german.customer.email)).map((m) => m.subject)).toEqual([
        expect.stringMatching(/Ihre nächste Inspektion/),
      ]);
      expect(world.mailsTo(english.customer.email)).toEqual([]);
      expect((await tasksOf(english.customer.id)).map((t) => t.kind)).toEqual(['call_in_english']);
      expect(await tasksOf(german.customer.id)).toEqual([]);
    });

    it('the branch reads the customer as they are when it is reached, not as they were at enrollment', async () => {
      const [{ customer, enrollmentId }] = await enrollOnTuesday(byLanguage([wait({ weeks: 1 })]), { language: 'de', lastName: 'Brown' });
      await untilState(enrollmentId, (s) => s.currentStep?.kind === 'wait');

      // While the enrollment sleeps, the dealer learns that Mr Brown prefers English.
      await world.db.prisma.customer.update({ where: { id: customer.id }, data: { language: 'en' } });
      const final = await world.resultOf(enrollmentId);

      expect(final.taken.map((t) => [t.path, t.outcome])).toEqual([
        ['0', 'waited'],
        ['1', 'then'],
        ['1.then.0', `task for staff ${world.dealership.staff.serviceAdvisor.id}`],
      ]);
      expect((await tasksOf(customer.id)).map((t) => t.kind)).toEqual(['call_in_english']);
      expect(world.mailsTo(customer.email)).toEqual([]);
      await recordHistory(world.env.client, enrollmentWorkflowId(enrollmentId), 'enrollment-branch-after-wait');
    });
  });
});
