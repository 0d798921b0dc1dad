import crypto from 'node:crypto';
import fs from 'node:fs';
import { parse } from 'csv-parse';
import type { Customer, PrismaClient } from '../db/generated/client';
import type { z } from 'zod';
import type { KnownRows } from './knownRows';
import { decodedStream, resolveEncoding, type EncodingChoice } from './encoding';
import { resolveColumns, type ImportField, type ImportKind, type ResolvedColumns } from './headerMapping';
import { emptyReport, type ImportReport } from './importReport';
import type { Progress } from './progress';
import { DateTime } from 'luxon';
import { cellsByField, rowSchemasFor, validateRow, type CustomerRow, type VehicleRow } from './rowSchemas';
import { definedOnly } from './changes';
import { dealerLocations, type DealerLocations } from './dealerLocations';
import { knownCustomers, upsertCustomer } from './upsertCustomer';
import { knownVehicles, upsertVehicle, type KnownVehicles } from './upsertVehicle';
import { DEFAULT_ENROLL_CONCURRENCY, enrollmentWindow, type EnrollmentWindow } from './enrollmentWindow';

/** What the import tells the customer lifecycle: a customer's data changed, or a vehicle was delivered. */
export type ImportedChange =
  | { kind: 'customer_data_changed'; eventId: string; customerId: string; occurredAt: string; changes: CustomerChanges }
  | {
      kind: 'vehicle_delivered';
      eventId: string;
      customerId: string;
      vehicleId: string;
      deliveredAt: string;
      occurredAt: string;
      vehicle: VehicleRow;
    };

export type CustomerChanges = Partial<Pick<CustomerRow, 'salutation' | 'firstName' | 'lastName' | 'email' | 'phone' | 'language'>>;

export type ImportOptions = {
  file: string;
  kind: ImportKind;
  dealerId: string;
  encoding?: EncodingChoice;
  /** Column → field mappings over the built-in German defaults. */
  mapping?: Record<string, ImportField>;
  /** Enrolls imported customers into their lifecycle; absent means no enrollment. */
  enroll?: (change: ImportedChange) => Promise<void>;
  /** Also send lifecycle events for unchanged rows (retrying an enrollment that failed before; events are deduplicated by id). */
  enrollUnchanged?: boolean;
  /** How many enrollments may be under way at once (default 64); one customer's still go one after the other. */
  enrollConcurrency?: number;
  progress?: Progress;
  now?: () => Date;
  /** Where "today" is for the century rule of two-digit years; default: the dealer's time zone. */
  timeZone?: string;
};

const REQUIRED_COLUMNS: Record<ImportKind, Array<{ field: ImportField; example: string }>> = {
  customers: [
    { field: 'externalDmsId', example: 'Kundennummer' },
    { field: 'lastName', example: 'Nachname' },
  ],
  vehicles: [
    { field: 'vin', example: 'FIN' },
    { field: 'make', example: 'Marke' },
    { field: 'model', example: 'Modell' },
  ],
};

function checkRequiredColumns(kind: ImportKind, columns: ResolvedColumns): void {
  const missing = REQUIRED_COLUMNS[kind].filter(({ field }) => columns.headerOfField[field] === undefined);
  if (missing.length === 0) return;
  const list = missing.map(({ field, example }) => `${field} (e.g. "${example}")`).join(', ');
  throw new Error(`The file has no column for ${list}; map one with --map COLUMN=field or a --mapping file`);
}

const contentHash = (value: unknown) => crypto.createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);

/**
 * Imports a DMS export (";"-separated, UTF-8 or Windows-1252) row by row as it streams in: every row
 * is validated, good rows are upserted by dealer + customer number / VIN, bad rows are reported
 * with their line number and the column at fault. Re-running the same file changes nothing.
 *
 * Rows are read in batches (ROW_BATCH) and upserted in file order; their lifecycle enrollments run
 * concurrently in a bounded window (import/enrollmentWindow.ts: one customer's events in file order,
 * the file read no further ahead than the window and the current batch). The report is complete
 * when this returns: every enrollment has settled.
 */
export async function importDmsFile(prisma: PrismaClient, options: ImportOptions): Promise<ImportReport> {
  if (!fs.existsSync(options.file)) throw new Error(`File not found: ${options.file}`);
  const encoding = await resolveEncoding(options.file, options.encoding ?? 'auto');
  const report = emptyReport(options.file, options.kind, encoding);
  const { text, bytesRead } = decodedStream(options.file, encoding);
  const parser = text.pipe(
    parse({ delimiter: ';', info: true, bom: true, relax_column_count: true, relax_quotes: true, skip_empty_lines: true, trim: true }),
  );
  const now = options.now ?? (() => new Date());
  const zone =
    options.timeZone ??
    (await prisma.dealer.findUnique({ where: { id: options.dealerId }, select: { timeZone: true } }))?.timeZone ??
    'Europe/Berlin';
  const schemas = rowSchemasFor(DateTime.fromJSDate(now(), { zone }).toISODate()!);
  const enroller = lifecycleEnroller(options, report);
  let columns: ResolvedColumns | undefined;
  let batch: PendingRow[] = [];
  let locations: DealerLocations | undefined;
  const flush = async () => {
    const rows = batch;
    batch = [];
    const context: RowContext = { prisma, options, report, columns: columns!, now, enroller, locations };
    if (options.kind === 'customers') await importCustomerBatch(context, schemas.customer, rows);
    else await importVehicleBatch(context, schemas.vehicle, rows);
  };
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!columns) {
        columns = resolveColumns(record, options.kind, options.mapping);
        checkRequiredColumns(options.kind, columns);
        report.ignoredColumns = columns.ignoredHeaders;
        if (columns.headerOfField.location !== undefined) locations = await dealerLocations(prisma, options.dealerId);
        continue;
      }
      report.rows++;
      options.progress?.update(bytesRead(), report.rows);
      batch.push({ line: info.lines, cells: cellsByField(record, columns) });
      if (batch.length >= ROW_BATCH) await flush();
    }
    if (batch.length > 0) await flush();
  } finally {
    // Also when a row threw: no enrollment outlives the import.
    await enroller.settled();
  }
  options.progress?.done();
  if (!columns) throw new Error(`The file ${options.file} is empty: expected a header line with ";"-separated column names`);
  report.notEnrolled.sort((a, b) => a.line - b.line);
  return report;
}

/**
 * Rows are read in batches of this many: the batch's customers, owners and vehicles are looked up in one query each,
 * then its rows are upserted one by one in file order (a round trip per written row instead of two to four per row).
 */
export const ROW_BATCH = 100;

type Cells = ReturnType<typeof cellsByField>;
type PendingRow = { line: number; cells: Cells };
type Schemas = ReturnType<typeof rowSchemasFor>;
type RowContext = {
  /** The dealer's locations, when the file has a location column. */
  locations?: DealerLocations;
  prisma: PrismaClient;
  options: ImportOptions;
  report: ImportReport;
  columns: ResolvedColumns;
  now: () => Date;
  enroller: Enroller;
};

/** Each row's validation, in file order; the valid rows' values for the batch's lookups. */
function validateBatch<T>(schema: z.ZodType<T>, rows: PendingRow[], columns: ResolvedColumns) {
  const validated = rows.map(({ line, cells }) => ({ line, result: validateRow(schema, cells, columns) }));
  const valid = validated.flatMap(({ result }) => (result.ok ? [result.row] : []));
  return { validated, valid };
}

async function importCustomerBatch(context: RowContext, schema: Schemas['customer'], rows: PendingRow[]) {
  const { prisma, options, report, columns } = context;
  const { validated, valid } = validateBatch(schema, rows, columns);
  const known = await knownCustomers(
    prisma,
    options.dealerId,
    valid.map((row) => row.externalDmsId),
  );
  for (const { line, result } of validated) {
    if (!result.ok) report.rejected.push({ line, reason: result.reason });
    else await importCustomerRow(context, result.row, line, known);
  }
}

async function importCustomerRow(context: RowContext, row: CustomerRow, line: number, known: KnownRows<Customer>) {
  const { prisma, options, report, now, enroller } = context;
  const location = row.location && context.locations?.match(row.location, context.columns.headerOfField.location!);
  const locationId = location && location.ok ? location.locationId : undefined;
  const result = await upsertCustomer(prisma, options.dealerId, row, { known, locationId });
  if (result.status === 'skipped') return void report.skipped.push({ line, reason: result.reason });
  if (location && !location.ok) report.warnings.push({ line, reason: location.reason });
  report[result.status]++;
  if (result.status === 'unchanged' && !options.enrollUnchanged) return;
  const eventId = `dms-import:customer:${result.id}:${contentHash(row)}`;
  const { salutation, firstName, lastName, email, phone, language } = row;
  const changes = definedOnly({ salutation, firstName, lastName, email, phone, language });
  await enroller.submit(line, {
    kind: 'customer_data_changed',
    eventId,
    customerId: result.id,
    occurredAt: now().toISOString(),
    changes,
  });
}

/** The ids of the dealer's customers with these numbers, in one query. */
async function ownersOf(prisma: PrismaClient, dealerId: string, numbers: string[]): Promise<Map<string, string>> {
  const unique = [...new Set(numbers)];
  if (unique.length === 0) return new Map();
  const found = await prisma.customer.findMany({
    where: { dealerId, externalDmsId: { in: unique } },
    select: { id: true, externalDmsId: true },
  });
  return new Map(found.map((c) => [c.externalDmsId!, c.id]));
}

async function importVehicleBatch(context: RowContext, schema: Schemas['vehicle'], rows: PendingRow[]) {
  const { prisma, options, report, columns } = context;
  const { validated, valid } = validateBatch(schema, rows, columns);
  // The vehicle import creates no customers, so the owners looked up for the batch stay true for all its rows.
  const owners = await ownersOf(
    prisma,
    options.dealerId,
    valid.flatMap((row) => (row.externalDmsId ? [row.externalDmsId] : [])),
  );
  const known = await knownVehicles(prisma, options.dealerId, valid);
  for (const { line, result } of validated) {
    if (!result.ok) {
      report.rejected.push({ line, reason: result.reason });
      continue;
    }
    const row = result.row;
    const ownerId = row.externalDmsId ? owners.get(row.externalDmsId) : undefined;
    if (row.externalDmsId && !ownerId) {
      const column = columns.headerOfField.externalDmsId;
      report.rejected.push({ line, reason: `${column}: no customer ${row.externalDmsId} at this dealer (import the customers first)` });
      continue;
    }
    await importVehicleRow(context, row, ownerId, line, known);
  }
}

async function importVehicleRow(context: RowContext, row: VehicleRow, ownerId: string | undefined, line: number, known: KnownVehicles) {
  const { prisma, options, report, now, enroller } = context;
  const result = await upsertVehicle(prisma, options.dealerId, row, ownerId, known);
  if (result.status === 'skipped') return void report.skipped.push({ line, reason: result.reason });
  if (result.status === 'contradicts') {
    const { vin, vehicleExternalDmsId } = context.columns.headerOfField;
    return void report.rejected.push({
      line,
      reason:
        `${vehicleExternalDmsId}: vehicle ${row.vehicleExternalDmsId} has the ${vin} ${result.numberBelongsToVin}, ` +
        `but this row gives it ${row.vin}, which another vehicle has: not imported (an outdated line of the export?)`,
    });
  }
  report[result.status]++;
  const delivered = result.deliveredAtChanged || (options.enrollUnchanged && row.deliveredAt);
  if (!ownerId || !row.deliveredAt || !delivered) return;
  const change = {
    kind: 'vehicle_delivered' as const,
    eventId: `dms-import:vehicle-delivered:${result.id}:${row.deliveredAt}`,
    customerId: ownerId,
    vehicleId: result.id,
    deliveredAt: row.deliveredAt,
    occurredAt: now().toISOString(),
    vehicle: row,
  };
  await enroller.submit(line, change);
}

type Enroller = {
  /** Hands the row's change to the enrollment window; resolves once the window has room (backpressure). */
  submit(line: number, change: ImportedChange): Promise<void>;
  settled(): Promise<void>;
};

/**
 * Every change is either counted in `enrolled` or listed in `notEnrolled` with its line. Once one of a customer's
 * events has failed, that customer's later events in the file are not sent (each is listed, naming the line that
 * failed): sent anyway, they would reach the workflow before the failed one, which `--enroll-all` sends again later.
 */
function lifecycleEnroller(options: ImportOptions, report: ImportReport): Enroller {
  const enroll = options.enroll;
  if (!enroll) return { submit: async () => {}, settled: async () => {} };
  const window: EnrollmentWindow = enrollmentWindow(options.enrollConcurrency ?? DEFAULT_ENROLL_CONCURRENCY);
  /** The first line whose enrollment failed, per customer (only customers with a failure). */
  const failedAt = new Map<string, number>();
  return {
    submit: (line, change) =>
      window.submit(change.customerId, async () => {
        const earlier = failedAt.get(change.customerId);
        if (earlier !== undefined) {
          report.notEnrolled.push({
            line,
            reason: `${change.kind}: not sent, because line ${earlier} of the same customer was not enrolled`,
          });
          return;
        }
        try {
          await enroll(change);
          report.enrolled++;
        } catch (error) {
          failedAt.set(change.customerId, line);
          report.notEnrolled.push({ line, reason: `${change.kind}: ${(error as Error).message}` });
        }
      }),
    settled: () => window.settled(),
  };
}
