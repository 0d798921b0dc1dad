import { z } from 'zod';
import { customerAddressing, customerSchema, locationSchema, vehicleName, vehicleSchema } from '../variables';
import type { Language } from '../types';
import { formatDate, formatMonthYear } from '../formatting';
import { sampleCustomer, sampleLocation, sampleVehicle } from './samples';

/** Variables shared by the workshop reminders (inspection, first service). */
export const serviceReminderVariables = z.object({
  customer: customerSchema,
  vehicle: vehicleSchema,
  /** Pre-formatted due date, e.g. "15. März 2027" / "15 March 2027" (see formatDate). */
  dueDate: z.string().min(1),
  location: locationSchema,
});

/** Variables of the HU (main inspection) reminders. */
export const huReminderVariables = z.object({
  customer: customerSchema,
  vehicle: vehicleSchema,
  /** Pre-formatted due month, e.g. "Juni 2027" / "June 2027" (see formatMonthYear). */
  dueMonth: z.string().min(1),
  location: locationSchema,
});

export const sampleServiceVariables = (language: Language) => ({
  customer: sampleCustomer,
  vehicle: sampleVehicle,
  dueDate: formatDate('2027-03-15', language),
  location: sampleLocation,
});

export const sampleHuVariables = (language: Language) => ({
  customer: sampleCustomer,
  vehicle: sampleVehicle,
  dueMonth: formatMonthYear('2027-06-01', language),
  location: sampleLocation,
});

export function deriveCustomerAndVehicle(
  v: { customer: z.output<typeof serviceReminderVariables>['customer']; vehicle: { make: string; model: string; licensePlate?: string } },
  language: Language,
) {
  return { ...customerAddressing(v.customer, language), vehicleName: vehicleName(v.vehicle) };
}
