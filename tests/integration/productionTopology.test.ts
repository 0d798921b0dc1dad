import { DateTime } from 'luxon';
import { logCallbackOutcome } from '../../leads/callbackOutcome';
import { submitLead } from '../../leads/intake';
import { queryLeadState } from '../../leads/leadFollowUpClient';
import { sendCustomerEvent } from '../../lifecycle/client';
import type { ReceivedMail } from '../../mail/smtpReceiver';
import { leadWorkflowId, type LeadState } from '../../workflows/leadFollowUp/contract';
import { addCustomer, addVehicle, seedDealership } from '../support/dealership';
import { eventually } from '../support/eventually';
import { exitOf, useProductionWorld } from '../support/productionWorld';
import { killHard } from '../support/workerProcessControl';

/**
 * Autohaus Berger runs Stammkunde as the README's "Production" section describes it: Temporal's own server on
 * PostgreSQL (not the dev server), two `stammkunde worker` processes from a prebuilt workflow bundle on one task queue.
 * While HU reminders go out to 24 customers and a test-drive lead climbs its escalation ladder, one
 * worker is killed (SIGKILL). The other finishes the work: every mail that was due left exactly once, by its key.
 */

const ZONE = 'Europe/Berlin';
const AROUND_THE_CLOCK = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ from: '00:00', to: '23:59' }]]),
);
/** Seconds instead of hours, so the whole ladder runs in real time on the real server. */
const FAST_LADDER = {
  callbackSla: { test_drive: { minutes: 0.2 } },
  escalation: [
    { after: { minutes: 0 }, notify: ['assignee' as const] },
    { after: { minutes: 0.2 }, reassign: true, notify: ['team_lead' as const] },
    { after: { minutes: 0.2 }, notify: ['manager' as const] },
  ],
};
const CUSTOMERS = 24;

describe('production topology: the real Temporal server on PostgreSQL with two workers, one killed', () => {
  const world = useProductionWorld('production');

  it('every due reminder and every escalation mail goes out exactly once, and the lead and lifecycles carry on', async () => {
    const { prisma } = world.db;
    const dealership = await seedDealership(prisma);
    // The sales floor answers around the clock here, so the ladder's business minutes run whenever CI does.
    await prisma.location.update({ where: { id: dealership.location.id }, data: { openingHours: AROUND_THE_CLOCK } });
    const today = DateTime.now().setZone(ZONE);
    const customers = [];
    for (let i = 0; i < CUSTOMERS; i++) {
      const customer = await addCustomer(prisma, dealership, { lastName: `Kunde ${i + 1}`, email: `kunde${i + 1}@example.de` });
      const car = await addVehicle(prisma, dealership, customer.id, { model: 'Golf' });
      customers.push({ customer, car });
    }
    const first = await world.startWorker();
    await world.startWorker();

    // A used Golf bought today: its last HU and service were two years and one year ago, so both are due now.
    const lifecycle = { client: world.client, prisma, taskQueue: world.taskQueue };
    for (const { customer, car } of customers) {
      await sendCustomerEvent(lifecycle, customer.id, {
        ...usedCarDueForHu(car.id, today),
        lastServiceDate: today.minus({ years: 1 }).toISODate()!,
      });
    }
    const leads = { client: world.client, prisma, taskQueue: world.taskQueue, slaPolicy: FAST_LADDER };
    const lead = await submitLead(leads, {
      dealerId: dealership.dealer.id,
      locationId: dealership.location.id,
      kind: 'test_drive',
      source: 'website',
      customer: { lastName: 'Sommer', firstName: 'Anna', email: 'anna.sommer@example.de' },
      message: 'Ich würde den ID.4 gern Probe fahren.',
      vehicleOfInterest: 'VW ID.4 Pro',
    });

    await world.smtp.waitForMessages(8, 120_000);
    await killHard(first);
    const arrivedBeforeTheKill = world.smtp.messages().length;

    // The surviving worker takes over; the dead one's activities come back after their start-to-close timeout.
    const ladderDone = await eventually(
      'the lead at the top of its ladder',
      async () => {
        const state = await queryLeadState(world.client, lead.leadId);
        return state.escalationLevel === 3 && state;
      },
      300_000,
    );
    expect(ladderDone.status).toBe('open');
    const customerIds = customers.map(({ customer }) => customer.id);
    let seen = '';
    const reminders = await eventually(
      'every HU reminder out, and nothing left in flight',
      async () => {
        const rows = await prisma.message.findMany({ where: { customerId: { in: customerIds } } });
        seen = rows.map((r) => `${r.templateId}:${r.status}`).join(' ');
        const hu = rows.filter((r) => r.templateId === 'hu-reminder').length;
        return hu === CUSTOMERS && rows.every((r) => r.status === 'sent' || r.status === 'unknown') && rows;
      },
      300_000,
    ).catch((error: Error) => Promise.reject(new Error(`${error.message}; outbox by template:status ${seen}`)));
    const staffMails = await eventually(
      'every escalation mail settled',
      async () => {
        const rows = await prisma.message.findMany({ where: { category: 'staff' } });
        return rows.length >= 4 && rows.every((r) => r.status === 'sent' || r.status === 'unknown') && rows;
      },
      300_000,
    );
    const outcome = await logCallbackOutcome(
      { client: world.client, prisma },
      { leadId: lead.leadId, outcome: 'reached', staffId: dealership.staff.colleague.id },
    );
    expect(outcome).toMatchObject({ accepted: true });
    const final: LeadState = await world.client.workflow.getHandle(leadWorkflowId(lead.leadId)).result();
    expect(final.status).not.toBe('open');

    expect(arrivedBeforeTheKill).toBeLessThan(CUSTOMERS + 4); // the kill really came mid-run
    const outbox = [...reminders, ...staffMails];
    const copies = copiesByMessageId(world.smtp.messages());
    // No Message-ID arrived twice, and every arrival belongs to an outbox row.
    expect([...copies].filter(([, n]) => n > 1)).toEqual([]);
    const known = new Set(outbox.map((m) => m.messageIdHeader));
    expect([...copies.keys()].filter((id) => !known.has(id))).toEqual([]);
    // No customer has a template twice: the lifecycle's work, re-run by the surviving worker, reused the outbox keys.
    const perCustomer = new Map<string, string[]>();
    for (const row of reminders) perCustomer.set(row.customerId!, [...(perCustomer.get(row.customerId!) ?? []), row.templateId]);
    expect([...perCustomer.values()].filter((t) => new Set(t).size !== t.length)).toEqual([]);
    expect([...perCustomer.values()].every((t) => t.includes('hu-reminder'))).toBe(true);
    // Sent means arrived exactly once; only a message inside an SMTP transaction at the kill is in doubt.
    expect(outbox.filter((m) => m.status === 'sent' && copies.get(m.messageIdHeader!) !== 1).map((m) => m.idempotencyKey)).toEqual([]);
    expect(outbox.filter((m) => m.status === 'unknown').length).toBeLessThanOrEqual(5);
    const ladderMails = staffMails.map((m) => m.templateId);
    expect(ladderMails.length).toBeGreaterThanOrEqual(4); // new lead, reminder, level 2 (team lead), level 3 (manager)
  }, 900_000);

  it('a worker asked to stop (SIGTERM, as a deploy does) finishes what it holds and exits 0, leaving no mail in doubt', async () => {
    const { prisma } = world.db;
    const dealership = await seedDealership(prisma);
    const today = DateTime.now().setZone(ZONE);
    const customerIds: string[] = [];
    const leaving = await world.startWorker({ WORKER_SHUTDOWN_GRACE_SECONDS: '20' });
    const before = world.smtp.messages().length;
    for (let i = 0; i < 12; i++) {
      const customer = await addCustomer(prisma, dealership, { lastName: `Stammkunde ${i + 1}`, email: `stamm${i + 1}@example.de` });
      const car = await addVehicle(prisma, dealership, customer.id, { model: 'Passat' });
      customerIds.push(customer.id);
      await sendCustomerEvent({ client: world.client, prisma, taskQueue: world.taskQueue }, customer.id, usedCarDueForHu(car.id, today));
    }
    await world.smtp.waitForMessages(before + 2, 120_000);
    leaving.kill('SIGTERM');
    // Exit 0 is the graceful path: past the grace period the SDK cancels the activities, and past its force time
    // (grace + 15 s) worker.run() fails and the command exits 1. How long that takes is the machine's business.
    expect(await exitOf(leaving)).toEqual({ code: 0, signal: null });

    const rows = await eventually(
      'every HU reminder of the new customers out',
      async () => {
        const found = await prisma.message.findMany({ where: { customerId: { in: customerIds } } });
        return found.filter((r) => r.templateId === 'hu-reminder' && r.status === 'sent').length === customerIds.length && found;
      },
      300_000,
    );
    expect(rows.filter((r) => r.status === 'unknown')).toEqual([]);
    const copies = copiesByMessageId(world.smtp.messages());
    expect(rows.filter((r) => r.status === 'sent' && copies.get(r.messageIdHeader!) !== 1).map((r) => r.idempotencyKey)).toEqual([]);
  }, 600_000);
});

/** A used car bought today whose last HU was two years ago: the HU reminder is due at once. */
function usedCarDueForHu(vehicleId: string, today: DateTime) {
  return {
    type: 'vehicle_delivered' as const,
    eventId: `delivered-${vehicleId}`,
    occurredAt: today.toISO()!,
    vehicleId,
    deliveredOn: today.toISODate()!,
    condition: 'used' as const,
    firstRegistration: today.minus({ years: 4 }).toISODate()!,
    lastHuDate: today.minus({ years: 2 }).toISODate()!,
  };
}

function copiesByMessageId(messages: ReceivedMail[]): Map<string, number> {
  const copies = new Map<string, number>();
  for (const mail of messages) copies.set(mail.messageId ?? '', (copies.get(mail.messageId ?? '') ?? 0) + 1);
  return copies;
}
