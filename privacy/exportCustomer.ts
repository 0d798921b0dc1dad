import type { PrismaClient } from '../db/generated/client';

/**
 * Art. 15 (access) and Art. 20 (portability) DSGVO: everything Stammkunde stores about one customer,
 * as plain JSON. Temporal holds nothing a person could read about them (ids only, and encrypted).
 */
export async function exportCustomerData(prisma: PrismaClient, customerId: string) {
  const customer = await prisma.customer.findUnique({
    where: { id: customerId },
    include: {
      dealer: { select: { id: true, name: true, legalName: true } },
      location: { select: { name: true } },
      assignedSalesperson: { select: { firstName: true, lastName: true } },
      vehicles: { include: { serviceVisits: { orderBy: { visitedAt: 'asc' } } } },
      leads: { include: { callbackTasks: true }, orderBy: { receivedAt: 'asc' } },
      touchpoints: { orderBy: { occurredAt: 'asc' } },
      messages: { orderBy: { queuedAt: 'asc' }, where: { category: { not: 'staff' } } },
      campaignEnrollments: { orderBy: { enteredAt: 'asc' }, omit: { definition: true } },
      staffTasks: { orderBy: { createdAt: 'asc' } },
      newsletterRecipients: { include: { run: { select: { name: true, templateId: true } } } },
    },
  });
  if (!customer) return undefined;
  const {
    dealer,
    location,
    assignedSalesperson,
    vehicles,
    leads,
    touchpoints,
    messages,
    campaignEnrollments,
    staffTasks,
    newsletterRecipients,
    ...profile
  } = customer;
  const email = customer.email?.toLowerCase();
  const [suppressions, erasure] = await Promise.all([
    email ? prisma.suppression.findMany({ where: { email }, select: { reason: true, createdAt: true } }) : [],
    prisma.erasureRequest.findUnique({ where: { customerId } }),
  ]);
  return {
    exportedAt: new Date().toISOString(),
    controller: dealer,
    profile: {
      ...profile,
      location: location?.name ?? null,
      assignedSalesperson: assignedSalesperson ? `${assignedSalesperson.firstName} ${assignedSalesperson.lastName}` : null,
    },
    suppressions,
    vehicles,
    leads,
    touchpoints,
    messages: messages.map(({ payload, ...m }) => ({ ...m, variables: payload })),
    campaignEnrollments,
    staffTasks,
    newsletters: newsletterRecipients.map((r) => ({
      run: r.run.name,
      templateId: r.run.templateId,
      status: r.status,
      skipReason: r.skipReason,
      at: r.updatedAt,
    })),
    erasure,
  };
}
