import type { PrismaClient } from '../../db/generated/client';
import { CockpitError } from '../access';
import { customerName, personName } from './calendar';

export type CustomerHit = { id: string; name: string; email: string | null; externalDmsId: string | null; plates: string[] };

/** Search within one dealer by name, email, licence plate or DMS customer number (case-insensitive, spaces and dashes in plates ignored). */
export async function searchCustomers(prisma: PrismaClient, dealerId: string, query: string): Promise<CustomerHit[]> {
  const q = query.trim();
  if (q.length < 2) return [];
  const plate = q.replace(/[\s-]+/g, '');
  const words = q.split(/\s+/).filter(Boolean);
  const plateIds = await prisma.$queryRaw<Array<{ ownerId: string }>>`
    SELECT DISTINCT "ownerId" FROM vehicles WHERE "dealerId" = ${dealerId}::uuid AND "ownerId" IS NOT NULL
      AND upper(regexp_replace(coalesce("licensePlate", ''), '[\\s-]+', '', 'g')) LIKE ${`%${plate.toUpperCase().replace(/[%_]/g, '')}%`}`;
  const customers = await prisma.customer.findMany({
    where: {
      dealerId,
      erasedAt: null,
      OR: [
        {
          AND: words.map((w) => ({
            OR: [
              { firstName: { contains: w, mode: 'insensitive' as const } },
              { lastName: { contains: w, mode: 'insensitive' as const } },
              { companyName: { contains: w, mode: 'insensitive' as const } },
            ],
          })),
        },
        { email: { contains: q, mode: 'insensitive' } },
        { externalDmsId: { equals: q } },
        { id: { in: plateIds.map((p) => p.ownerId) } },
      ],
    },
    include: { vehicles: { select: { licensePlate: true } } },
    orderBy: [{ lastName: 'asc' }, { firstName: 'asc' }],
    take: 50,
  });
  return customers.map((c) => ({
    id: c.id,
    name: customerName(c),
    email: c.email,
    externalDmsId: c.externalDmsId,
    plates: c.vehicles.map((v) => v.licensePlate).filter((p): p is string => Boolean(p)),
  }));
}

/** The cockpit's customer card: profile, vehicles, leads, campaign enrollments, latest messages. */
export async function loadCustomerCard(prisma: PrismaClient, dealerId: string, customerId: string) {
  const customer = await prisma.customer.findUnique({
    where: { id: customerId },
    include: {
      location: true,
      assignedSalesperson: true,
      vehicles: { orderBy: { createdAt: 'asc' } },
      leads: { orderBy: { receivedAt: 'desc' }, take: 20 },
      campaignEnrollments: { orderBy: { enteredAt: 'desc' }, take: 50 },
      messages: { orderBy: { queuedAt: 'desc' }, take: 10 },
    },
  });
  if (!customer || customer.dealerId !== dealerId) throw new CockpitError(404, `customer ${customerId}`);
  return {
    id: customer.id,
    name: customerName(customer),
    email: customer.email,
    phone: customer.phone,
    externalDmsId: customer.externalDmsId,
    location: customer.location?.name ?? null,
    salesperson: personName(customer.assignedSalesperson),
    consent: customer.objectedAt ? 'objection' : customer.emailConsentBasis,
    vehicles: customer.vehicles.map((v) => ({ make: v.make, model: v.model, plate: v.licensePlate, vin: v.vin })),
    leads: customer.leads.map((l) => ({ id: l.id, kind: l.kind, status: l.status, receivedAt: l.receivedAt })),
    enrollments: customer.campaignEnrollments.map((e) => ({
      campaignId: e.campaignId,
      version: e.campaignVersion,
      status: e.status,
      holdout: e.holdout,
      enteredAt: e.enteredAt,
      exitReason: e.exitReason,
    })),
    messages: customer.messages.map((m) => ({
      at: m.sentAt ?? m.queuedAt,
      subject: m.subject ?? m.templateId,
      status: m.status,
      skipReason: m.skipReason,
      campaignId: m.campaignId,
    })),
  };
}
