import type { PrismaClient } from '../../db/generated/client';

/** What a lifecycle needs to know when a run starts: does the customer exist, may we still act, in which time zone. */
export async function loadLifecycleCustomer(prisma: PrismaClient, input: { customerId: string }) {
  const customer = await prisma.customer.findUnique({ where: { id: input.customerId }, include: { dealer: true, location: true } });
  if (!customer) return { found: false as const };
  return {
    found: true as const,
    erased: customer.erasedAt !== null,
    objected: customer.objectedAt !== null,
    lapsed: customer.tags.includes('lapsed'),
    timeZone: customer.location?.timeZone ?? customer.dealer.timeZone,
  };
}
