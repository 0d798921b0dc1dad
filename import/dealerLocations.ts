import type { PrismaClient } from '../db/generated/client';

/** How a location's name is compared: case and runs of spaces do not matter ("standort  3" = "Standort 3"). */
const comparable = (name: string) => name.trim().replace(/\s+/g, ' ').toLocaleLowerCase('de');

export type LocationMatch = { ok: true; locationId: string } | { ok: false; reason: string };

/**
 * The dealer's locations by name, read once per import (locations are created through locations/locationSettings,
 * never by an import). The DMS column "Filiale" names a location as the dealer spells it in Stammkunde.
 */
export async function dealerLocations(prisma: PrismaClient, dealerId: string) {
  const locations = await prisma.location.findMany({ where: { dealerId }, select: { id: true, name: true }, orderBy: { name: 'asc' } });
  const byName = new Map(locations.map((l) => [comparable(l.name), l.id]));
  const known =
    locations.length === 0
      ? 'the dealer has no locations yet'
      : `known: ${locations
          .slice(0, 10)
          .map((l) => `"${l.name}"`)
          .join(', ')}${locations.length > 10 ? `, … (${locations.length} in all)` : ''}`;
  return {
    /** The location with this name; an unknown name gives a reason that names the column and the value. */
    match(name: string, column: string): LocationMatch {
      const locationId = byName.get(comparable(name));
      if (locationId) return { ok: true, locationId };
      return {
        ok: false,
        reason: `${column}: "${name}" is not a location of this dealer (${known}); the customer was imported, their location left as it was`,
      };
    },
  };
}
export type DealerLocations = Awaited<ReturnType<typeof dealerLocations>>;
