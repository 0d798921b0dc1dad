import type { Prisma, PrismaClient } from '../db/generated/client';
import type { ValidLeadSubmission } from './leadSubmission';

/** A phone number reduced to comparable digits: "+49 (170) 123-4567", "0049170…" and "0170 …" all → "49170…". */
export function normalizePhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (phone.trim().startsWith('+')) return digits;
  if (digits.startsWith('00')) return digits.slice(2);
  if (digits.startsWith('0')) return `49${digits.slice(1)}`;
  return digits;
}

/**
 * The dealer's existing customer with this email (case-insensitive) or phone number, else a new
 * one tagged as a prospect. Erased customers are never matched. Missing contact data is filled in.
 * Race-safe only inside the intake's transaction, which holds the dealer's intake lock (leads/intake.ts).
 */
export async function matchOrCreateCustomer(prisma: PrismaClient | Prisma.TransactionClient, lead: ValidLeadSubmission) {
  const c = lead.customer;
  const byEmail = c.email
    ? await prisma.customer.findFirst({
        where: { dealerId: lead.dealerId, erasedAt: null, email: { equals: c.email, mode: 'insensitive' } },
        orderBy: { createdAt: 'asc' },
      })
    : null;
  const match = byEmail ?? (c.phone ? await findByPhone(prisma, lead.dealerId, c.phone) : null);
  if (match) {
    const fill = { ...(!match.email && c.email ? { email: c.email } : {}), ...(!match.phone && c.phone ? { phone: c.phone } : {}) };
    if (Object.keys(fill).length > 0) await prisma.customer.update({ where: { id: match.id }, data: fill });
    return { customer: match, created: false };
  }
  const customer = await prisma.customer.create({
    data: {
      dealerId: lead.dealerId,
      locationId: lead.locationId,
      salutation: c.salutation ?? 'none',
      firstName: c.firstName,
      lastName: c.lastName,
      email: c.email,
      phone: c.phone,
      tags: ['prospect'],
    },
  });
  return { customer, created: true };
}

async function findByPhone(prisma: PrismaClient | Prisma.TransactionClient, dealerId: string, phone: string) {
  const wanted = normalizePhone(phone);
  // The last 7 digits narrow the search in SQL; the exact comparison of normalised numbers follows.
  const rows = await prisma.$queryRaw<Array<{ id: string }>>`
    SELECT id FROM customers
    WHERE "dealerId" = ${dealerId}::uuid AND "erasedAt" IS NULL AND phone IS NOT NULL
      AND regexp_replace(phone, '[^0-9]', '', 'g') LIKE ${`%${wanted.slice(-7)}`}
    ORDER BY "createdAt" ASC`;
  if (rows.length === 0) return null;
  const candidates = await prisma.customer.findMany({ where: { id: { in: rows.map((r) => r.id) } }, orderBy: { createdAt: 'asc' } });
  return candidates.find((candidate) => candidate.phone && normalizePhone(candidate.phone) === wanted) ?? null;
}
