import { defineCampaign, send } from '../../campaigns/dsl';
import { AROUND_THE_CLOCK } from '../../engine/sendingWindow';
import { startNewsletterRun } from '../../newsletters/runs';
import { enrollmentWorkflowId } from '../../workflows/campaignEnrollment/contract';
import type { NewsletterProgress } from '../../workflows/newsletterRun/contract';
import { evNewsletter } from '../support/newsletterWorld';
import { recordHistory } from '../support/recordedHistories';
import { resultWithoutMovingTheClock } from '../support/temporalEnv';
import { addCustomer, addVehicle } from '../support/dealership';
import { openCampaignWorld, type CampaignWorld } from '../support/campaignScenario';
import { lifecycleDriver } from '../support/lifecycleWorld';

const checkIn = defineCampaign({
  id: 'check-in-after-delivery',
  version: 1,
  name: 'Check-in after delivery',
  audience: 'Buyers',
  legalBasis: 'existing_customer',
  context: [],
  steps: [send('checkin-3-days')],
});

/**
 * Autohaus Berger's mail relay refuses every message for days (451, "try again later"). The check-in
 * to Herr Brandt retries with backoff for hours, then gives up; the dealer must see that he dropped
 * out of the campaign, not find a failed workflow in a tool they never open.
 */
describe('a campaign step that gives up', () => {
  let world: CampaignWorld;
  beforeAll(async () => {
    world = await openCampaignWorld();
  }, 240_000);
  afterAll(() => world?.close());

  it('ends the enrollment as exited, notes it on the timeline and gives the managers a task naming the cause', async () => {
    const { prisma } = world.db;
    const customer = await addCustomer(prisma, world.dealership, { firstName: 'Jonas', lastName: 'Brandt' });
    const vehicle = await addVehicle(prisma, world.dealership, customer.id);
    world.smtp.setRejectWhile(() => true, 451, '4.3.2 Try again later');

    const admission = await world.enroll(checkIn, customer.id, { vehicleId: vehicle.id });
    if (!admission.admitted) throw new Error('not admitted');
    const final = await world.resultOf(admission.enrollmentId);
    world.smtp.setRejectWhile(null);

    expect(final.status).toBe('exited');
    expect(final.exitReason).toBe('step gave up: deliverCampaignMessage');
    expect(world.mailsTo(customer.email)).toHaveLength(0);
    expect(world.smtp.stats().rejected).toBeGreaterThan(1); // it did retry before giving up

    const row = await prisma.campaignEnrollment.findUniqueOrThrow({ where: { id: admission.enrollmentId } });
    expect([row.status, row.exitReason]).toEqual(['exited', 'step gave up: deliverCampaignMessage']);

    const note = await prisma.touchpoint.findFirstOrThrow({ where: { customerId: customer.id, kind: 'campaign.step_failed' } });
    expect(note.summary).toContain('Kampagne „check-in-after-delivery“ gestoppt (E-Mail senden, Schritt 0)');
    const task = await prisma.staffTask.findFirstOrThrow({ where: { enrollmentId: admission.enrollmentId, kind: 'campaign_step_failed' } });
    expect(task.role).toBe('manager');
    expect(task.title).toBe('Kampagne gestoppt: check-in-after-delivery (E-Mail senden)');
    expect(task.details).toMatch(/451|Try again later/);
    await recordHistory(world.env.client, enrollmentWorkflowId(admission.enrollmentId), 'enrollment-step-gave-up');
  });
});

/**
 * A dealer's own campaign folder lacks the built-in check-in campaign that a delivery enrolls into.
 * The delivery of Frau Albers' car cannot be handled; her lifecycle must say so to the managers and
 * go on with her next event, not die with it.
 */
describe('a lifecycle event whose handling gives up', () => {
  let world: CampaignWorld;
  beforeAll(async () => {
    world = await openCampaignWorld({ catalogue: new Map() });
  }, 240_000);
  afterAll(() => world?.close());

  it('is noted on the timeline and as a managers task, and the lifecycle handles the next event', async () => {
    const { prisma } = world.db;
    const drive = lifecycleDriver(world);
    const customer = await addCustomer(prisma, world.dealership, { firstName: 'Greta', lastName: 'Albers' });
    const car = await addVehicle(prisma, world.dealership, customer.id);
    const delivered = await world.nextTuesday();
    await drive.on(delivered);
    const deliveryId = await drive.event(customer.id, {
      type: 'vehicle_delivered',
      vehicleId: car.id,
      deliveredOn: delivered,
      condition: 'new',
    });
    await drive.event(customer.id, {
      type: 'interaction_recorded',
      channel: 'phone',
      direction: 'inbound',
      summary: 'Fragt nach Winterreifen',
    });

    const journey = await drive.until(customer.id, (j) => j.eventsHandled === 2 && j);
    expect(journey.status).toBe('active');
    expect(journey.enrollments).toEqual([]);
    const note = await prisma.touchpoint.findFirstOrThrow({ where: { customerId: customer.id, kind: 'lifecycle.event_failed' } });
    expect(note.summary).toContain('Ereignis „vehicle_delivered“ nicht vollständig verarbeitet (in eine Kampagne aufnehmen)');
    expect(note.summary).toContain('campaign catalogue: campaignId has no campaign');
    const task = await prisma.staffTask.findUniqueOrThrow({ where: { idempotencyKey: `lifecycle/${customer.id}/failed/${deliveryId}` } });
    expect([task.role, task.kind]).toEqual(['manager', 'lifecycle_event_failed']);
    expect(await prisma.touchpoint.count({ where: { customerId: customer.id, summary: 'Fragt nach Winterreifen' } })).toBe(1);
    const described = await world.env.client.workflow.getHandle(drive.lifecycleId(customer.id)).describe();
    expect(described.status.name).toBe('RUNNING');
    await recordHistory(world.env.client, drive.lifecycleId(customer.id), 'lifecycle-event-gave-up');
  });
});

/**
 * Autohaus Berger's winter newsletter to its EV owners goes out while the relay refuses everything
 * (451) for hours. The batch retries with backoff, then gives up; the cockpit must not show a run
 * that is "running" forever while nothing is sent.
 */
describe('a newsletter run whose batch gives up', () => {
  let world: CampaignWorld;
  beforeAll(async () => {
    world = await openCampaignWorld({ sendingWindow: AROUND_THE_CLOCK });
  }, 240_000);
  afterAll(() => world?.close());

  it('ends the run as failed with the counts and the cause, and gives the managers a task', async () => {
    const { prisma } = world.db;
    for (const lastName of ['Ehlers', 'Stromberg']) {
      const owner = await addCustomer(prisma, world.dealership, { lastName });
      await addVehicle(prisma, world.dealership, owner.id, { fuelType: 'electric' });
    }
    world.smtp.setRejectWhile(() => true, 451, '4.3.2 Try again later');

    const { workflowId } = await startNewsletterRun({ client: world.env.client, taskQueue: world.engine.taskQueue }, evNewsletter(), {
      label: 'relay-down',
    });
    const final = await resultWithoutMovingTheClock<NewsletterProgress>(world.env, workflowId);
    world.smtp.setRejectWhile(null);

    expect(final).toMatchObject({ status: 'failed', total: 2, sent: 0, remaining: 2 });
    expect(final.failure?.activityType).toBe('deliverNewsletterBatch');
    expect(final.failure?.cause).toMatch(/451|Try again later/);
    expect(world.smtp.stats().rejected).toBeGreaterThan(2); // it did retry before giving up
    expect(world.smtp.messages()).toHaveLength(0);

    const run = await prisma.newsletterRun.findUniqueOrThrow({ where: { workflowId } });
    expect(run.status).toBe('failed');
    expect(run.finishedAt).not.toBeNull();
    expect(run.summary).toMatchObject({ total: 2, sent: 0, remaining: 2, failure: { activityType: 'deliverNewsletterBatch' } });
    const task = await prisma.staffTask.findUniqueOrThrow({ where: { idempotencyKey: `newsletter-run/${run.id}/failed` } });
    expect([task.role, task.kind, task.title]).toEqual(['manager', 'newsletter_run_failed', 'Newsletter gestoppt: E-Auto im Winter']);
    expect(task.details).toContain('0 von 2 Empfängern erreicht, 2 nicht erreicht.');
    const described = await world.env.client.workflow.getHandle(workflowId).describe();
    expect(described.status.name).toBe('COMPLETED');
    await recordHistory(world.env.client, workflowId, 'newsletter-run-gave-up');
  });
});
