import type { Client } from '@temporalio/client';
import type { PrismaClient } from '../db/generated/client';
import { queryCustomerJourney } from '../lifecycle/client';

/**
 * What the demo dealership will email soon, asked of the engine itself: messages already in the
 * outbox, and every send the customers' lifecycles and enrollments have planned up to `horizon`.
 * A resumed start announces mail only when this finds some.
 */
export type DueSoon = { emails: number; nextPlanned?: Date };

const PARALLEL_QUERIES = 4;

export async function emailsDueSoon(
  deps: { client: Client; prisma: PrismaClient },
  dealerId: string,
  now: Date,
  horizonMs = 5 * 60_000,
): Promise<DueSoon> {
  const until = now.getTime() + horizonMs;
  const queued = await deps.prisma.message.count({ where: { status: { in: ['queued', 'sending'] }, customer: { dealerId } } });
  const customers = await deps.prisma.customer.findMany({ where: { dealerId, erasedAt: null }, select: { id: true } });
  let planned = 0;
  let nextPlanned: number | undefined;
  const pending = [...customers];
  const work = async () => {
    for (let customer = pending.shift(); customer; customer = pending.shift()) {
      const journey = await queryCustomerJourney(deps.client, customer.id).catch(() => undefined); // no lifecycle: nothing planned
      for (const item of journey?.upcoming ?? []) {
        if (item.kind !== 'send') continue;
        const at = Date.parse(item.at);
        if (at <= until) planned += 1;
        else nextPlanned = Math.min(nextPlanned ?? at, at);
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL_QUERIES }, work));
  return { emails: queued + planned, ...(nextPlanned !== undefined ? { nextPlanned: new Date(nextPlanned) } : {}) };
}
