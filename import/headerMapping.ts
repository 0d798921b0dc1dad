import fs from 'node:fs';
import { z } from 'zod';

/**
 * The fields an import can fill. Customer files fill customer fields; vehicle files vehicle fields plus the owner's number.
 * `location` is the name of one of the dealer's locations ("Filiale" in the export); vehicles have no location of
 * their own, so a vehicle file's "Filiale" column is listed among the ignored columns.
 */
export const customerFields = [
  'externalDmsId',
  'salutation',
  'title',
  'firstName',
  'lastName',
  'companyName',
  'email',
  'phone',
  'language',
  'emailConsent',
  'consentGivenAt',
  'existingCustomerSince',
  'location',
] as const;
export const vehicleFields = [
  'externalDmsId',
  'vehicleExternalDmsId',
  'vin',
  'licensePlate',
  'make',
  'model',
  'variant',
  'firstRegistrationAt',
  'deliveredAt',
  'lastServiceAt',
  'lastServiceMileage',
  'lastHuAt',
  'financingEndAt',
] as const;
export type CustomerField = (typeof customerFields)[number];
export type VehicleField = (typeof vehicleFields)[number];
export type ImportField = CustomerField | VehicleField;
export type ImportKind = 'customers' | 'vehicles';

const allFields = new Set<string>([...customerFields, ...vehicleFields]);

/**
 * Column names as German DMS exports usually spell them. `externalDmsId` is the customer number in
 * both kinds of file (in a vehicle file it names the owner); the vehicle's own number is `vehicleExternalDmsId`.
 */
export const defaultHeaderMapping: Record<string, ImportField> = {
  Kundennummer: 'externalDmsId',
  'Kunden-Nr': 'externalDmsId',
  Kundennr: 'externalDmsId',
  Kdnr: 'externalDmsId',
  Anrede: 'salutation',
  Titel: 'title',
  Vorname: 'firstName',
  Nachname: 'lastName',
  Name: 'lastName',
  Firma: 'companyName',
  Firmenname: 'companyName',
  'E-Mail': 'email',
  Email: 'email',
  'E-Mail-Adresse': 'email',
  Telefon: 'phone',
  Mobil: 'phone',
  Telefonnummer: 'phone',
  Sprache: 'language',
  Einwilligung: 'emailConsent',
  'Einwilligung E-Mail': 'emailConsent',
  'Einwilligung Werbung': 'emailConsent',
  'Einwilligung E-Mail-Werbung': 'emailConsent',
  Einwilligungsdatum: 'consentGivenAt',
  'Einwilligung am': 'consentGivenAt',
  'Kunde seit': 'existingCustomerSince',
  Filiale: 'location',
  Standort: 'location',
  Niederlassung: 'location',
  Betrieb: 'location',
  Fahrzeugnummer: 'vehicleExternalDmsId',
  'Fahrzeug-Nr': 'vehicleExternalDmsId',
  FIN: 'vin',
  Fahrgestellnummer: 'vin',
  VIN: 'vin',
  Kennzeichen: 'licensePlate',
  'Amtliches Kennzeichen': 'licensePlate',
  Marke: 'make',
  Hersteller: 'make',
  Fabrikat: 'make',
  Modell: 'model',
  Typ: 'variant',
  Ausführung: 'variant',
  Erstzulassung: 'firstRegistrationAt',
  EZ: 'firstRegistrationAt',
  Auslieferung: 'deliveredAt',
  Auslieferungsdatum: 'deliveredAt',
  'Letzte Inspektion': 'lastServiceAt',
  'Letzter Service': 'lastServiceAt',
  'km-Stand': 'lastServiceMileage',
  Kilometerstand: 'lastServiceMileage',
  'Letzte HU': 'lastHuAt',
  HU: 'lastHuAt',
  Leasingende: 'financingEndAt',
  Vertragsende: 'financingEndAt',
};

/** Header comparison ignores case, spaces, dashes, dots and umlaut spelling ("E-Mail" = "email", "Ausfuehrung" = "Ausführung"). */
export function normalizeHeader(header: string): string {
  return header
    .trim()
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .replace(/[^a-z0-9]/g, '');
}

const mappingFileSchema = z.record(
  z.string().min(1),
  z.string().refine((f) => allFields.has(f), { message: `must be one of ${[...allFields].join(', ')}` }),
);

/** Reads a mapping file: { "Kundennummer": "externalDmsId", "Nachname": "lastName", … }. */
export function readMappingFile(file: string): Record<string, ImportField> {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read mapping file ${file}: ${(error as Error).message}`);
  }
  const parsed = mappingFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`Mapping file ${file}: "${issue.path.join('.')}" ${issue.message}`);
  }
  return parsed.data as Record<string, ImportField>;
}

/** Parses --map flags ("Kdnr=externalDmsId"). */
export function parseMapFlags(flags: string[]): Record<string, ImportField> {
  const mapping: Record<string, ImportField> = {};
  for (const flag of flags) {
    const at = flag.lastIndexOf('=');
    const header = at > 0 ? flag.slice(0, at).trim() : '';
    const field = at > 0 ? flag.slice(at + 1).trim() : '';
    if (!header || !field) throw new Error(`--map "${flag}": expected COLUMN=field, e.g. "Kdnr=externalDmsId"`);
    if (!allFields.has(field)) throw new Error(`--map "${flag}": unknown field "${field}"; known fields: ${[...allFields].join(', ')}`);
    mapping[header] = field as ImportField;
  }
  return mapping;
}

export type ResolvedColumns = {
  /** For each column index, the field it fills (undefined: ignored). */
  fieldOfColumn: Array<ImportField | undefined>;
  /** The file's own header for each field, so errors name the column the dealer knows. */
  headerOfField: Partial<Record<ImportField, string>>;
  ignoredHeaders: string[];
};

/**
 * Decides which column fills which field: explicit mappings (file, then flags) win over the
 * built-in German defaults; each field takes the first column mapped to it.
 */
export function resolveColumns(headers: string[], kind: ImportKind, overrides: Record<string, ImportField> = {}): ResolvedColumns {
  const wanted = new Set<string>(kind === 'customers' ? customerFields : vehicleFields);
  const lookup = new Map<string, ImportField>();
  for (const [header, field] of Object.entries(defaultHeaderMapping)) lookup.set(normalizeHeader(header), field);
  for (const [header, field] of Object.entries(overrides)) lookup.set(normalizeHeader(header), field);
  const headerOfField: Partial<Record<ImportField, string>> = {};
  const ignoredHeaders: string[] = [];
  const fieldOfColumn = headers.map((header) => {
    const field = lookup.get(normalizeHeader(header));
    if (!field || !wanted.has(field) || headerOfField[field] !== undefined) {
      if (header.trim()) ignoredHeaders.push(header);
      return undefined;
    }
    headerOfField[field] = header;
    return field;
  });
  return { fieldOfColumn, headerOfField, ignoredHeaders };
}
