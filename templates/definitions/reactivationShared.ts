import { z } from 'zod';
import type { Language } from '../types';
import { customerAddressing, customerSchema, locationSchema, vehicleName, vehicleSchema } from '../variables';
import { sampleCustomer, sampleLocation, sampleVehicle } from './samples';

/** Customers who have been silent for about 18 months. */
export const reactivationVariables = z.object({
  customer: customerSchema,
  /** The car we last knew them with, if any. */
  lastVehicle: vehicleSchema.optional(),
  location: locationSchema,
  /** Optional incentive, e.g. a check-up at a special price. */
  offer: z
    .object({
      headline: z.string().min(1),
      text: z.string().min(1),
      /** Pre-formatted, e.g. "31. Mai 2027" / "31 May 2027". */
      validUntil: z.string().min(1).optional(),
    })
    .optional(),
});

export const sampleReactivationVariables = (language: Language) => ({
  customer: sampleCustomer,
  lastVehicle: sampleVehicle,
  location: sampleLocation,
  offer:
    language === 'de'
      ? {
          headline: 'Frühjahrs-Check für 29 €',
          text: 'Wir prüfen Bremsen, Reifen, Licht, Batterie und Flüssigkeiten – damit Sie sicher in die neue Saison starten.',
          validUntil: '31. Mai 2027',
        }
      : {
          headline: 'Spring check-up for €29',
          text: 'We check brakes, tyres, lights, battery and fluids – so you start the new season safely.',
          validUntil: '31 May 2027',
        },
});

export function deriveReactivation(v: z.output<typeof reactivationVariables>, language: Language) {
  return { ...customerAddressing(v.customer, language), lastVehicleName: v.lastVehicle ? vehicleName(v.lastVehicle) : '' };
}
