import type { Prisma, PrismaClient } from '../../db/generated/client';
import type { CustomerEvent } from '../../lifecycle/customerEvents';
import type { LifecycleEvent } from '../../lifecycle/eventDetails';
import { loadVehicleFacts, type LoadedVehicleFacts } from './vehicleFacts';

type Tx = Prisma.TransactionClient;
const date = (d: string) => new Date(`${d}T00:00:00.000Z`);

/** How each event appears in the customer's history. */
function touchpointFor(
  event: CustomerEvent,
): Pick<Prisma.TouchpointCreateManyInput, 'channel' | 'direction' | 'department' | 'kind' | 'summary' | 'staffId' | 'vehicleId'> {
  switch (event.type) {
    case 'vehicle_delivered':
      return {
        channel: 'visit',
        direction: 'inbound',
        department: 'sales',
        kind: 'vehicle.delivered',
        vehicleId: event.vehicleId,
        summary: `Fahrzeug übergeben (${event.condition === 'new' ? 'Neuwagen' : 'Gebrauchtwagen'}) am ${event.deliveredOn}${event.financing ? `, ${event.financing.kind} bis ${event.financing.endDate}` : ''}`,
      };
    case 'service_visit_done':
      return {
        channel: 'visit',
        direction: 'inbound',
        department: 'service',
        kind: 'service.visit',
        vehicleId: event.vehicleId,
        summary: `Werkstattbesuch am ${event.visitedOn}${event.mileageKm !== undefined ? `, ${event.mileageKm} km` : ''}${event.huDone ? ', HU erledigt' : ''}${event.summary ? `: ${event.summary}` : ''}`,
      };
    case 'hu_done':
      return {
        channel: 'visit',
        direction: 'inbound',
        department: 'service',
        kind: 'service.hu',
        vehicleId: event.vehicleId,
        summary: `HU/AU erledigt am ${event.doneOn}`,
      };
    case 'interaction_recorded':
      return {
        channel: event.channel,
        direction: event.direction,
        department: 'sales',
        kind: 'interaction',
        staffId: event.staffId,
        summary: event.summary,
      };
    case 'consent_given':
      return {
        channel: 'web',
        direction: 'inbound',
        department: 'marketing',
        kind: 'consent.given',
        summary: `Einwilligung erteilt (${event.source})`,
      };
    case 'consent_confirmed':
      return {
        channel: 'email',
        direction: 'inbound',
        department: 'marketing',
        kind: 'consent.confirmed',
        summary: 'Einwilligung bestätigt (Double-Opt-in)',
      };
    case 'objection':
      return {
        channel: 'system',
        direction: 'inbound',
        department: 'marketing',
        kind: 'consent.objection',
        summary: `Widerspruch gegen Werbung${event.note ? `: ${event.note}` : ''}`,
      };
    case 'customer_data_changed':
      return {
        channel: 'system',
        direction: 'internal',
        department: 'system',
        kind: 'customer.changed',
        summary: `Kundendaten geändert: ${Object.keys(event.changes).join(', ')}`,
      };
    case 'vehicle_sold':
      return {
        channel: 'system',
        direction: 'internal',
        department: 'sales',
        kind: `vehicle.${event.reason}`,
        vehicleId: event.vehicleId,
        summary: `Fahrzeug ${event.reason === 'sold' ? 'verkauft' : 'abgemeldet'} am ${event.on}`,
      };
    case 'erasure_requested':
      return {
        channel: 'system',
        direction: 'inbound',
        department: 'management',
        kind: 'customer.erasure_requested',
        summary: 'Löschung verlangt (DSGVO Art. 17)',
      };
    case 'email_replied':
      return { channel: 'email', direction: 'inbound', department: 'marketing', kind: 'email.replied', summary: 'Antwort auf eine E-Mail' };
    case 'email_clicked':
      return {
        channel: 'web',
        direction: 'inbound',
        department: 'marketing',
        kind: 'email.clicked',
        summary: 'Link in einer E-Mail geklickt',
      };
    case 'lead_submitted':
      return { channel: 'web', direction: 'inbound', department: 'sales', kind: 'lead.submitted', summary: 'Anfrage eingegangen' };
  }
}

/** The database side of each event (vehicle dates, service visits, consent, objection, data changes). */
async function applyEvent(tx: Tx, dealerId: string, event: CustomerEvent): Promise<void> {
  switch (event.type) {
    case 'vehicle_delivered':
      await tx.vehicle.update({
        where: { id: event.vehicleId },
        data: {
          deliveredAt: date(event.deliveredOn),
          firstRegistrationAt: event.firstRegistration
            ? date(event.firstRegistration)
            : event.condition === 'new'
              ? date(event.deliveredOn)
              : undefined,
          lastServiceAt: event.lastServiceDate ? date(event.lastServiceDate) : undefined,
          lastServiceMileage: event.lastServiceMileageKm,
          lastHuAt: event.lastHuDate ? date(event.lastHuDate) : undefined,
          financingKind: event.financing?.kind ?? 'cash',
          financingEndAt: event.financing ? date(event.financing.endDate) : null,
          soldAt: null,
          deregisteredAt: null,
        },
      });
      return;
    case 'service_visit_done':
      await tx.serviceVisit.create({
        data: {
          dealerId,
          vehicleId: event.vehicleId,
          visitedAt: date(event.visitedOn),
          mileage: event.mileageKm,
          huDone: event.huDone,
          workSummary: event.summary,
        },
      });
      await tx.vehicle.update({
        where: { id: event.vehicleId },
        data: {
          lastServiceAt: date(event.visitedOn),
          lastServiceMileage: event.mileageKm,
          ...(event.huDone ? { lastHuAt: date(event.visitedOn) } : {}),
        },
      });
      return;
    case 'hu_done':
      await tx.vehicle.update({ where: { id: event.vehicleId }, data: { lastHuAt: date(event.doneOn) } });
      return;
    default:
      return;
  }
}

/** Customer-row updates, separate from applyEvent because they need the customer id. */
function customerUpdate(event: CustomerEvent, now: Date): Prisma.CustomerUpdateInput | undefined {
  switch (event.type) {
    case 'consent_given':
      return { consentGivenAt: new Date(event.occurredAt), consentSource: event.source, consentWording: event.wording };
    case 'consent_confirmed':
      return { consentConfirmedAt: new Date(event.occurredAt), emailConsentBasis: 'double_opt_in' };
    case 'objection':
      return { objectedAt: now };
    case 'customer_data_changed': {
      const { assignedSalespersonId, ...changes } = event.changes;
      return {
        ...changes,
        ...(assignedSalespersonId !== undefined
          ? { assignedSalesperson: assignedSalespersonId ? { connect: { id: assignedSalespersonId } } : { disconnect: true } }
          : {}),
      };
    }
    default:
      return undefined;
  }
}

/**
 * Stores an event as a touchpoint (its id as externalEventId, so a re-delivered event is recorded
 * once) and applies it to the database, in one transaction. The event's personal parts come from
 * customer_event_details (the signal carries none; histories from before that change still carry
 * them in the event itself) and are deleted once applied. Returns `duplicate` for an event seen
 * before, and the vehicle's fresh facts for vehicle events.
 */
export async function recordCustomerEvent(
  prisma: PrismaClient,
  input: {
    customerId: string;
    event: LifecycleEvent | CustomerEvent;
    now: string;
    /**
     * Who records it (the activity's workflow, run and activity id). A retry of the same activity finds its own
     * touchpoint: the transaction committed, but the worker died (or the attempt timed out) before Temporal heard of
     * it. That is not a duplicate: the lifecycle must still handle the event.
     */
    recordedBy?: string;
  },
): Promise<{ duplicate: boolean; vehicle?: LoadedVehicleFacts }> {
  const now = new Date(input.now);
  const stored = await prisma.customerEventDetail.findUnique({ where: { eventId: input.event.eventId } });
  const event = { ...input.event, ...((stored?.details as object | undefined) ?? {}) } as CustomerEvent;
  if (event.type === 'customer_data_changed') event.changes ??= {};
  const externalEventId = `event:${input.event.eventId}`;
  /** Seen before: a duplicate, unless this same recording committed it and is being run again (see recordedBy). */
  const alreadyRecorded = (earlier: { recordedBy: string | null }) => ({
    duplicate: !(input.recordedBy !== undefined && earlier.recordedBy === input.recordedBy),
  });
  const touchpoint = touchpointFor(event);
  const result = await prisma.$transaction(async (tx) => {
    // A run again after its commit finds the event's details applied and deleted, and a touchpoint without its summary
    // would fail validation: then the touchpoint is looked for first. Otherwise the insert below tells.
    if (touchpoint.summary === undefined) {
      const earlier = await tx.touchpoint.findUnique({ where: { externalEventId }, select: { recordedBy: true } });
      if (earlier) return alreadyRecorded(earlier);
    }
    if (stored) await tx.customerEventDetail.deleteMany({ where: { eventId: stored.eventId } });
    const customer = await tx.customer.findUniqueOrThrow({ where: { id: input.customerId }, select: { dealerId: true } });
    const inserted = await tx.touchpoint.createMany({
      data: [
        {
          dealerId: customer.dealerId,
          customerId: input.customerId,
          occurredAt: new Date(event.occurredAt),
          externalEventId,
          recordedBy: input.recordedBy,
          ...touchpoint,
        },
      ],
      skipDuplicates: true,
    });
    if (inserted.count === 0) {
      const concurrent = await tx.touchpoint.findUniqueOrThrow({ where: { externalEventId }, select: { recordedBy: true } });
      return alreadyRecorded(concurrent);
    }
    await applyEvent(tx, customer.dealerId, event);
    const update = customerUpdate(event, now);
    if (update) await tx.customer.update({ where: { id: input.customerId }, data: update });
    if (event.type === 'vehicle_sold') {
      await tx.vehicle.update({
        where: { id: event.vehicleId },
        data: event.reason === 'sold' ? { soldAt: date(event.on) } : { deregisteredAt: date(event.on) },
      });
    }
    return { duplicate: false };
  });
  const vehicleId = 'vehicleId' in event ? event.vehicleId : undefined;
  return { ...result, vehicle: vehicleId && !result.duplicate ? await loadVehicleFacts(prisma, vehicleId) : undefined };
}
