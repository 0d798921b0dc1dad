import type { PrismaClient } from '../db/generated/client';
import { addressHash } from './addressHash';

const ERASED = 'gelöscht';

/**
 * DSGVO Art. 17 in the database: blanks or deletes everything that identifies the customer, in one
 * transaction. The customer row stays (erasedAt set, name "gelöscht") so statistics and foreign keys
 * hold. Kept by law: that the address objected or unsubscribed, and since when, as a hash of the
 * address (suppressed_address_hashes), so it stays honoured if the address comes back. Idempotent.
 */
export async function blankCustomerData(prisma: PrismaClient, customerId: string, now: Date): Promise<void> {
  const customer = await prisma.customer.findUnique({
    where: { id: customerId },
    include: { vehicles: true, leads: { select: { id: true } } },
  });
  if (!customer) return;
  const email = customer.email?.trim().toLowerCase();
  const suppressions = email ? await prisma.suppression.findMany({ where: { email } }) : [];
  const kept = [
    ...suppressions.map((s) => ({ reason: s.reason, since: s.createdAt })),
    ...(customer.objectedAt ? [{ reason: 'unsubscribe' as const, since: customer.objectedAt }] : []),
  ];
  const vehicleIds = customer.vehicles.map((v) => v.id);
  const leadIds = customer.leads.map((l) => l.id);
  // Event ids and dedup records that embed the DMS numbers (e.g. "dms-import:customer:<number>:…").
  const dmsNumbers = [customer.externalDmsId, ...customer.vehicles.flatMap((v) => [v.externalDmsId, v.vin])].filter(
    (n): n is string => !!n && n.length >= 4,
  );
  const byCustomer = { customerId };

  await prisma.$transaction([
    ...(email && kept.length > 0
      ? [
          prisma.suppressedAddressHash.createMany({
            data: kept.map((k) => ({ addressHash: addressHash(email), reason: k.reason, since: k.since })),
            skipDuplicates: true,
          }),
        ]
      : []),
    ...(email ? [prisma.suppression.deleteMany({ where: { email } })] : []),
    prisma.customer.update({
      where: { id: customerId },
      data: {
        salutation: 'none',
        title: null,
        firstName: null,
        lastName: ERASED,
        companyName: null,
        email: null,
        phone: null,
        externalDmsId: null,
        consentSource: null,
        consentWording: null,
        tags: [],
        erasedAt: customer.erasedAt ?? now,
      },
    }),
    ...customer.vehicles.map((v) =>
      prisma.vehicle.update({ where: { id: v.id }, data: { vin: `${ERASED}-${v.id}`, licensePlate: null, externalDmsId: null } }),
    ),
    prisma.serviceVisit.updateMany({ where: { vehicleId: { in: vehicleIds } }, data: { workSummary: null, externalDmsId: null } }),
    prisma.touchpoint.updateMany({
      where: { OR: [byCustomer, { leadId: { in: leadIds } }] },
      data: { summary: ERASED, externalEventId: null },
    }),
    prisma.message.updateMany({
      where: { OR: [byCustomer, ...leadIds.map((id) => ({ idempotencyKey: { startsWith: `lead/${id}/` } }))] },
      data: { recipientName: null, subject: null, error: null },
    }),
    // Bodies (template variables) and the customer's own address; staff recipients keep theirs.
    prisma.$executeRaw`UPDATE messages SET payload = NULL WHERE "customerId" = ${customerId}::uuid OR "idempotencyKey" LIKE ANY(${leadIds.map((id) => `lead/${id}/%`)}::text[])`,
    prisma.message.updateMany({ where: { ...byCustomer, category: { not: 'staff' } }, data: { recipientEmail: '' } }),
    prisma.lead.updateMany({ where: byCustomer, data: { message: null, vehicleOfInterest: null, externalId: null } }),
    prisma.staffTask.updateMany({ where: byCustomer, data: { title: 'Aufgabe zu gelöschtem Kunden', details: null } }),
    prisma.newsletterRecipient.deleteMany({ where: byCustomer }),
    prisma.customerEventDetail.deleteMany({ where: byCustomer }),
    ...dmsNumbers.map((n) => prisma.processedEvent.deleteMany({ where: { eventId: { contains: n } } })),
    prisma.campaignEnrollment.updateMany({
      where: { ...byCustomer, status: 'active' },
      data: { status: 'exited', exitReason: 'erasure requested', exitedAt: now },
    }),
  ]);
}
