import crypto from 'node:crypto';
import type { Client } from '@temporalio/client';
import { startEnrollment } from '../campaigns/startEnrollment';
import { loadCampaignCatalogue } from '../campaigns/catalogue';
import type { PrismaClient } from '../db/generated/client';
import { sendCustomerEvent } from '../lifecycle/client';
import type { CustomerEventInput } from '../lifecycle/customerEvents';
import { demoCast, type DemoCustomer } from './demoCast';
import { demoToday, type DemoDealership } from './seedDemoData';

/**
 * Brings the demo customers to life: each one's history goes to their lifecycle as events
 * (vehicle delivered, workshop visit) and the lifecycle enrolls them in the built-in campaigns;
 * customers silent for 19+ months are enrolled in the reactivation campaign. Every event and
 * enrollment id is fixed per customer, so running this again sends nothing twice.
 */
export type DemoEnrollDeps = { client: Client; prisma: PrismaClient; taskQueue: string; now: Date };

/** A name-based UUID, stable per demo customer and purpose. */
export function demoUuid(name: string): string {
  const hex = crypto.createHash('sha1').update(`stammkunde/demo/${name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

function historyOf(c: DemoCustomer, vehicleId: string): CustomerEventInput[] {
  const v = c.vehicle;
  const at = (date: string) => `${date}T10:00:00+00:00`;
  const delivered: CustomerEventInput = {
    type: 'vehicle_delivered',
    eventId: `demo:${c.externalDmsId}:delivered`,
    occurredAt: at(v.deliveredOn),
    vehicleId,
    deliveredOn: v.deliveredOn,
    condition: v.condition,
    firstRegistration: v.firstRegistration,
    mileageKm: v.condition === 'new' ? 0 : 48_000,
    ...(v.lastHuDate ? { lastHuDate: v.lastHuDate } : {}),
    ...(v.lease ? { financing: { kind: 'lease' as const, endDate: v.lease.endDate } } : {}),
  };
  // A past workshop visit is already in the vehicle row (lastServiceAt), as after a DMS import; replaying it as
  // an event right after the delivery would start a second service cycle for the same visit.
  const events: CustomerEventInput[] = [delivered];
  return events;
}

export type DemoEnrollment = { customers: number; events: number; reactivations: number };

export async function enrollDemoCustomers(deps: DemoEnrollDeps, dealership: DemoDealership): Promise<DemoEnrollment> {
  const catalogue = loadCampaignCatalogue();
  const reactivation = catalogue.get('reactivation');
  if (!reactivation) throw new Error('the built-in campaign "reactivation" is missing from the catalogue');
  const rows = await deps.prisma.customer.findMany({
    where: { dealerId: dealership.dealerId, externalDmsId: { startsWith: 'DEMO-' } },
    include: { vehicles: { select: { id: true, externalDmsId: true } } },
  });
  const byDmsId = new Map(rows.map((r) => [r.externalDmsId, r]));
  let events = 0;
  let reactivations = 0;
  // The cast is recomputed for its stories only; dates come from the first run via the fixed event ids.
  for (const c of demoCast(demoToday(deps.now))) {
    const row = byDmsId.get(c.externalDmsId);
    const vehicleId = row?.vehicles[0]?.id;
    if (!row || !vehicleId) continue;
    if (c.story === 'silent') {
      await startEnrollment({
        client: deps.client,
        prisma: deps.prisma,
        taskQueue: deps.taskQueue,
        definition: reactivation,
        customerId: row.id,
        enrollmentId: demoUuid(`${c.externalDmsId}/reactivation`),
        now: deps.now,
      });
      reactivations += 1;
      continue;
    }
    for (const event of historyOf(c, vehicleId)) {
      await sendCustomerEvent({ client: deps.client, prisma: deps.prisma, taskQueue: deps.taskQueue }, row.id, event);
      events += 1;
    }
  }
  return { customers: rows.length, events, reactivations };
}
