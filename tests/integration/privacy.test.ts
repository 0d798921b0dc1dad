import crypto from 'node:crypto';
import { buildApiApp } from '../../api/buildApp';
import { createApiKey } from '../../api/apiKeys';
import { shippedTemplates } from '../../campaigns/catalogue';
import { branch, createTask, defineCampaign, eq, send } from '../../campaigns/dsl';
import { validateCampaign } from '../../campaigns/dsl/validate';
import { startEnrollment } from '../../campaigns/startEnrollment';
import { readSettings } from '../../config/settings';
import { submitLead } from '../../leads/intake';
import { queryLeadState } from '../../leads/leadFollowUpClient';
import { newsletterRunResult, startNewsletterRun } from '../../newsletters/runs';
import { enrollmentWorkflowId, type EnrollmentState } from '../../workflows/campaignEnrollment/contract';
import { lifecycleWorkflowId } from '../../workflows/customerLifecycle/contract';
import { leadWorkflowId } from '../../workflows/leadFollowUp/contract';
import { apiClient, type ApiResponse } from '../support/apiClient';
import { addCustomer, addVehicle } from '../support/dealership';
import { eventually } from '../support/eventually';
import { evNewsletter, openNewsletterWorld, type NewsletterWorld } from '../support/newsletterWorld';
import { isLocalActivityMarker, isPatchMarker, readHistories, tablesContaining } from '../support/temporalHistories';

/** German customers get the service email, English-speaking ones a call: a branch on the customer's data. */
const serviceByLanguage = defineCampaign({
  id: 'service-by-language',
  version: 1,
  name: 'Service reminder by language',
  audience: 'Customers whose inspection is due',
  legalBasis: 'existing_customer',
  context: ['dueDate'],
  steps: [branch(eq('customer.language', 'en'), [createTask('service_advisor', 'call_in_english')], [send('service-reminder')])],
});

/**
 * Wiebke Quastenberg asks for a test drive, gets a service reminder, moves house (new email and
 * phone) and receives the EV newsletter; then she asks to be forgotten. Real Temporal dev server,
 * PostgreSQL, SMTP receiver and engine worker; the histories are read back from Temporal.
 */
describe('privacy: nothing personal in Temporal, and an erasure that reaches everything', () => {
  let world: NewsletterWorld;
  let call: (request: Parameters<ReturnType<typeof apiClient>>[0]) => Promise<ApiResponse>;
  let auth: { authorization: string };
  let close: () => Promise<void>;
  const wiebke = {
    firstName: 'Wiebke',
    lastName: 'Quastenberg',
    email: 'wiebke.quastenberg@example.de',
    phone: '+49 171 5550123',
    newEmail: 'w.quastenberg@posteo.example',
    newPhone: '+49 8031 909182',
    vin: 'WVWZZZE1ZPQ884712',
    plate: 'RO-WQ 812',
    dmsNumber: 'KD-884712',
    interaction: 'Frau Quastenberg fragt nach einer Wallbox',
  };
  const personal = [
    wiebke.firstName,
    wiebke.lastName,
    wiebke.email,
    wiebke.phone,
    wiebke.newEmail,
    wiebke.newPhone,
    wiebke.vin,
    wiebke.plate,
    wiebke.dmsNumber,
  ];
  let customerId: string;
  let leadId: string;
  let newsletterWorkflowId: string;
  const customerWorkflows = async () => {
    const enrollments = await world.db.prisma.campaignEnrollment.findMany({ where: { customerId }, select: { id: true } });
    return [lifecycleWorkflowId(customerId), ...enrollments.map((e) => enrollmentWorkflowId(e.id))];
  };

  beforeAll(async () => {
    world = await openNewsletterWorld();
    const settings = readSettings({ LOG_LEVEL: 'warn', PUBLIC_BASE_URL: 'https://autohaus-berger.example' });
    const app = buildApiApp({
      prisma: world.db.prisma,
      client: world.env.client,
      taskQueue: world.engine.taskQueue,
      settings,
      logger: false,
    });
    call = apiClient(await app.listen({ port: 0, host: '127.0.0.1' }));
    auth = {
      authorization: `Bearer ${(await createApiKey(world.db.prisma, { name: 'Datenschutz', dealerId: world.dealership.dealer.id })).key}`,
    };
    close = async () => {
      await app.close();
      await world.close();
    };

    const { db, dealership, env, engine } = world;
    const customer = await addCustomer(db.prisma, dealership, {
      firstName: wiebke.firstName,
      lastName: wiebke.lastName,
      email: wiebke.email,
      phone: wiebke.phone,
      externalDmsId: wiebke.dmsNumber,
    });
    customerId = customer.id;
    const vehicle = await addVehicle(db.prisma, dealership, customer.id, {
      vin: wiebke.vin,
      licensePlate: wiebke.plate,
      externalDmsId: `F-${wiebke.dmsNumber}`,
      fuelType: 'electric',
    });

    // A test-drive request from the website: matched to her by email, followed up by a lead workflow.
    const lead = await submitLead(
      { client: env.client, prisma: db.prisma, taskQueue: engine.taskQueue },
      {
        dealerId: dealership.dealer.id,
        locationId: dealership.location.id,
        kind: 'test_drive',
        source: 'website',
        customer: { firstName: wiebke.firstName, lastName: wiebke.lastName, email: wiebke.email, phone: wiebke.phone },
        message: `Hallo, hier ist ${wiebke.firstName} ${wiebke.lastName}, bitte unter ${wiebke.phone} anrufen.`,
        vehicleOfInterest: 'VW ID.7 Tourer',
      },
    );
    expect(lead.customerId).toBe(customerId);
    leadId = lead.leadId;
    await eventually('the lead is assigned', async () => (await queryLeadState(env.client, leadId)).assigneeId !== undefined);

    // A campaign whose branch reads her data (language): she is German, so she gets the email.
    const admission = await startEnrollment({
      client: env.client,
      prisma: db.prisma,
      taskQueue: engine.taskQueue,
      definition: validateCampaign(serviceByLanguage, shippedTemplates),
      customerId,
      vehicleId: vehicle.id,
      context: { dueDate: '2027-05-03' },
    });
    if (!admission.admitted) throw new Error(`not admitted: ${JSON.stringify(admission)}`);
    const enrollment: EnrollmentState = await env.client.workflow.getHandle(enrollmentWorkflowId(admission.enrollmentId)).result();
    expect(enrollment.taken.map((t) => [t.path, t.outcome])).toEqual([
      ['0', 'else'],
      ['0.else.0', 'sent'],
    ]);

    // She moves: new email and phone through the API, and the salesperson notes a call.
    const occurredAt = new Date().toISOString();
    const changed = await call({
      method: 'POST',
      url: `/customers/${customerId}/events`,
      headers: auth,
      payload: {
        type: 'customer_data_changed',
        eventId: crypto.randomUUID(),
        occurredAt,
        changes: { email: wiebke.newEmail, phone: wiebke.newPhone },
      },
    });
    expect(changed.statusCode).toBe(202);
    const noted = await call({
      method: 'POST',
      url: `/customers/${customerId}/events`,
      headers: auth,
      payload: {
        type: 'interaction_recorded',
        eventId: crypto.randomUUID(),
        occurredAt,
        channel: 'phone',
        direction: 'inbound',
        summary: wiebke.interaction,
      },
    });
    expect(noted.statusCode).toBe(202);
    await eventually('the data change is applied', async () => {
      const c = await db.prisma.customer.findUniqueOrThrow({ where: { id: customerId } });
      return c.email === wiebke.newEmail && c.phone === wiebke.newPhone;
    });
    await eventually('the interaction is recorded', () =>
      db.prisma.touchpoint.findFirst({ where: { customerId, summary: wiebke.interaction } }),
    );

    // The EV newsletter reaches her new address.
    const run = await startNewsletterRun({ client: env.client, taskQueue: engine.taskQueue }, evNewsletter(), { label: 'privacy' });
    newsletterWorkflowId = run.workflowId;
    expect(await newsletterRunResult(env.client, newsletterWorkflowId)).toMatchObject({ status: 'completed', sent: 1 });
    expect(world.smtp.messages().some((m) => m.envelope.to.includes(wiebke.newEmail))).toBe(true);
  }, 240_000);
  afterAll(async () => close?.());

  it('her lifecycle, enrollment and newsletter histories in Temporal are encrypted and, decrypted, hold none of her personal data', async () => {
    const histories = await readHistories(world.env.client, world.db.prisma, [...(await customerWorkflows()), newsletterWorkflowId]);
    for (const history of histories) {
      // Only Temporal's own markers are written in plaintext: a patch id, or a local activity's bookkeeping (sequence
      // number, attempt, activity type, times). Everything the engine sends, a local activity's result too, is encrypted.
      const notTemporalMarkers = history.plaintext.filter((text) => !isPatchMarker(text) && !isLocalActivityMarker(text));
      expect({ workflowId: history.workflowId, notTemporalMarkers }).toEqual({ workflowId: history.workflowId, notTemporalMarkers: [] });
      const leaks = personal.filter((value) => history.texts.some((text) => text.toLowerCase().includes(value.toLowerCase())));
      expect({ workflowId: history.workflowId, leaks }).toEqual({ workflowId: history.workflowId, leaks: [] });
    }
    expect(
      histories.find((h) => h.workflowId === lifecycleWorkflowId(customerId))!.texts.some((t) => t.includes('customer_data_changed')),
    ).toBe(true);
  });

  it('her lead history in Temporal holds none of her personal data either', async () => {
    const [history] = await readHistories(world.env.client, world.db.prisma, [leadWorkflowId(leadId)]);
    expect(history.plaintext).toEqual([]);
    expect(personal.filter((value) => history.texts.some((text) => text.toLowerCase().includes(value.toLowerCase())))).toEqual([]);
  });

  it('she asks to be forgotten: one API call with no body ends her workflows, blanks every table and shreds her key; a repeat changes nothing', async () => {
    const workflows = [...(await customerWorkflows()), leadWorkflowId(leadId)];
    const first = await call({ method: 'POST', url: `/customers/${customerId}/erasure`, headers: auth });
    expect(first.statusCode).toBe(202);
    expect(first.json()).toMatchObject({
      customerId,
      requestedBy: 'api-key:Datenschutz',
      stepsDone: ['workflows_ended', 'data_blanked', 'key_shredded'],
      duplicate: false,
    });
    expect(first.json().workflowsEnded).toEqual(expect.arrayContaining([lifecycleWorkflowId(customerId), leadWorkflowId(leadId)]));
    const repeated = await call({
      method: 'POST',
      url: `/customers/${customerId}/erasure`,
      headers: { ...auth, 'content-type': 'application/json' },
      payload: '',
    });
    expect(repeated.statusCode).toBe(202);
    expect(repeated.json()).toMatchObject({ erasureId: first.json().erasureId, duplicate: true, workflowsEnded: [] });
    expect(
      (
        await call({
          method: 'POST',
          url: `/customers/${customerId}/erasure`,
          headers: { ...auth, 'content-type': 'application/json' },
          payload: 'null',
        })
      ).statusCode,
    ).toBe(202);

    // No workflow of hers is running.
    for (const workflowId of workflows) {
      const { status } = await world.env.client.workflow.getHandle(workflowId).describe();
      expect({ workflowId, status: status.name }).not.toEqual({ workflowId, status: 'RUNNING' });
    }
    // What Temporal still keeps of her can no longer be decrypted; the dealer's newsletter history still can.
    for (const history of await readHistories(world.env.client, world.db.prisma, workflows)) {
      expect(history.encrypted).toBeGreaterThan(0);
      expect({ workflowId: history.workflowId, undecryptable: history.undecryptable }).toEqual({
        workflowId: history.workflowId,
        undecryptable: history.encrypted,
      });
    }
    const [newsletter] = await readHistories(world.env.client, world.db.prisma, [newsletterWorkflowId]);
    expect(newsletter.undecryptable).toBe(0);
    // No table holds her names, addresses, phone numbers, plate, VIN or DMS number any more.
    expect(await tablesContaining(world.db.prisma, personal)).toEqual([]);
    const request = await world.db.prisma.erasureRequest.findUniqueOrThrow({ where: { customerId } });
    expect(request).toMatchObject({ requestedBy: 'api-key:Datenschutz', stepsDone: ['workflows_ended', 'data_blanked', 'key_shredded'] });
    expect(request.completedAt).not.toBeNull();
  }, 120_000);
});
