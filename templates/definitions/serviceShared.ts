import { z } from 'zod';
import { customerAddressing, customerSchema, locationSchema, vehicleName, vehicleSchema } from '../variables';
import type { Language } from '../types';
import { formatDate, formatOverdueFor } from '../formatting';
import { sampleCustomer, sampleLocation, sampleVehicle } from './samples';

/** Variables shared by the workshop reminders (inspection, first service). */
export const serviceReminderVariables = z.object({
  customer: customerSchema,
  vehicle: vehicleSchema,
  /** Pre-formatted due date, e.g. "15. März 2027" / "15 March 2027" (see formatDate). */
  dueDate: z.string().min(1),
  /** Days the due date lies before the send day; absent (or 0) while it is still ahead. */
  dueDateDaysOverdue: z.number().int().min(0).optional(),
  location: locationSchema,
});

export const sampleServiceVariables = (language: Language) => ({
  customer: sampleCustomer,
  vehicle: sampleVehicle,
  dueDate: formatDate('2027-03-15', language),
  location: sampleLocation,
});

/** The same service, overdue by eleven months (the due date lies before the send day). */
export const sampleOverdueServiceVariables = (language: Language) => ({
  ...sampleServiceVariables(language),
  dueDate: formatDate('2025-01-06', language),
  dueDateDaysOverdue: 330,
});

type ServiceVariables = z.output<typeof serviceReminderVariables>;

/**
 * The due-date sentences of the service reminder and its follow-up: "due by 15 March 2027" while it
 * is ahead, "was due on 6 January 2025, overdue for 10 months" once it has passed. A reminder never
 * presents a past date as upcoming.
 */
export function deriveServiceDue(v: ServiceVariables, language: Language) {
  const base = deriveCustomerAndVehicle(v, language);
  const overdue = v.dueDateDaysOverdue && v.dueDateDaysOverdue > 0 ? formatOverdueFor(v.dueDateDaysOverdue, language) : undefined;
  const car = base.vehicleName;
  const texts =
    language === 'de'
      ? overdue
        ? {
            serviceSubject: `Ihre Inspektion ist überfällig – ${car}`,
            dueShort: `Seit dem ${v.dueDate} fällig`,
            dueSentence: `laut unseren Unterlagen war für Ihr Fahrzeug ${car} am ${v.dueDate} die Inspektion fällig – sie ist also seit ${overdue} überfällig. Am besten vereinbaren Sie gleich einen Termin.`,
            followupSentence: `vor einigen Wochen haben wir Sie daran erinnert, dass für Ihr Fahrzeug ${car} die Inspektion seit dem ${v.dueDate} fällig ist – inzwischen seit ${overdue}. Bisher ist bei uns noch kein Termin für Sie eingetragen.`,
          }
        : {
            serviceSubject: `Ihre nächste Inspektion steht an – ${car}`,
            dueShort: `Fällig bis zum ${v.dueDate}`,
            dueSentence: `laut unseren Unterlagen ist für Ihr Fahrzeug ${car} bis zum ${v.dueDate} die nächste Inspektion fällig.`,
            followupSentence: `vor einigen Wochen haben wir Sie daran erinnert, dass für Ihr Fahrzeug ${car} bis zum ${v.dueDate} die nächste Inspektion ansteht. Bisher ist bei uns noch kein Termin für Sie eingetragen.`,
          }
      : overdue
        ? {
            serviceSubject: `Your service is overdue – ${car}`,
            dueShort: `Due since ${v.dueDate}`,
            dueSentence: `According to our records, your ${car} was due for its service on ${v.dueDate} – it has been overdue for ${overdue}. It is best to book an appointment now.`,
            followupSentence: `A few weeks ago we let you know that your ${car} has been due for its service since ${v.dueDate} – overdue for ${overdue} by now. We have not yet got an appointment for you in our diary.`,
          }
        : {
            serviceSubject: `Your next service is due – ${car}`,
            dueShort: `Due by ${v.dueDate}`,
            dueSentence: `According to our records, your ${car} is due for its next service by ${v.dueDate}.`,
            followupSentence: `A few weeks ago we let you know that your ${car} is due for its next service by ${v.dueDate}. We have not yet got an appointment for you in our diary.`,
          };
  return { ...base, ...texts };
}

export function deriveCustomerAndVehicle(
  v: { customer: z.output<typeof serviceReminderVariables>['customer']; vehicle: { make: string; model: string; licensePlate?: string } },
  language: Language,
) {
  return { ...customerAddressing(v.customer, language), vehicleName: vehicleName(v.vehicle) };
}
