import { recordCustomerEvent } from '../../activities/lifecycle/recordEvent';
import { storeEventDetails } from '../../lifecycle/eventDetails';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { addCustomer, seedDealership, type Dealership } from '../support/dealership';

/**
 * The import signals a customer's car delivery; the worker records it and dies (or the attempt times out on a busy
 * machine) after the transaction committed but before Temporal heard of it. Temporal runs the same activity again.
 * That retry must hand the event on to the lifecycle (enrollments, a lead), not report it as a duplicate and drop it;
 * only a re-delivered event, recorded by someone else, is one.
 */
describe('recording a customer event when the recording activity is retried', () => {
  let db: TestDatabase;
  let dealership: Dealership;
  beforeAll(async () => {
    db = await createTestDatabase();
    dealership = await seedDealership(db.prisma);
  });
  afterAll(async () => {
    await db?.drop();
  });

  const event = (eventId: string) => ({
    type: 'interaction_recorded' as const,
    eventId,
    occurredAt: '2030-01-07T09:15:00+01:00',
    channel: 'phone' as const,
    direction: 'inbound' as const,
    summary: 'Kunde fragt nach dem Liefertermin',
  });

  it('hands the event on to its own retry, and calls it a duplicate for anyone else', async () => {
    const customer = await addCustomer(db.prisma, dealership, { externalDmsId: 'K-RETRY' });
    const input = { customerId: customer.id, event: event('dms:call-1'), now: '2030-01-07T09:16:00+01:00' };
    const attempt = 'customer-1/run-a/7';

    expect(await recordCustomerEvent(db.prisma, { ...input, recordedBy: attempt })).toMatchObject({ duplicate: false });
    // The worker died after the commit; Temporal retries the same activity.
    expect(await recordCustomerEvent(db.prisma, { ...input, recordedBy: attempt })).toMatchObject({ duplicate: false });
    // The same event delivered again later (a re-import): recorded once, and this time a duplicate.
    expect(await recordCustomerEvent(db.prisma, { ...input, recordedBy: 'customer-1/run-b/3' })).toMatchObject({ duplicate: true });
    expect(await recordCustomerEvent(db.prisma, input)).toMatchObject({ duplicate: true });

    const touchpoints = await db.prisma.touchpoint.findMany({ where: { customerId: customer.id, externalEventId: 'event:dms:call-1' } });
    expect(touchpoints).toHaveLength(1);
  });

  it('runs again after its commit without the event details it already applied and deleted (a local activity replayed)', async () => {
    const customer = await addCustomer(db.prisma, dealership, { externalDmsId: 'K-LOCAL' });
    // As the engine signals it: the summary waits in customer_event_details, the signal carries ids and enums only.
    const signal = await storeEventDetails(db.prisma, customer.id, event('dms:call-2'));
    expect(signal).not.toHaveProperty('summary');
    const input = { customerId: customer.id, event: signal, now: '2030-01-07T09:16:00+01:00', recordedBy: 'customer-2/run-a/3' };

    expect(await recordCustomerEvent(db.prisma, input)).toMatchObject({ duplicate: false });
    expect(await db.prisma.customerEventDetail.count({ where: { eventId: 'dms:call-2' } })).toBe(0);
    // The workflow task that ran it failed before Temporal recorded the result: the same step runs again.
    expect(await recordCustomerEvent(db.prisma, input)).toMatchObject({ duplicate: false });

    const touchpoints = await db.prisma.touchpoint.findMany({ where: { customerId: customer.id, externalEventId: 'event:dms:call-2' } });
    expect(touchpoints.map((t) => t.summary)).toEqual(['Kunde fragt nach dem Liefertermin']);
  });

  it('a consent recorded, then recorded again after its commit: one touchpoint with the source the customer gave', async () => {
    const customer = await addCustomer(db.prisma, dealership, { externalDmsId: 'K-CONSENT' });
    const consent = {
      type: 'consent_given' as const,
      eventId: 'web:consent-1',
      occurredAt: '2030-01-07T09:20:00+01:00',
      source: 'Website',
      wording: 'Ja, ich möchte Angebote per E-Mail erhalten.',
    };
    const signal = await storeEventDetails(db.prisma, customer.id, consent);
    const input = { customerId: customer.id, event: signal, now: '2030-01-07T09:21:00+01:00', recordedBy: 'customer-3/run-a/4' };

    expect(await recordCustomerEvent(db.prisma, input)).toMatchObject({ duplicate: false });
    // Without its details now, the summary would read "(undefined)": the insert finds the first one and writes nothing.
    expect(await recordCustomerEvent(db.prisma, input)).toMatchObject({ duplicate: false });
    expect(await recordCustomerEvent(db.prisma, { ...input, recordedBy: 'customer-3/run-b/4' })).toMatchObject({ duplicate: true });

    const touchpoints = await db.prisma.touchpoint.findMany({ where: { customerId: customer.id, externalEventId: 'event:web:consent-1' } });
    expect(touchpoints.map((t) => t.summary)).toEqual(['Einwilligung erteilt (Website)']);
  });
});
