import type { PrismaClient } from '../../db/generated/client';

/**
 * Objection and unsubscribe. Both take effect at once for every running enrollment, because
 * delivery checks objection and suppression at send time (activities/delivery/eligibility.ts).
 */
export type OptOutResult = { customerId: string; objectedAt: Date; alreadyObjected: boolean };

type OptOutInput = {
  customerId: string;
  at: Date;
  /** Unsubscribe also suppresses the address, so no marketing reaches it whoever it belongs to. */
  suppressEmail: boolean;
  channel: 'phone' | 'email' | 'visit' | 'web' | 'letter';
  kind: 'consent.objection' | 'consent.unsubscribed';
  summary: string;
};

export async function recordOptOut(prisma: PrismaClient, input: OptOutInput): Promise<OptOutResult> {
  return prisma.$transaction(async (tx) => {
    const customer = await tx.customer.findUniqueOrThrow({ where: { id: input.customerId } });
    if (input.suppressEmail && customer.email) {
      await tx.suppression.upsert({
        where: { email_reason: { email: customer.email.toLowerCase(), reason: 'unsubscribe' } },
        create: { email: customer.email.toLowerCase(), reason: 'unsubscribe', note: 'one-click unsubscribe link' },
        update: {},
      });
    }
    if (customer.objectedAt) return { customerId: customer.id, objectedAt: customer.objectedAt, alreadyObjected: true };
    await tx.customer.update({ where: { id: customer.id }, data: { objectedAt: input.at } });
    await tx.touchpoint.create({
      data: {
        dealerId: customer.dealerId,
        customerId: customer.id,
        channel: input.channel,
        direction: 'inbound',
        department: 'marketing',
        kind: input.kind,
        summary: input.summary,
        occurredAt: input.at,
      },
    });
    return { customerId: customer.id, objectedAt: input.at, alreadyObjected: false };
  });
}
