import { DateTime } from 'luxon';
import crypto from 'node:crypto';
import type { CustomerEventInput } from '../../lifecycle/customerEvents';
import { queryCustomerJourney, sendCustomerEvent } from '../../lifecycle/client';
import { atLocalTime } from '../../time/instant';
import { nextSendingInstant } from '../../time/sendingWindow';
import { lifecycleWorkflowId, type LifecycleSettings } from '../../workflows/customerLifecycle/contract';
import type { CampaignWorld } from './campaignScenario';
import { eventually } from './eventually';
import { recordHistory } from './recordedHistories';

const ZONE = 'Europe/Berlin';
type EventBody = CustomerEventInput extends infer E
  ? E extends { eventId: string; occurredAt: string }
    ? Omit<E, 'eventId' | 'occurredAt'>
    : never
  : never;

/** Calendar arithmetic for scenario dates (yyyy-MM-dd). */
export const plus = (date: string, duration: { days?: number; weeks?: number; months?: number; years?: number }) =>
  DateTime.fromISO(date, { zone: 'utc' }).plus(duration).toISODate()!;
export const firstOfMonth = (date: string) => `${date.slice(0, 7)}-01`;

/** The DMS's event on delivery day: a new car handed over on a lease (36 months unless said otherwise). */
export const newCarOnLease = (vehicleId: string, deliveredOn: string, leaseMonths = 36) => ({
  type: 'vehicle_delivered' as const,
  vehicleId,
  deliveredOn,
  condition: 'new' as const,
  financing: { kind: 'lease' as const, endDate: plus(deliveredOn, { months: leaseMonths }) },
});

/**
 * When a campaign email planned for `date` at `time` really goes out: the engine holds marketing mail
 * until the sending window opens (Mon–Sat 09:00–19:00, no Bavarian public holidays).
 */
export function sendDay(date: string, time = '09:00'): string {
  return DateTime.fromISO(nextSendingInstant(atLocalTime(date, time, ZONE), undefined, { timeZone: ZONE, federalState: 'BY' }))
    .setZone(ZONE)
    .toISODate()!;
}

export function lifecycleDriver(world: CampaignWorld, settings?: Partial<LifecycleSettings>) {
  const deps = { client: world.env.client, prisma: world.db.prisma, taskQueue: world.engine.taskQueue, settings };
  const prisma = world.db.prisma;
  return {
    /** Sends an event that happens now (test-server time), with a fresh event id unless one is given. */
    async event(customerId: string, body: EventBody, eventId: string = crypto.randomUUID()) {
      const occurredAt = new Date(await world.env.currentTimeMs()).toISOString();
      await sendCustomerEvent(deps, customerId, { ...body, eventId, occurredAt } as CustomerEventInput);
      return eventId;
    },
    /** Skips to a local date at 11:00 and lets the engine settle. */
    async on(date: string, time = '11:00') {
      await world.skipTo(`${date}T${time}`);
    },
    journey: (customerId: string) => queryCustomerJourney(world.env.client, customerId),
    /** Waits until the lifecycle's query satisfies `ready` (the worker picks up signals in real time). */
    until: <T>(customerId: string, ready: (journey: Awaited<ReturnType<typeof queryCustomerJourney>>) => T | undefined | false) =>
      eventually(`lifecycle of ${customerId} in the expected state`, async () =>
        ready(await queryCustomerJourney(world.env.client, customerId)),
      ),
    /** Every email the customer received, as [local date, template id], in order. */
    async mailsOf(email: string | null, expectedCount?: number): Promise<Array<[string, string]>> {
      const to = (m: { to: Array<{ address: string }> }) => m.to.some((t) => t.address === email);
      if (expectedCount !== undefined)
        await world.smtp.waitForMessages({ count: expectedCount, where: to }, 120_000).catch(() => undefined);
      const mails = world.smtp.messages().filter(to);
      const rows = await prisma.message.findMany({ where: { idempotencyKey: { in: mails.map((m) => m.headers['x-stammkunde-key']) } } });
      const template = new Map(rows.map((r) => [r.idempotencyKey, r.templateId]));
      return mails
        .map(
          (m) =>
            [DateTime.fromJSDate(new Date(m.date!)).setZone(ZONE).toISODate()!, template.get(m.headers['x-stammkunde-key']) ?? '?'] as [
              string,
              string,
            ],
        )
        .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    },
    /** Staff tasks for the customer as [local date created, kind, assignee]. */
    async tasksOf(customerId: string) {
      const tasks = await prisma.staffTask.findMany({ where: { customerId }, include: { assignee: true }, orderBy: { createdAt: 'asc' } });
      return tasks.map((t) => [
        DateTime.fromJSDate(t.createdAt).setZone(ZONE).toISODate()!,
        t.kind,
        t.assignee ? `${t.assignee.firstName} ${t.assignee.lastName}` : null,
      ]);
    },
    /** Writes the lifecycle's history to tests/fixtures/histories/<name>.json when RECORD_HISTORIES=1 (see replayHistories.test.ts). */
    recordHistory: (workflowId: string, name: string) => recordHistory(world.env.client, workflowId, name),
    lifecycleId: lifecycleWorkflowId,
  };
}

export type LifecycleDriver = ReturnType<typeof lifecycleDriver>;
