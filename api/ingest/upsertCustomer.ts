import type { z } from 'zod';
import { consentFromDms, type RecordedConsent } from '../../consent/dmsConsent';
import type { Prisma, PrismaClient } from '../../db/generated/client';
import { badRequest, conflict } from '../problems';
import type { customerUpsertSchema } from '../schemas/customerSchemas';

export type CustomerUpsert = z.infer<typeof customerUpsertSchema>;

const date = (value?: string) => (value ? new Date(value) : undefined);

async function resolveReferences(prisma: Prisma.TransactionClient, dealerId: string, input: CustomerUpsert) {
  let locationId: string | undefined;
  if (input.locationName) {
    const location = await prisma.location.findUnique({ where: { dealerId_name: { dealerId, name: input.locationName } } });
    if (!location) throw badRequest('locationName', `no location named "${input.locationName}" at this dealer`);
    locationId = location.id;
  }
  let assignedSalespersonId: string | undefined;
  if (input.assignedSalespersonEmail) {
    const person = await prisma.staff.findUnique({
      where: { dealerId_email: { dealerId, email: input.assignedSalespersonEmail.toLowerCase() } },
    });
    const fallback =
      person ??
      (await prisma.staff.findFirst({ where: { dealerId, email: { equals: input.assignedSalespersonEmail, mode: 'insensitive' } } }));
    if (!fallback) throw badRequest('assignedSalespersonEmail', `no staff member with email ${input.assignedSalespersonEmail}`);
    assignedSalespersonId = fallback.id;
  }
  return { locationId, assignedSalespersonId };
}

/** Consent evidence from the DMS, written by the one rule for DMS consent (consent/dmsConsent): raise, never lower. */
function consentFields(input: CustomerUpsert, recorded?: RecordedConsent) {
  const consent = input.consent;
  if (!consent) return {};
  return consentFromDms(recorded, {
    basis: consent.basis,
    givenAt: date(consent.givenAt),
    confirmedAt: date(consent.confirmedAt),
    source: consent.source,
    wording: consent.wording,
  });
}

/**
 * Creates or updates the customer with this DMS customer number. Fields left out stay as they are;
 * an erased customer is never filled with personal data again (409).
 */
export async function upsertCustomer(prisma: PrismaClient, dealerId: string, externalId: string, input: CustomerUpsert) {
  return prisma.$transaction(async (tx) => {
    const existing = await tx.customer.findUnique({ where: { dealerId_externalDmsId: { dealerId, externalDmsId: externalId } } });
    if (existing?.erasedAt)
      throw conflict(`customer ${externalId} was erased (Art. 17 DSGVO) and cannot be re-imported under the same customer number`);
    const { locationId, assignedSalespersonId } = await resolveReferences(tx, dealerId, input);
    const fields = {
      locationId,
      assignedSalespersonId,
      salutation: input.salutation,
      title: input.title,
      firstName: input.firstName,
      lastName: input.lastName,
      companyName: input.companyName,
      email: input.email?.toLowerCase(),
      phone: input.phone,
      language: input.language,
      existingCustomerSince: date(input.existingCustomerSince),
      tags: input.tags,
      ...consentFields(input, existing ?? undefined),
    };
    if (existing) {
      const updated = await tx.customer.update({ where: { id: existing.id }, data: fields });
      return { id: updated.id, externalId, created: false };
    }
    const created = await tx.customer.create({ data: { ...fields, dealerId, externalDmsId: externalId } });
    return { id: created.id, externalId, created: true };
  });
}
