import { asDate, definedOnly, differs } from './changes';
import type { PrismaClient, Vehicle } from '../db/generated/client';
import { KnownRows } from './knownRows';
import type { VehicleRow } from './rowSchemas';
import type { UpsertResult } from './upsertCustomer';

function vehicleData(row: VehicleRow, ownerId: string | undefined) {
  const data = {
    ownerId,
    externalDmsId: row.vehicleExternalDmsId,
    licensePlate: row.licensePlate,
    make: row.make,
    model: row.model,
    variant: row.variant,
    firstRegistrationAt: asDate(row.firstRegistrationAt),
    deliveredAt: asDate(row.deliveredAt),
    lastServiceAt: asDate(row.lastServiceAt),
    lastServiceMileage: row.lastServiceMileage,
    lastHuAt: asDate(row.lastHuAt),
    financingEndAt: asDate(row.financingEndAt),
    // A lease end in the DMS export means a lease (Leasingende); other contracts come through other fields.
    financingKind: row.financingEndAt ? ('lease' as const) : undefined,
  };
  return definedOnly(data);
}

export type VehicleUpsertResult =
  | (UpsertResult & { deliveredAtChanged?: boolean })
  /** The row's VIN is one vehicle, its DMS vehicle number another: nothing is written, the row is reported. */
  | { status: 'contradicts'; numberBelongsToVin: string };

/** A batch's vehicles by VIN and by DMS vehicle number, looked up together. */
export type KnownVehicles = { byVin: KnownRows<Vehicle>; byNumber: KnownRows<Vehicle> };

/** The dealer's vehicles with these VINs or DMS vehicle numbers, in one query (for a batch of rows). */
export async function knownVehicles(prisma: PrismaClient, dealerId: string, rows: VehicleRow[]): Promise<KnownVehicles> {
  const vins = [...new Set(rows.map((r) => r.vin))];
  const numbers = [...new Set(rows.flatMap((r) => (r.vehicleExternalDmsId ? [r.vehicleExternalDmsId] : [])))];
  const found =
    vins.length || numbers.length
      ? await prisma.vehicle.findMany({ where: { dealerId, OR: [{ vin: { in: vins } }, { externalDmsId: { in: numbers } }] } })
      : [];
  return {
    byVin: new KnownRows<Vehicle>().lookedUp(
      vins,
      found.map((v) => [v.vin, v]),
    ),
    byNumber: new KnownRows<Vehicle>().lookedUp(
      numbers,
      found.flatMap((v) => (v.externalDmsId ? [[v.externalDmsId, v] as [string, Vehicle]] : [])),
    ),
  };
}

async function findByVin(prisma: PrismaClient, dealerId: string, vin: string, known?: KnownVehicles) {
  if (known?.byVin.covers(vin)) return known.byVin.get(vin);
  return prisma.vehicle.findUnique({ where: { dealerId_vin: { dealerId, vin } } });
}

async function findByNumber(prisma: PrismaClient, dealerId: string, number: string, known?: KnownVehicles) {
  if (known?.byNumber.covers(number)) return known.byNumber.get(number);
  return prisma.vehicle.findUnique({ where: { dealerId_externalDmsId: { dealerId, externalDmsId: number } } });
}

/** Keeps the batch's lookups true after a write: the old keys of the vehicle go, its new ones come. */
function remember(known: KnownVehicles | undefined, before: Vehicle | null, after: Vehicle) {
  if (!known) return;
  if (before) known.byVin.delete(before.vin);
  if (before?.externalDmsId) known.byNumber.delete(before.externalDmsId);
  known.byVin.set(after.vin, after);
  if (after.externalDmsId) known.byNumber.set(after.externalDmsId, after);
}

/**
 * Creates or updates the vehicle with this VIN at this dealer (also found by its DMS vehicle number).
 * `known`: the batch's vehicles looked up beforehand (knownVehicles), kept current here.
 */
export async function upsertVehicle(
  prisma: PrismaClient,
  dealerId: string,
  row: VehicleRow,
  ownerId: string | undefined,
  known?: KnownVehicles,
): Promise<VehicleUpsertResult> {
  const byVin = await findByVin(prisma, dealerId, row.vin, known);
  const byNumber = row.vehicleExternalDmsId ? await findByNumber(prisma, dealerId, row.vehicleExternalDmsId, known) : null;
  // E.g. an old line of the export on a re-run, after the DMS moved that VIN to another vehicle number.
  if (byVin && byNumber && byVin.id !== byNumber.id) return { status: 'contradicts', numberBelongsToVin: byNumber.vin };
  const current = byVin ?? byNumber;
  const data = vehicleData(row, ownerId);
  if (!current) {
    const created = await prisma.vehicle.create({ data: { dealerId, vin: row.vin, make: row.make, model: row.model, ...data } });
    remember(known, null, created);
    return { status: 'created', id: created.id, deliveredAtChanged: Boolean(data.deliveredAt) };
  }
  const changes = { ...data, vin: row.vin };
  if (!differs(current as unknown as Record<string, unknown>, changes)) return { status: 'unchanged', id: current.id };
  remember(known, current, await prisma.vehicle.update({ where: { id: current.id }, data: changes }));
  const deliveredAtChanged = Boolean(data.deliveredAt) && current.deliveredAt?.getTime() !== data.deliveredAt!.getTime();
  return { status: 'updated', id: current.id, deliveredAtChanged };
}
