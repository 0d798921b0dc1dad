import type { PrismaClient } from '../../db/generated/client';

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

/**
 * DSGVO Art. 17: blanks the customer's personal fields (the row stays, so statistics and foreign
 * keys hold), blanks what touchpoints, messages, leads and tasks said about them, and closes every
 * enrollment. Idempotent.
 */
export async function eraseCustomerData(prisma: PrismaClient, input: { customerId: string; now: string }): Promise<void> {
  const now = new Date(input.now);
  await prisma.$transaction([
    prisma.customer.update({
      where: { id: input.customerId },
      data: {
        salutation: 'none',
        title: null,
        firstName: null,
        lastName: 'gelöscht',
        companyName: null,
        email: null,
        phone: null,
        externalDmsId: null,
        consentSource: null,
        consentWording: null,
        tags: [],
        erasedAt: now,
      },
    }),
    prisma.touchpoint.updateMany({ where: { customerId: input.customerId }, data: { summary: 'gelöscht' } }),
    prisma.message.updateMany({ where: { customerId: input.customerId }, data: { recipientEmail: '', recipientName: null, subject: null, payload: undefined } }),
    prisma.$executeRaw`UPDATE messages SET payload = NULL WHERE "customerId" = ${input.customerId}::uuid`,
    prisma.lead.updateMany({ where: { customerId: input.customerId }, data: { message: null } }),
    prisma.staffTask.updateMany({ where: { customerId: input.customerId }, data: { title: 'Aufgabe zu gelöschtem Kunden', details: null } }),
    prisma.vehicle.updateMany({ where: { ownerId: input.customerId }, data: { licensePlate: null } }),
    prisma.campaignEnrollment.updateMany({
      where: { customerId: input.customerId, status: 'active' },
      data: { status: 'exited', exitReason: 'erasure requested', exitedAt: now },
    }),
  ]);
}
