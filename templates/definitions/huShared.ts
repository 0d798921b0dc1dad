import { z } from 'zod';
import { customerSchema, locationSchema, vehicleSchema } from '../variables';
import type { Language } from '../types';
import { formatMonthYear, formatOverdueFor } from '../formatting';
import { deriveCustomerAndVehicle } from './serviceShared';
import { sampleCustomer, sampleLocation, sampleVehicle } from './samples';

/** Variables of the HU (main inspection) reminders. */
export const huReminderVariables = z.object({
  customer: customerSchema,
  vehicle: vehicleSchema,
  /** Pre-formatted due month, e.g. "Juni 2027" / "June 2027" (see formatMonthYear). */
  dueMonth: z.string().min(1),
  /** Days since the end of the due month (the HU may be done until its last day); absent while it is still ahead. */
  dueMonthDaysOverdue: z.number().int().min(0).optional(),
  location: locationSchema,
});

export const sampleHuVariables = (language: Language) => ({
  customer: sampleCustomer,
  vehicle: sampleVehicle,
  dueMonth: formatMonthYear('2027-06-01', language),
  location: sampleLocation,
});

/** The same HU, its month four months past on the send day. */
export const sampleOverdueHuVariables = (language: Language) => ({
  ...sampleHuVariables(language),
  dueMonth: formatMonthYear('2025-01-01', language),
  dueMonthDaysOverdue: 125,
});

type HuVariables = z.output<typeof huReminderVariables>;

/**
 * The due sentences of both HU reminders: "im Juni 2027 fällig" while the month is ahead, "war im
 * Januar 2025 fällig – seit 4 Monaten überfällig" once it has passed. Never a past month as if ahead.
 */
export function deriveHuDue(v: HuVariables, language: Language) {
  const base = deriveCustomerAndVehicle(v, language);
  const overdue = v.dueMonthDaysOverdue && v.dueMonthDaysOverdue > 0 ? formatOverdueFor(v.dueMonthDaysOverdue, language) : undefined;
  const car = base.vehicleName;
  const month = v.dueMonth;
  const texts =
    language === 'de'
      ? overdue
        ? {
            huSubject: `Hauptuntersuchung überfällig – ${car}`,
            huSecondSubject: `Bitte nicht vergessen: HU seit ${overdue} überfällig – ${car}`,
            huDueSentence: `für Ihr Fahrzeug ${car} war im ${month} die Hauptuntersuchung (HU) einschließlich Abgasuntersuchung (AU) fällig – sie ist also seit ${overdue} überfällig.`,
            huSecondSentence: `wir möchten Sie noch einmal daran erinnern: Für Ihr Fahrzeug ${car} war im ${month} die Hauptuntersuchung (HU) einschließlich Abgasuntersuchung (AU) fällig – inzwischen ist sie seit ${overdue} überfällig.`,
          }
        : {
            huSubject: `Hauptuntersuchung im ${month} fällig – ${car}`,
            huSecondSubject: `Bitte nicht vergessen: HU im ${month} – ${car}`,
            huDueSentence: `für Ihr Fahrzeug ${car} ist im ${month} die Hauptuntersuchung (HU) einschließlich Abgasuntersuchung (AU) fällig.`,
            huSecondSentence: `wir möchten Sie noch einmal daran erinnern: Für Ihr Fahrzeug ${car} ist im ${month} die Hauptuntersuchung (HU) einschließlich Abgasuntersuchung (AU) fällig.`,
          }
      : overdue
        ? {
            huSubject: `Main inspection (HU) overdue – ${car}`,
            huSecondSubject: `Don't forget: HU overdue for ${overdue} – ${car}`,
            huDueSentence: `Your ${car} was due for its main inspection (Hauptuntersuchung, HU) including the emissions test (AU) in ${month} – it has been overdue for ${overdue}.`,
            huSecondSentence: `Just a friendly reminder: your ${car} was due for its main inspection (HU) including the emissions test (AU) in ${month} – it has been overdue for ${overdue} by now.`,
          }
        : {
            huSubject: `Main inspection (HU) due in ${month} – ${car}`,
            huSecondSubject: `Don't forget: HU due in ${month} – ${car}`,
            huDueSentence: `Your ${car} is due for its main inspection (Hauptuntersuchung, HU) including the emissions test (AU) in ${month}.`,
            huSecondSentence: `Just a friendly reminder: your ${car} is due for its main inspection (HU) including the emissions test (AU) in ${month}.`,
          };
  return { ...base, ...texts };
}
