import { z } from 'zod';
import {
  parseConsent,
  parseGermanDate,
  parseGermanDateOrMonth,
  parseLanguage,
  parseMileage,
  parseSalutation,
  parseVin,
} from './germanValues';
import type { ImportField, ResolvedColumns } from './headerMapping';
import { CENTURY_RULES } from './twoDigitYears';

/** An empty cell is "not given": the field stays as it is in the database. */
const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);

function cell<T>(parse: (raw: string) => T) {
  return z.string().transform((raw, ctx): T => {
    try {
      return parse(raw);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  });
}
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(blankToUndefined, schema.optional());
const required = <T extends z.ZodType<unknown, string>>(schema: T) =>
  z.preprocess(blankToUndefined, z.custom<string>((v) => typeof v === 'string', { message: 'is required' }).pipe(schema));
const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: `is longer than ${max} characters` });

type DatedField = keyof typeof CENTURY_RULES;

/**
 * The row schemas for an import run on `today` (yyyy-MM-dd in the dealership's zone): dates with a
 * two-digit year are read by their field's century rule relative to that day.
 */
export function rowSchemasFor(today: string) {
  const date = (field: DatedField) => cell((raw) => parseGermanDate(raw, { rule: CENTURY_RULES[field], today }));
  const dateOrMonth = (field: DatedField) => cell((raw) => parseGermanDateOrMonth(raw, { rule: CENTURY_RULES[field], today }));
  const customer = z.object({
    externalDmsId: required(text(64)),
    salutation: optional(cell(parseSalutation)),
    title: optional(text(40)),
    firstName: optional(text(100)),
    lastName: required(text(100)),
    companyName: optional(text(200)),
    email: optional(
      z
        .string()
        .trim()
        .toLowerCase()
        .pipe(z.email({ message: 'is not a valid email address' })),
    ),
    phone: optional(text(40)),
    language: optional(cell(parseLanguage)),
    emailConsent: optional(cell(parseConsent)),
    consentGivenAt: optional(date('consentGivenAt')),
    existingCustomerSince: optional(date('existingCustomerSince')),
    /** A location's name as the dealer spells it; the import resolves it (import/dealerLocations.ts). */
    location: optional(text(100)),
  });
  const vehicle = z.object({
    externalDmsId: optional(text(64)),
    vehicleExternalDmsId: optional(text(64)),
    vin: required(cell(parseVin)),
    licensePlate: optional(text(20)),
    make: required(text(60)),
    model: required(text(80)),
    variant: optional(text(120)),
    firstRegistrationAt: optional(date('firstRegistrationAt')),
    deliveredAt: optional(date('deliveredAt')),
    lastServiceAt: optional(date('lastServiceAt')),
    lastServiceMileage: optional(cell(parseMileage)),
    lastHuAt: optional(dateOrMonth('lastHuAt')),
    financingEndAt: optional(dateOrMonth('financingEndAt')),
  });
  return { customer, vehicle };
}
export type CustomerRow = z.infer<ReturnType<typeof rowSchemasFor>['customer']>;
export type VehicleRow = z.infer<ReturnType<typeof rowSchemasFor>['vehicle']>;

/** Cells by field, from one CSV record (an array of cells) and the resolved columns. */
export function cellsByField(record: string[], columns: ResolvedColumns): Partial<Record<ImportField, string>> {
  const cells: Partial<Record<ImportField, string>> = {};
  columns.fieldOfColumn.forEach((field, index) => {
    if (field && record[index] !== undefined) cells[field] = record[index];
  });
  return cells;
}

export type RowValidation<T> = { ok: true; row: T } | { ok: false; reason: string };

/** Validates one row; the reason names each bad column by the file's own header: "Nachname: is required; E-Mail: …". */
export function validateRow<T>(
  schema: z.ZodType<T>,
  cells: Partial<Record<ImportField, string>>,
  columns: ResolvedColumns,
): RowValidation<T> {
  const parsed = schema.safeParse(cells);
  if (parsed.success) return { ok: true, row: parsed.data };
  const reason = parsed.error.issues
    .map((issue) => {
      const field = String(issue.path[0] ?? '') as ImportField;
      const column = columns.headerOfField[field] ?? `(no column for ${field})`;
      return `${column}: ${issue.message}`;
    })
    .join('; ');
  return { ok: false, reason };
}
