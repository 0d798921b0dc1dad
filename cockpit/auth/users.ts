import { z } from 'zod';
import type { CockpitRole, PrismaClient } from '../../db/generated/client';
import { hashPassword, MIN_PASSWORD_LENGTH } from './passwords';

export const COCKPIT_ROLES = ['principal', 'team_lead', 'marketing', 'service_advisor'] as const satisfies readonly CockpitRole[];

export const newCockpitUserSchema = z.strictObject({
  dealerId: z.uuid({ message: 'must be a dealer id (UUID)' }),
  email: z.email({ message: 'must be an email address' }).transform((e) => e.toLowerCase()),
  name: z.string().trim().min(1, { message: 'must not be empty' }).max(120),
  role: z.enum(COCKPIT_ROLES, { message: `must be one of ${COCKPIT_ROLES.join(', ')}` }),
  password: z.string().min(MIN_PASSWORD_LENGTH, { message: `must have at least ${MIN_PASSWORD_LENGTH} characters` }),
  locationIds: z.array(z.uuid({ message: 'must be location ids (UUID)' })).default([]),
  language: z.enum(['de', 'en']).default('de'),
});
export type NewCockpitUser = z.input<typeof newCockpitUserSchema>;

export class CockpitUserError extends Error {}

/**
 * Creates (or, for the same email, updates) a cockpit user. A team lead needs at least one location
 * of the same dealer; the others see all of the dealer's locations. Errors name the field.
 */
export async function createCockpitUser(prisma: PrismaClient, input: NewCockpitUser) {
  const parsed = newCockpitUserSchema.safeParse(input);
  if (!parsed.success) throw new CockpitUserError(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
  const user = parsed.data;
  const dealer = await prisma.dealer.findUnique({ where: { id: user.dealerId }, include: { locations: { select: { id: true } } } });
  if (!dealer) throw new CockpitUserError(`dealerId: no dealer ${user.dealerId}`);
  const known = new Set(dealer.locations.map((l) => l.id));
  const foreign = user.locationIds.filter((id) => !known.has(id));
  if (foreign.length > 0) throw new CockpitUserError(`locationIds: ${foreign.join(', ')} not a location of ${dealer.name}`);
  if (user.role === 'team_lead' && user.locationIds.length === 0)
    throw new CockpitUserError('locationIds: a team lead needs at least one location');
  const data = {
    dealerId: user.dealerId,
    name: user.name,
    role: user.role,
    language: user.language,
    locationIds: user.role === 'team_lead' ? user.locationIds : [],
    passwordHash: await hashPassword(user.password),
  };
  return prisma.cockpitUser.upsert({ where: { email: user.email }, create: { email: user.email, ...data }, update: data });
}
