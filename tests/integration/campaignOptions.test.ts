import { WorkflowNotFoundError } from '@temporalio/client';
import { DateTime } from 'luxon';
import { isInHoldout } from '../../activities/enrollments';
import { createTask, defineCampaign, send, wait, type CampaignDefinition, type ReentryRule } from '../../campaigns/dsl';
import { enrollmentWorkflowId } from '../../workflows/campaignEnrollment/contract';
import { addCustomer, addVehicle } from '../support/dealership';
import { openCampaignWorld, type CampaignWorld } from '../support/campaignScenario';

const DAY_MS = 86_400_000;

/** A one-day campaign that ends with a call from the salesperson: enough to show who may enter again. */
const callCampaign = (id: string, reentry: ReentryRule) =>
  defineCampaign({
    id,
    version: 1,
    name: 'Offer call',
    audience: 'Customers with an open offer',
    legalBasis: 'existing_customer',
    options: { reentry },
    steps: [wait({ days: 1 }), createTask('salesperson', 'call_about_offer')],
  });

const checkInWithControlGroup = (version: number) =>
  defineCampaign({
    id: 'check-in-with-control-group',
    version,
    name: 'Check-in with a control group',
    audience: 'Buyers of the last week',
    legalBasis: 'existing_customer',
    options: { holdoutPercent: 50, reentry: { mode: 'after_exit' } },
    steps: version === 1 ? [send('checkin-3-days')] : [wait({ days: 1 }), send('checkin-3-days')],
  });

/** A service series; version 2 ends with a different email than version 1. */
const serviceSeries = (version: 1 | 2) =>
  defineCampaign({
    id: 'service-series',
    version,
    name: 'Service series',
    audience: 'Customers whose inspection is due',
    legalBasis: 'existing_customer',
    context: ['dueDate'],
    steps: [send('service-reminder'), wait({ weeks: 2 }), send(version === 1 ? 'service-reminder-followup' : 'first-service-invitation')],
  });

describe('campaign options in dealer scenarios', () => {
  let world: CampaignWorld;
  beforeAll(async () => {
    world = await openCampaignWorld();
  });
  afterAll(async () => world?.close());

  async function customerWithCar(data: Parameters<typeof addCustomer>[2] = {}) {
    const customer = await addCustomer(world.db.prisma, world.dealership, data);
    const vehicle = await addVehicle(world.db.prisma, world.dealership, customer.id);
    return { customer, vehicle };
  }

  async function enrolled(definition: CampaignDefinition, customerId: string, options: Parameters<CampaignWorld['enroll']>[2] = {}) {
    const admission = await world.enroll(definition, customerId, options);
    if (!admission.admitted) throw new Error(`not admitted: ${JSON.stringify(admission)}`);
    return admission.enrollmentId;
  }

  async function hasWorkflow(enrollmentId: string): Promise<boolean> {
    try {
      await world.env.client.workflow.getHandle(enrollmentWorkflowId(enrollmentId)).describe();
      return true;
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return false;
      throw error;
    }
  }

  describe('re-entry', () => {
    it("'never': a customer who went through the campaign never enters it again", async () => {
      const { customer } = await customerWithCar();
      const campaign = callCampaign('offer-call-once', { mode: 'never' });
      const first = await enrolled(campaign, customer.id);
      expect((await world.resultOf(first)).status).toBe('completed');

      expect(await world.enroll(campaign, customer.id)).toEqual({ admitted: false, reason: 'reentry_never' });
    });

    it("'after_exit': refused while the customer is still in the campaign, admitted once it has ended", async () => {
      const { customer } = await customerWithCar();
      const campaign = callCampaign('offer-call-after-exit', { mode: 'after_exit' });
      const first = await enrolled(campaign, customer.id);

      expect(await world.enroll(campaign, customer.id)).toEqual({ admitted: false, reason: 'already_active' });
      expect((await world.resultOf(first)).status).toBe('completed');
      const again = await world.enroll(campaign, customer.id);
      expect(again).toMatchObject({ admitted: true, holdout: false });
      expect(again).not.toMatchObject({ enrollmentId: first });
    });

    it("'after_days' 30: refused ten days after entering, admitted after 31 days", async () => {
      const { customer } = await customerWithCar();
      const campaign = callCampaign('offer-call-monthly', { mode: 'after_days', days: 30 });
      const enteredAt = await world.env.currentTimeMs();
      const first = await enrolled(campaign, customer.id, { now: new Date(enteredAt) });
      expect((await world.resultOf(first)).status).toBe('completed');

      expect(await world.enroll(campaign, customer.id, { now: new Date(enteredAt + 10 * DAY_MS) })).toEqual({
        admitted: false,
        reason: 'reentry_too_soon',
      });
      expect(await world.enroll(campaign, customer.id, { now: new Date(enteredAt + 31 * DAY_MS) })).toMatchObject({ admitted: true });
      const rows = await world.db.prisma.campaignEnrollment.findMany({ where: { customerId: customer.id }, orderBy: { enteredAt: 'asc' } });
      expect(rows.map((r) => r.enteredAt.getTime() - enteredAt)).toEqual([0, 31 * DAY_MS]);
    });
  });

  describe('control group (holdout)', () => {
    it('with 50% holdout, held-out customers are recorded but get nothing; the same customers are held out again', async () => {
      const buyers = [];
      for (let i = 0; i < 20; i++) buyers.push(await customerWithCar({ lastName: `Käufer${i}` }));
      await world.skipTo(`${await world.nextTuesday()}T10:00`);
      const campaign = checkInWithControlGroup(1);

      const outcomes = [];
      for (const { customer, vehicle } of buyers) {
        const admission = await world.enroll(campaign, customer.id, { vehicleId: vehicle.id });
        outcomes.push({ customer, admission, expectedHoldout: isInHoldout(campaign.id, customer.id, 50) });
      }
      const heldOut = outcomes.filter((o) => o.expectedHoldout);
      const treated = outcomes.filter((o) => !o.expectedHoldout);
      expect(heldOut.length).toBeGreaterThan(0);
      expect(treated.length).toBeGreaterThan(0);

      for (const { customer, admission } of heldOut) {
        expect(admission).toMatchObject({ admitted: false, holdout: true });
        if (!('enrollmentId' in admission)) throw new Error('no enrollment recorded');
        expect(await hasWorkflow(admission.enrollmentId)).toBe(false);
        const row = await world.db.prisma.campaignEnrollment.findUniqueOrThrow({ where: { id: admission.enrollmentId } });
        expect([row.customerId, row.holdout, row.workflowId]).toEqual([customer.id, true, null]);
      }
      for (const { admission } of treated) {
        if (!admission.admitted) throw new Error(`expected admission, got ${JSON.stringify(admission)}`);
        expect((await world.resultOf(admission.enrollmentId)).status).toBe('completed');
      }
      await world.smtp.waitForMessages({ count: treated.length, where: (m) => m.subject?.includes('neues Auto') ?? false }, 120_000);
      for (const { customer } of treated) expect(world.mailsTo(customer.email)).toHaveLength(1);
      for (const { customer } of heldOut) expect(world.mailsTo(customer.email)).toHaveLength(0);

      // Version 2 of the campaign: every customer gets the same decision as before.
      const again = [];
      for (const { customer, vehicle } of buyers) {
        again.push(await world.enroll(checkInWithControlGroup(2), customer.id, { vehicleId: vehicle.id }));
      }
      expect(again.map((a) => 'holdout' in a && a.holdout)).toEqual(outcomes.map((o) => o.expectedHoldout));
    });
  });

  describe('pinned definitions', () => {
    it('a customer mid-campaign keeps the version they entered; new customers get the redeployed one', async () => {
      const early = await customerWithCar({ lastName: 'Früh' });
      const late = await customerWithCar({ lastName: 'Spät' });
      const tuesday = await world.nextTuesday();
      await world.skipTo(`${tuesday}T10:00`);
      // Due eight months after the enrollment day, whichever day earlier scenarios left the clock at.
      const context = { dueDate: DateTime.fromISO(tuesday).plus({ months: 8 }).toISODate()! };
      const inV1 = await enrolled(serviceSeries(1), early.customer.id, { vehicleId: early.vehicle.id, context });
      await world.waitForMailTo(early.customer.email);

      // While the v1 customer sleeps, marketing redeploys the campaign with a different last email.
      const inV2 = await enrolled(serviceSeries(2), late.customer.id, { vehicleId: late.vehicle.id, context });
      await world.waitForMailTo(late.customer.email);
      const sleeping = await world.stateOf(inV1);
      expect(sleeping.currentStep).toMatchObject({ path: '1', kind: 'wait' });
      expect(sleeping.upcoming).toEqual([
        { at: sleeping.wakeAt, campaignId: 'service-series', stepPath: '2', kind: 'send', name: 'service-reminder-followup' },
      ]);
      const twoWeeksLater = DateTime.fromISO(tuesday, { zone: 'Europe/Berlin' }).plus({ weeks: 2 }).toISODate();
      expect(DateTime.fromISO(sleeping.wakeAt!).setZone('Europe/Berlin').toFormat('yyyy-MM-dd HH:mm')).toBe(`${twoWeeksLater} 10:00`);

      const [finalV1, finalV2] = [await world.resultOf(inV1), await world.resultOf(inV2)];
      expect([finalV1.campaignVersion, finalV2.campaignVersion]).toEqual([1, 2]);
      const subjects = async (email: string | null) => (await world.waitForMailTo(email, 2)).map((m) => m.subject);
      expect(await subjects(early.customer.email)).toEqual([
        expect.stringMatching(/nächste Inspektion/),
        expect.stringMatching(/^Erinnerung: Inspektion/),
      ]);
      expect(await subjects(late.customer.email)).toEqual([
        expect.stringMatching(/nächste Inspektion/),
        expect.stringMatching(/erste Inspektion/),
      ]);
    });
  });
});
