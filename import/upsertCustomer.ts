import { consentFromDms, type DmsConsent, type RecordedConsent } from '../consent/dmsConsent';
import { asDate, definedOnly, differs } from './changes';
import type { Prisma, PrismaClient } from '../db/generated/client';
import type { CustomerRow } from './rowSchemas';

export type UpsertStatus = 'created' | 'updated' | 'unchanged';
export type UpsertResult = { status: UpsertStatus; id: string } | { status: 'skipped'; reason: string };

/** The customer fields a row sets; empty cells leave the stored value alone. */
function profileData(row: CustomerRow) {
  const data = {
    salutation: row.salutation,
    title: row.title,
    firstName: row.firstName,
    lastName: row.lastName,
    companyName: row.companyName,
    email: row.email,
    phone: row.phone,
    language: row.language,
    existingCustomerSince: asDate(row.existingCustomerSince),
  };
  return definedOnly(data);
}

/**
 * Consent from the DMS. "ja" with a date counts as documented consent (given and confirmed on that
 * day, source "DMS-Import"); "ja" without a date is a request that does not allow marketing until a
 * double opt-in confirms it; "Bestandskunde" is §7(3) UWG. Whether it is written follows the one
 * rule for DMS consent (consent/dmsConsent): raise, never lower.
 */
function consentData(row: CustomerRow, current?: RecordedConsent) {
  if (!row.emailConsent) return {};
  const givenAt = asDate(row.consentGivenAt) ?? null;
  const incoming: DmsConsent =
    row.emailConsent === 'double_opt_in'
      ? { basis: 'double_opt_in', givenAt, confirmedAt: givenAt, source: 'DMS-Import' }
      : { basis: row.emailConsent };
  return consentFromDms(current, incoming);
}

/** Creates or updates the customer with this DMS customer number at this dealer; erased customers stay erased. */
export async function upsertCustomer(prisma: PrismaClient, dealerId: string, row: CustomerRow): Promise<UpsertResult> {
  const where = { dealerId_externalDmsId: { dealerId, externalDmsId: row.externalDmsId } };
  const current = await prisma.customer.findUnique({ where });
  if (!current) {
    const data: Prisma.CustomerUncheckedCreateInput = {
      dealerId,
      externalDmsId: row.externalDmsId,
      ...profileData(row),
      lastName: row.lastName,
      ...consentData(row),
    };
    const created = await prisma.customer.create({ data });
    return { status: 'created', id: created.id };
  }
  if (current.erasedAt)
    return { status: 'skipped', reason: `customer ${row.externalDmsId} was erased (DSGVO Art. 17) and is not re-imported` };
  const changes = { ...profileData(row), ...consentData(row, current) };
  if (!differs(current as unknown as Record<string, unknown>, changes)) return { status: 'unchanged', id: current.id };
  await prisma.customer.update({ where: { id: current.id }, data: changes });
  return { status: 'updated', id: current.id };
}
