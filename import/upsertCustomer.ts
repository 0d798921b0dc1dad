import { consentFromDms, type DmsConsent, type RecordedConsent } from '../consent/dmsConsent';
import { asDate, definedOnly, differs } from './changes';
import type { Customer, Prisma, PrismaClient } from '../db/generated/client';
import { KnownRows } from './knownRows';
import type { CustomerRow } from './rowSchemas';

export type UpsertStatus = 'created' | 'updated' | 'unchanged';
export type UpsertResult = { status: UpsertStatus; id: string } | { status: 'skipped'; reason: string };

/** The customer fields a row sets; empty cells (and an unknown location) leave the stored value alone. */
function profileData(row: CustomerRow, locationId: string | undefined) {
  const data = {
    locationId,
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

/** The dealer's customers with these DMS customer numbers, in one query (for a batch of rows). */
export async function knownCustomers(prisma: PrismaClient, dealerId: string, numbers: string[]): Promise<KnownRows<Customer>> {
  const unique = [...new Set(numbers)];
  const found = unique.length ? await prisma.customer.findMany({ where: { dealerId, externalDmsId: { in: unique } } }) : [];
  return new KnownRows<Customer>().lookedUp(
    unique,
    found.map((c) => [c.externalDmsId!, c]),
  );
}

/**
 * Creates or updates the customer with this DMS customer number at this dealer; erased customers stay erased.
 * `known`: the batch's customers looked up beforehand (knownCustomers), kept current here; `locationId`: the
 * location the row's "Filiale" names (resolved by the import: import/dealerLocations.ts).
 */
export async function upsertCustomer(
  prisma: PrismaClient,
  dealerId: string,
  row: CustomerRow,
  { known, locationId }: { known?: KnownRows<Customer>; locationId?: string } = {},
): Promise<UpsertResult> {
  const where = { dealerId_externalDmsId: { dealerId, externalDmsId: row.externalDmsId } };
  const current = known?.covers(row.externalDmsId) ? known.get(row.externalDmsId) : await prisma.customer.findUnique({ where });
  if (!current) {
    const data: Prisma.CustomerUncheckedCreateInput = {
      dealerId,
      externalDmsId: row.externalDmsId,
      ...profileData(row, locationId),
      lastName: row.lastName,
      ...consentData(row),
    };
    const created = await prisma.customer.create({ data });
    known?.set(row.externalDmsId, created);
    return { status: 'created', id: created.id };
  }
  if (current.erasedAt)
    return { status: 'skipped', reason: `customer ${row.externalDmsId} was erased (DSGVO Art. 17) and is not re-imported` };
  const changes = { ...profileData(row, locationId), ...consentData(row, current) };
  if (!differs(current as unknown as Record<string, unknown>, changes)) return { status: 'unchanged', id: current.id };
  known?.set(row.externalDmsId, await prisma.customer.update({ where: { id: current.id }, data: changes }));
  return { status: 'updated', id: current.id };
}
