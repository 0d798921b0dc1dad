import { asDate, definedOnly, differs } from './changes';
import type { PrismaClient } from '../db/generated/client';
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

export type VehicleUpsertResult = UpsertResult & { deliveredAtChanged?: boolean };

/** Creates or updates the vehicle with this VIN at this dealer (also found by its DMS vehicle number). */
export async function upsertVehicle(
  prisma: PrismaClient,
  dealerId: string,
  row: VehicleRow,
  ownerId: string | undefined,
): Promise<VehicleUpsertResult> {
  const current =
    (await prisma.vehicle.findUnique({ where: { dealerId_vin: { dealerId, vin: row.vin } } })) ??
    (row.vehicleExternalDmsId
      ? await prisma.vehicle.findUnique({ where: { dealerId_externalDmsId: { dealerId, externalDmsId: row.vehicleExternalDmsId } } })
      : null);
  const data = vehicleData(row, ownerId);
  if (!current) {
    const created = await prisma.vehicle.create({ data: { dealerId, vin: row.vin, make: row.make, model: row.model, ...data } });
    return { status: 'created', id: created.id, deliveredAtChanged: Boolean(data.deliveredAt) };
  }
  const changes = { ...data, vin: row.vin };
  if (!differs(current as unknown as Record<string, unknown>, changes)) return { status: 'unchanged', id: current.id };
  await prisma.vehicle.update({ where: { id: current.id }, data: changes });
  const deliveredAtChanged = Boolean(data.deliveredAt) && current.deliveredAt?.getTime() !== data.deliveredAt!.getTime();
  return { status: 'updated', id: current.id, deliveredAtChanged };
}
