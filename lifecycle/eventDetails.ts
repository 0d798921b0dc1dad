import type { PrismaClient } from '../db/generated/client';
import type { CustomerEvent } from './customerEvents';

/**
 * Ids only in workflows: the personal parts of an event (free text about the customer, consent
 * source and wording, changed names, email or phone) never travel in the lifecycle's signal. The
 * client stores them in customer_event_details under the event id; the lifecycle's activity reads
 * them back when it records the event (activities/lifecycle/recordEvent.ts).
 */
const personalKeys = ['summary', 'source', 'wording', 'note', 'changes'] as const;
type PersonalKey = (typeof personalKeys)[number];

type Stripped<E> = E extends { type: 'customer_data_changed' }
  ? Omit<E, 'changes'> & { changedFields: string[] }
  : Omit<E, Extract<keyof E, PersonalKey>>;

/** What the lifecycle workflow receives: ids, dates, enums and counts only. */
export type LifecycleEvent = Stripped<CustomerEvent>;
export type EventDetails = Partial<Record<PersonalKey, unknown>>;

export function splitEvent(event: CustomerEvent): { signal: LifecycleEvent; details?: EventDetails } {
  const signal: Record<string, unknown> = { ...event };
  const details: EventDetails = {};
  for (const key of personalKeys) {
    if (key in signal) {
      if (signal[key] !== undefined) details[key] = signal[key];
      delete signal[key];
    }
  }
  if (event.type === 'customer_data_changed') signal.changedFields = Object.keys(event.changes);
  return { signal: signal as LifecycleEvent, details: Object.keys(details).length > 0 ? details : undefined };
}

/** Stores the event's personal parts (unless the event was recorded already) and returns what may be signalled. */
export async function storeEventDetails(prisma: PrismaClient, customerId: string, event: CustomerEvent): Promise<LifecycleEvent> {
  const { signal, details } = splitEvent(event);
  if (!details) return signal;
  const recorded = await prisma.touchpoint.findUnique({ where: { externalEventId: `event:${event.eventId}` }, select: { id: true } });
  if (!recorded) {
    await prisma.customerEventDetail.upsert({
      where: { eventId: event.eventId },
      create: { eventId: event.eventId, customerId, details: details as object },
      update: { details: details as object },
    });
  }
  return signal;
}
