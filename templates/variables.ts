import { z } from 'zod';
import type { Language } from './types';

/**
 * Building blocks for template variable schemas.
 *
 * Dates are passed PRE-FORMATTED by the caller in the customer's language
 * (e.g. "Juni 2027" / "June 2027", "15. März 2027" / "15 March 2027"); `templates/formatting.ts`
 * has luxon helpers that produce exactly these strings for de-DE and en-GB.
 */

/** Only http(s) links may go into an email (no `javascript:` or `data:` URLs). */
export const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' });

export const postalAddressSchema = z.object({
  street: z.string().min(1),
  postalCode: z.string().min(1),
  city: z.string().min(1),
});

/** A customer addressed formally: "Guten Tag Frau Dr. Müller," / "Dear Dr Müller,". */
export const customerSchema = z.object({
  salutation: z.enum(['ms', 'mr', 'none']).default('none'),
  /** Academic title, e.g. "Dr." or "Prof. Dr.". */
  title: z.string().min(1).optional(),
  firstName: z.string().min(1).optional(),
  lastName: z.string().min(1),
});
export type Customer = z.output<typeof customerSchema>;

export const vehicleSchema = z.object({
  make: z.string().min(1),
  model: z.string().min(1),
  licensePlate: z.string().min(1).optional(),
});

/** The workshop or showroom the customer deals with. */
export const locationSchema = z.object({
  phone: z.string().min(1),
  bookingUrl: httpUrl,
});

/** A named person at the dealership the customer can reach directly. */
export const contactPersonSchema = z.object({
  name: z.string().min(1),
  phone: z.string().min(1).optional(),
  email: z.email().optional(),
});

const SALUTATIONS: Record<Language, Record<'ms' | 'mr', string>> = {
  de: { ms: 'Frau', mr: 'Herr' },
  en: { ms: 'Ms', mr: 'Mr' },
};

/** "Frau Dr. Müller" / "Dr Müller", or first and last name when no salutation is known. */
export function formalName(customer: Customer, language: Language): string {
  if (customer.salutation === 'none') {
    return [customer.title, customer.firstName, customer.lastName].filter(Boolean).join(' ');
  }
  if (language === 'en' && customer.title) {
    return `${customer.title.replace(/\./g, '')} ${customer.lastName}`;
  }
  return [SALUTATIONS[language][customer.salutation], customer.title, customer.lastName].filter(Boolean).join(' ');
}

/** The opening line of a customer email, including the comma. */
export function greeting(customer: Customer | undefined, language: Language): string {
  if (!customer) return language === 'de' ? 'Guten Tag,' : 'Hello,';
  const name = formalName(customer, language);
  return language === 'de' ? `Guten Tag ${name},` : `Dear ${name},`;
}

/** Values every customer template can use: `{{greeting}}` and `{{formalName}}`. */
export function customerAddressing(customer: Customer | undefined, language: Language) {
  return { greeting: greeting(customer, language), formalName: customer ? formalName(customer, language) : '' };
}

/** "VW Golf (M-AB 1234)" — used after "Ihr Fahrzeug" / "your", which avoids German gender agreement with model names. */
export function vehicleName(vehicle: { make: string; model: string; licensePlate?: string }): string {
  const name = `${vehicle.make} ${vehicle.model}`;
  return vehicle.licensePlate ? `${name} (${vehicle.licensePlate})` : name;
}
