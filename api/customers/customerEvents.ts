import crypto from 'node:crypto';
import type { Client } from '@temporalio/client';
import { sendCustomerEvent } from '../../lifecycle/client';
import type { CustomerEvent } from '../../lifecycle/customerEvents';
import { Prisma, type PrismaClient } from '../../db/generated/client';
import { conflict } from '../problems';

/**
 * Lifecycle events from the DMS and other systems. Each carries the sender's eventId: the first
 * delivery is remembered (ProcessedEvent, with a fingerprint of the payload), a re-delivery of the
 * same event is accepted again (and forwarded again: the lifecycle ignores ids it has seen, and
 * records each event's touchpoint once), and the same id with a different payload is a 409.
 */
export type EventIntake = { eventId: string; duplicate: boolean };

function fingerprint(customerId: string, event: CustomerEvent): string {
  const canonical = (value: unknown): unknown =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.fromEntries(
          Object.keys(value)
            .sort()
            .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
        )
      : value;
  return crypto
    .createHash('sha256')
    .update(JSON.stringify(canonical({ customerId, event })))
    .digest('hex')
    .slice(0, 32);
}

export async function ingestCustomerEvent(
  deps: { prisma: PrismaClient; client: Client; taskQueue: string },
  customerId: string,
  event: CustomerEvent,
  options: { sameIdIsSameEvent?: boolean } = {},
): Promise<EventIntake> {
  const eventId = `api-event:${event.eventId}`;
  const kind = `${event.type}:${fingerprint(customerId, event)}`;
  let duplicate = false;
  try {
    await deps.prisma.processedEvent.create({ data: { eventId, source: 'api', kind } });
  } catch (error) {
    if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')) throw error;
    const earlier = await deps.prisma.processedEvent.findUniqueOrThrow({ where: { eventId } });
    if (earlier.kind !== kind && !options.sameIdIsSameEvent) {
      throw conflict(
        `eventId: "${event.eventId}" was already used for a different event (${earlier.kind.split(':')[0]}); give every event its own id`,
      );
    }
    duplicate = true;
  }
  await sendCustomerEvent({ client: deps.client, prisma: deps.prisma, taskQueue: deps.taskQueue }, customerId, event);
  return { eventId: event.eventId, duplicate };
}
