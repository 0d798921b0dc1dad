import type { z } from 'zod';
import type { PrismaClient } from '../../db/generated/client';
import { conflict, notFound } from '../problems';
import type { vehicleUpsertSchema } from '../schemas/vehicleSchemas';

export type VehicleUpsert = z.infer<typeof vehicleUpsertSchema>;

const day = (value?: string) => (value ? new Date(`${value}T00:00:00Z`) : undefined);

/** Creates or updates the vehicle with this VIN at the dealer; the owner is named by DMS customer number. */
export async function upsertVehicle(prisma: PrismaClient, dealerId: string, vin: string, input: VehicleUpsert) {
  return prisma.$transaction(async (tx) => {
    let ownerId: string | undefined;
    if (input.ownerExternalId) {
      const owner = await tx.customer.findUnique({ where: { dealerId_externalDmsId: { dealerId, externalDmsId: input.ownerExternalId } } });
      if (!owner)
        throw notFound(
          `ownerExternalId: no customer with customer number "${input.ownerExternalId}"; PUT /customers/${input.ownerExternalId} first`,
        );
      ownerId = owner.id;
    }
    if (input.externalId) {
      const other = await tx.vehicle.findUnique({ where: { dealerId_externalDmsId: { dealerId, externalDmsId: input.externalId } } });
      if (other && other.vin !== vin)
        throw conflict(`externalId: vehicle number "${input.externalId}" already belongs to VIN ${other.vin}`);
    }
    const fields = {
      ownerId,
      externalDmsId: input.externalId,
      make: input.make,
      model: input.model,
      variant: input.variant,
      licensePlate: input.licensePlate,
      fuelType: input.fuelType,
      firstRegistrationAt: day(input.firstRegistrationAt),
      deliveredAt: day(input.deliveredAt),
      lastServiceAt: day(input.lastServiceAt),
      lastServiceMileage: input.lastServiceMileage,
      lastHuAt: day(input.lastHuAt),
      financingKind: input.financingKind,
      financingEndAt: day(input.financingEndAt),
      soldAt: day(input.soldAt),
      deregisteredAt: day(input.deregisteredAt),
    };
    const existing = await tx.vehicle.findUnique({ where: { dealerId_vin: { dealerId, vin } } });
    if (existing) {
      const updated = await tx.vehicle.update({ where: { id: existing.id }, data: fields });
      return { id: updated.id, vin, ownerId: updated.ownerId, created: false };
    }
    const created = await tx.vehicle.create({ data: { ...fields, dealerId, vin } });
    return { id: created.id, vin, ownerId: created.ownerId, created: true };
  });
}
