import crypto from 'node:crypto';
import type { PrismaClient } from '../db/generated/client';

/**
 * Copies a dealer's customers into the sandbox, pseudonymised: every name, email address, phone
 * number, VIN and plate is replaced, ids are kept (so the report speaks of the real customer ids
 * and a dealer can look them up), and so are dates, consent states, objections and tags: what the
 * campaigns decide on. The source is only read.
 */
export type SnapshotSummary = { dealerIds: string[]; customerIds: string[]; vehicles: number };

const pseudo = (kind: string, id: string) => `${kind}-${crypto.createHash('sha256').update(id).digest('hex').slice(0, 10)}`;
const simEmail = (kind: string, id: string) => `${pseudo(kind, id)}@simulation.invalid`;

export async function copyPseudonymisedSnapshot(
  source: PrismaClient,
  sandbox: PrismaClient,
  options: { dealerId?: string } = {},
): Promise<SnapshotSummary> {
  const dealerWhere = options.dealerId ? { id: options.dealerId } : {};
  const dealers = await source.dealer.findMany({ where: dealerWhere });
  if (dealers.length === 0)
    throw new Error(
      options.dealerId ? `dealer ${options.dealerId} does not exist in the source database` : 'the source database has no dealer',
    );
  const dealerIds = dealers.map((d) => d.id);
  const inDealers = { dealerId: { in: dealerIds } };

  const groupIds = [...new Set(dealers.map((d) => d.groupId).filter((g): g is string => Boolean(g)))];
  if (groupIds.length)
    await sandbox.dealerGroup.createMany({ data: await source.dealerGroup.findMany({ where: { id: { in: groupIds } } }) });
  await sandbox.dealer.createMany({ data: dealers.map((d) => ({ ...d, email: d.email ? simEmail('dealer', d.id) : null })) as never });
  await sandbox.location.createMany({
    data: (await source.location.findMany({ where: inDealers })).map((l) => ({
      ...l,
      email: l.email ? simEmail('location', l.id) : null,
    })) as never,
  });

  const staff = await source.staff.findMany({ where: inDealers });
  await sandbox.staff.createMany({
    data: staff.map((s) => ({
      ...s,
      managerId: null,
      firstName: s.role,
      lastName: pseudo('staff', s.id),
      email: simEmail('staff', s.id),
      phone: null,
    })) as never,
  });
  for (const s of staff.filter((s) => s.managerId)) await sandbox.staff.update({ where: { id: s.id }, data: { managerId: s.managerId } });
  await sandbox.staffAbsence.createMany({
    data: (await source.staffAbsence.findMany({ where: { staffId: { in: staff.map((s) => s.id) } } })).map((a) => ({
      ...a,
      note: null,
    })) as never,
  });

  const customers = await source.customer.findMany({ where: inDealers, orderBy: { id: 'asc' } });
  const emailMap = new Map<string, string>();
  const rows = customers.map((c, n) => {
    const email = c.email ? simEmail('customer', c.id) : null;
    if (c.email && email) emailMap.set(c.email.toLowerCase(), email);
    return {
      ...c,
      title: null,
      firstName: c.firstName ? 'Kunde' : null,
      lastName: `Nr. ${n + 1}`,
      companyName: c.companyName ? `Firma ${n + 1}` : null,
      email,
      phone: c.phone ? `+49 30 ${String(n + 1).padStart(7, '0')}` : null,
      consentWording: c.consentWording ? 'pseudonymised' : null,
      consentSource: c.consentSource ? 'pseudonymised' : null,
      externalDmsId: c.externalDmsId ? pseudo('dms', c.id) : null,
    };
  });
  for (let i = 0; i < rows.length; i += 500) await sandbox.customer.createMany({ data: rows.slice(i, i + 500) as never });

  const vehicles = await source.vehicle.findMany({ where: inDealers });
  const vehicleRows = vehicles.map((v) => ({
    ...v,
    vin: pseudo('VIN', v.id).toUpperCase(),
    licensePlate: null,
    externalDmsId: v.externalDmsId ? pseudo('dmsv', v.id) : null,
  }));
  for (let i = 0; i < vehicleRows.length; i += 500) await sandbox.vehicle.createMany({ data: vehicleRows.slice(i, i + 500) as never });

  // Suppressions are per address: they follow the pseudonymised address, so they stay honoured.
  const suppressions = await source.suppression.findMany({ where: { email: { in: [...emailMap.keys()] } } });
  await sandbox.suppression.createMany({
    data: suppressions.map((s) => ({ ...s, email: emailMap.get(s.email.toLowerCase())!, note: null })) as never,
  });

  return { dealerIds, customerIds: customers.map((c) => c.id), vehicles: vehicles.length };
}
