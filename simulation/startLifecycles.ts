import type { Client } from '@temporalio/client';
import { DateTime } from 'luxon';
import type { PrismaClient } from '../db/generated/client';
import { vehicleCondition } from '../import/lifecycleEnrollment';
import { sendCustomerEvent } from '../lifecycle/client';
import type { CustomerEventInput } from '../lifecycle/customerEvents';

/**
 * Sets every sandbox customer's lifecycle in motion the way a DMS import does: one "vehicle delivered"
 * event per car with what the DMS knows (delivery, first registration, last service, last HU, lease end),
 * at the simulation's first instant. Event ids are fixed per vehicle.
 */
const isoDay = (d: Date | null | undefined) => (d ? DateTime.fromJSDate(d, { zone: 'utc' }).toISODate()! : undefined);

export async function startLifecycles(
  deps: { client: Client; taskQueue: string; prisma: PrismaClient },
  customerIds: string[],
  at: DateTime,
): Promise<number> {
  const occurredAt = at.toUTC().toISO()!;
  const vehicles = await deps.prisma.vehicle.findMany({
    where: { ownerId: { in: customerIds }, soldAt: null, deregisteredAt: null },
    orderBy: { id: 'asc' },
  });
  const events = vehicles.map((v) => {
    const deliveredOn = isoDay(v.deliveredAt) ?? isoDay(v.firstRegistrationAt) ?? at.toISODate()!;
    const firstRegistration = isoDay(v.firstRegistrationAt);
    const event: CustomerEventInput = {
      type: 'vehicle_delivered',
      eventId: `simulation:${v.id}:delivered`,
      occurredAt,
      vehicleId: v.id,
      deliveredOn,
      condition: vehicleCondition(deliveredOn, firstRegistration),
      ...(firstRegistration ? { firstRegistration } : {}),
      ...(v.lastServiceAt ? { lastServiceDate: isoDay(v.lastServiceAt) } : {}),
      ...(v.lastServiceMileage !== null ? { lastServiceMileageKm: v.lastServiceMileage } : {}),
      ...(v.lastHuAt ? { lastHuDate: isoDay(v.lastHuAt) } : {}),
      ...(v.financingKind && v.financingKind !== 'cash' && v.financingEndAt
        ? { financing: { kind: v.financingKind as 'loan' | 'balloon_loan' | 'lease', endDate: isoDay(v.financingEndAt)! } }
        : {}),
    };
    return { customerId: v.ownerId!, event };
  });
  await inParallel(events, 16, ({ customerId, event }) =>
    sendCustomerEvent({ client: deps.client, taskQueue: deps.taskQueue, prisma: deps.prisma }, customerId, event),
  );
  return events.length;
}

/** Runs `work` over `items` with at most `limit` at a time. */
export async function inParallel<T>(items: T[], limit: number, work: (item: T) => Promise<unknown>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  });
  await Promise.all(lanes);
}
