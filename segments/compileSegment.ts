import { DateTime } from 'luxon';
import { Prisma } from '../db/generated/client';
import { localDateTime } from '../time/instant';
import type { PointInTime, Segment } from './segmentSchema';

/** What a segment is evaluated against: the dealer and the run's moment (relative dates count from it). */
export type SegmentScope = { dealerId: string; now: Date; timeZone: string };

const lowered = (values: string[]) => values.map((v) => v.toLowerCase());
/** ICU's root collation: lower() folds every letter (Š → š), not only ASCII as under the C locale. */
const UNICODE_CASE = Prisma.raw('"und-x-icu"');

/** A point in time as an instant: "N days ago" from the run, or a calendar date at local midnight. */
function instantOf(point: PointInTime, scope: SegmentScope): Date {
  if (typeof point === 'string') {
    const day = DateTime.fromISO(point, { zone: 'utc' });
    return localDateTime(day, 0, 0, scope.timeZone).toJSDate();
  }
  return new Date(scope.now.getTime() - point.daysAgo * 86_400_000);
}

/** The local calendar date (yyyy-MM-dd) `years` before the run. */
function dateYearsBefore(years: number, scope: SegmentScope): string {
  return DateTime.fromJSDate(scope.now, { zone: scope.timeZone })
    .minus({ months: Math.round(years * 12) })
    .toISODate()!;
}

function vehicleCondition(vehicle: NonNullable<Segment['vehicle']>, scope: SegmentScope): Prisma.Sql {
  const parts: Prisma.Sql[] = [Prisma.sql`v."ownerId" = c.id`, Prisma.sql`v."deregisteredAt" IS NULL`];
  if (vehicle.makes) parts.push(Prisma.sql`lower(v.make COLLATE ${UNICODE_CASE}) = ANY(${lowered(vehicle.makes)}::text[])`);
  if (vehicle.models) parts.push(Prisma.sql`lower(v.model COLLATE ${UNICODE_CASE}) = ANY(${lowered(vehicle.models)}::text[])`);
  if (vehicle.fuelTypes) parts.push(Prisma.sql`v."fuelType"::text = ANY(${vehicle.fuelTypes}::text[])`);
  const registeredOn = Prisma.sql`COALESCE(v."firstRegistrationAt", v."deliveredAt")`;
  if (vehicle.olderThanYears !== undefined)
    parts.push(Prisma.sql`${registeredOn} <= ${dateYearsBefore(vehicle.olderThanYears, scope)}::date`);
  if (vehicle.youngerThanYears !== undefined)
    parts.push(Prisma.sql`${registeredOn} > ${dateYearsBefore(vehicle.youngerThanYears, scope)}::date`);
  return Prisma.sql`EXISTS (SELECT 1 FROM vehicles v WHERE ${Prisma.join(parts, ' AND ')})`;
}

/**
 * The segment as a SQL condition over `customers c`, with every value a bind parameter. It is
 * evaluated inside PostgreSQL (counts, snapshots with INSERT … SELECT), never over customers in memory.
 */
export function segmentCondition(segment: Segment, scope: SegmentScope): Prisma.Sql {
  const parts: Prisma.Sql[] = [
    Prisma.sql`c."dealerId" = ${scope.dealerId}::uuid`,
    Prisma.sql`c."erasedAt" IS NULL`,
    Prisma.sql`c."objectedAt" IS NULL`,
  ];
  if (segment.vehicle) parts.push(vehicleCondition(segment.vehicle, scope));
  if (segment.locations) {
    parts.push(
      Prisma.sql`c."locationId" IN (SELECT l.id FROM locations l WHERE l."dealerId" = c."dealerId" AND l.name = ANY(${segment.locations}::text[]))`,
    );
  }
  if (segment.languages) parts.push(Prisma.sql`c.language::text = ANY(${segment.languages}::text[])`);
  const { before, after } = segment.lastInteraction ?? {};
  if (before !== undefined) {
    parts.push(
      Prisma.sql`NOT EXISTS (SELECT 1 FROM touchpoints t WHERE t."customerId" = c.id AND t."occurredAt" >= ${instantOf(before, scope)})`,
    );
  }
  if (after !== undefined) {
    parts.push(
      Prisma.sql`EXISTS (SELECT 1 FROM touchpoints t WHERE t."customerId" = c.id AND t."occurredAt" >= ${instantOf(after, scope)})`,
    );
  }
  if (segment.tags?.all) parts.push(Prisma.sql`c.tags @> ${segment.tags.all}::text[]`);
  if (segment.tags?.any) parts.push(Prisma.sql`c.tags && ${segment.tags.any}::text[]`);
  if (segment.tags?.none) parts.push(Prisma.sql`NOT (c.tags && ${segment.tags.none}::text[])`);
  return Prisma.join(parts, ' AND ');
}
