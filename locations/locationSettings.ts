import { z } from 'zod';
import { Prisma, type PrismaClient } from '../db/generated/client';
import { parseBusinessCalendar, type BusinessCalendar } from '../time/businessTime';
import { timeZoneSchema } from '../time/timeZoneSchema';
import { DEFAULT_OPENING_HOURS, opensAtAll, weeklyHoursSchema, type OpeningHours } from '../time/openingHours';
import { federalStateSchema } from '../time/federalStateSchema';

/**
 * A location's settings, validated wherever a location is created or changed (API, CLI, seed, tests):
 * opening hours that are missing (absent, null or `{}`) mean the dealer's default hours (or, when the
 * dealer set none, DEFAULT_OPENING_HOURS); a week without any opening time is refused with an error
 * that names the location, because every SLA there would be due never. The escalation mailbox is the
 * last rung of the escalation ladder when nobody of the location is at work.
 */

export class LocationSettingsError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'ValidationError';
  }
}

const mailbox = z.email({ message: 'must be an email address' });

export const locationSettingsSchema = z.strictObject({
  name: z.string().trim().min(1, { message: 'is required' }).max(100),
  federalState: federalStateSchema,
  timeZone: timeZoneSchema.optional(),
  openingHours: z.unknown().optional(),
  escalationEmail: mailbox.nullable().optional(),
  street: z.string().trim().max(200).optional(),
  postalCode: z.string().trim().max(20).optional(),
  city: z.string().trim().max(100).optional(),
  phone: z.string().trim().max(50).optional(),
  email: mailbox.optional(),
});
export type LocationSettingsInput = z.input<typeof locationSettingsSchema>;
export const locationChangeSchema = locationSettingsSchema.partial();
export type LocationChangeInput = z.input<typeof locationChangeSchema>;

export const dealerSettingsSchema = z.strictObject({
  escalationEmail: mailbox.nullable().optional(),
  defaultOpeningHours: z.unknown().optional(),
});
export type DealerSettingsInput = z.input<typeof dealerSettingsSchema>;

const isMissing = (hours: unknown) =>
  hours === undefined ||
  hours === null ||
  (typeof hours === 'object' && !Array.isArray(hours) && Object.keys(hours as object).length === 0);

/** Validated weekly hours of `what` ("location "München-Laim""); refuses a week that never opens. */
export function validWeeklyHours(hours: unknown, what: string, field = 'openingHours'): OpeningHours {
  const parsed = weeklyHoursSchema.safeParse(hours);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => (i.path.length ? `${i.path.join('.')}: ${i.message}` : i.message)).join('; ');
    throw new LocationSettingsError(field, `${what}: ${field} invalid: ${problems}`);
  }
  if (!opensAtAll(parsed.data))
    throw new LocationSettingsError(
      field,
      `${what}: ${field} are closed on every day of the week; give at least one opening interval (or none, for the dealer's default hours)`,
    );
  return parsed.data;
}

/** The hours a location runs on: its own, else the dealer's default, else DEFAULT_OPENING_HOURS. */
export function effectiveOpeningHours(locationHours: unknown, dealerDefault: unknown, locationName: string): OpeningHours {
  if (!isMissing(locationHours)) return validWeeklyHours(locationHours, `location "${locationName}"`);
  if (!isMissing(dealerDefault))
    return validWeeklyHours(dealerDefault, `dealer default for location "${locationName}"`, 'defaultOpeningHours');
  return DEFAULT_OPENING_HOURS;
}

/** The business calendar of a stored location (throws LocationSettingsError naming it when its hours are unusable). */
export function locationCalendar(
  location: { name: string; timeZone: string; federalState: string; openingHours: unknown },
  dealer: { defaultOpeningHours: unknown } | null,
): BusinessCalendar {
  const openingHours = effectiveOpeningHours(location.openingHours, dealer?.defaultOpeningHours, location.name);
  return parseBusinessCalendar({ timeZone: location.timeZone, openingHours, federalState: location.federalState });
}

function parse<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.join('.') || 'body';
  throw new LocationSettingsError(field, `${what}: ${field} ${issue.message}`);
}

const nameTaken =
  (name: string) =>
  (error: unknown): never => {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002')
      throw new LocationSettingsError('name', `location "${name}": name is already used by another location of this dealer`);
    throw error;
  };

export async function createLocation(prisma: PrismaClient | Prisma.TransactionClient, dealerId: string, input: LocationSettingsInput) {
  const data = parse(locationSettingsSchema, input, `location "${(input as { name?: string }).name ?? '?'}"`);
  const dealer = await prisma.dealer.findUniqueOrThrow({ where: { id: dealerId } });
  const openingHours = effectiveOpeningHours(data.openingHours, dealer.defaultOpeningHours, data.name);
  return prisma.location
    .create({ data: { ...data, dealerId, openingHours, escalationEmail: data.escalationEmail ?? null } })
    .catch(nameTaken(data.name));
}

export async function updateLocation(prisma: PrismaClient, locationId: string, input: LocationChangeInput) {
  const location = await prisma.location.findUniqueOrThrow({ where: { id: locationId }, include: { dealer: true } });
  const data = parse(locationChangeSchema, input, `location "${location.name}"`);
  const name = data.name ?? location.name;
  const { openingHours: given, ...rest } = data;
  const openingHours = 'openingHours' in data ? effectiveOpeningHours(given, location.dealer.defaultOpeningHours, name) : undefined;
  return prisma.location
    .update({ where: { id: locationId }, data: { ...rest, ...(openingHours ? { openingHours } : {}) } })
    .catch(nameTaken(name));
}

export async function updateDealerSettings(prisma: PrismaClient, dealerId: string, input: DealerSettingsInput) {
  const dealer = await prisma.dealer.findUniqueOrThrow({ where: { id: dealerId } });
  const data = parse(dealerSettingsSchema, input, `dealer "${dealer.name}"`);
  const defaultOpeningHours =
    data.defaultOpeningHours === undefined
      ? undefined
      : validWeeklyHours(data.defaultOpeningHours, `dealer "${dealer.name}"`, 'defaultOpeningHours');
  return prisma.dealer.update({
    where: { id: dealerId },
    data: {
      ...(data.escalationEmail !== undefined ? { escalationEmail: data.escalationEmail } : {}),
      ...(defaultOpeningHours ? { defaultOpeningHours } : {}),
    },
  });
}
