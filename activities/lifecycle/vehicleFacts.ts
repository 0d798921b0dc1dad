import type { PrismaClient } from '../../db/generated/client';

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : undefined);

/** The vehicle as the lifecycle sees it (dates as yyyy-MM-dd); readings are the lifecycle's own business. */
export async function loadVehicleFacts(prisma: Pick<PrismaClient, 'vehicle'>, vehicleId: string) {
  const v = await prisma.vehicle.findUnique({ where: { id: vehicleId } });
  if (!v) return undefined;
  return {
    vehicleId: v.id,
    make: v.make,
    deliveredOn: day(v.deliveredAt),
    firstRegistration: day(v.firstRegistrationAt),
    lastServiceDate: day(v.lastServiceAt),
    lastServiceMileageKm: v.lastServiceMileage ?? undefined,
    lastHuDate: day(v.lastHuAt),
    financingKind: v.financingKind ?? undefined,
    financingEndDate: day(v.financingEndAt),
    sold: v.soldAt !== null || v.deregisteredAt !== null,
  };
}

export type LoadedVehicleFacts = NonNullable<Awaited<ReturnType<typeof loadVehicleFacts>>>;
