import type { PrismaClient } from '../../db/generated/client';
import { blankCustomerData } from '../../privacy/blankCustomerData';

export const LAPSED_TAG = 'lapsed';

/** Tags the customer 'lapsed' (reactivation got no answer) or removes the tag when they come back. */
export async function markCustomerLapsed(prisma: PrismaClient, input: { customerId: string; lapsed: boolean; now: string }): Promise<void> {
  const customer = await prisma.customer.findUniqueOrThrow({ where: { id: input.customerId }, select: { tags: true, dealerId: true } });
  const has = customer.tags.includes(LAPSED_TAG);
  if (has === input.lapsed) return;
  await prisma.customer.update({
    where: { id: input.customerId },
    data: { tags: input.lapsed ? [...customer.tags, LAPSED_TAG] : customer.tags.filter((t) => t !== LAPSED_TAG) },
  });
  await prisma.touchpoint.create({
    data: {
      dealerId: customer.dealerId,
      customerId: input.customerId,
      channel: 'system',
      direction: 'internal',
      department: 'marketing',
      kind: input.lapsed ? 'customer.lapsed' : 'customer.reactivated',
      summary: input.lapsed ? 'Keine Reaktion auf die Reaktivierung: als inaktiv markiert' : 'Wieder aktiv',
      occurredAt: new Date(input.now),
    },
  });
}

/** DSGVO Art. 17 from the lifecycle's erasure event: the same blanking as the erasure command (privacy/blankCustomerData.ts). */
export async function eraseCustomerData(prisma: PrismaClient, input: { customerId: string; now: string }): Promise<void> {
  await blankCustomerData(prisma, input.customerId, new Date(input.now));
}
