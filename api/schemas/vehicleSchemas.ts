import { z } from 'zod';
import { day, shortText } from './common';

export const vinParams = z.object({
  vin: z
    .string()
    .regex(/^[A-HJ-NPR-Z0-9]{17}$/, { message: 'must be a 17-character VIN (capital letters without I, O, Q, and digits)' })
    .describe('Vehicle identification number (FIN)'),
});

export const vehicleUpsertSchema = z
  .object({
    ownerExternalId: shortText(100).optional().describe('Customer number (DMS) of the owner; the customer must exist'),
    externalId: shortText(100).optional().describe('Vehicle number in the dealer management system'),
    make: shortText(60),
    model: shortText(100),
    variant: shortText(200).optional(),
    licensePlate: shortText(20).optional(),
    fuelType: z.enum(['petrol', 'diesel', 'hybrid', 'plug_in_hybrid', 'electric', 'lpg', 'cng', 'hydrogen', 'other']).optional(),
    firstRegistrationAt: day.optional().describe('Erstzulassung'),
    deliveredAt: day.optional(),
    lastServiceAt: day.optional(),
    lastServiceMileage: z.number().int().min(0).max(5_000_000).optional(),
    lastHuAt: day.optional().describe('Last main inspection (HU)'),
    financingKind: z.enum(['cash', 'loan', 'balloon_loan', 'lease']).optional(),
    financingEndAt: day.optional().describe('End of lease or financing'),
    soldAt: day.optional(),
    deregisteredAt: day.optional(),
  })
  .strict()
  .describe('A vehicle as the dealer management system knows it');

export const vehicleUpsertResponse = z.object({ id: z.string(), vin: z.string(), ownerId: z.string().nullable(), created: z.boolean() });
