import type { Lead, Location, PrismaClient } from '../../db/generated/client';
import { DEFAULT_SLA_POLICY, type LeadKind } from '../../leads/slaPolicy';
import { addBusinessDuration, businessMinutesBetween } from '../../time/businessTime';
import { calendarOf, median } from './calendar';

/**
 * SLA performance of a set of leads, per location: the share of decided leads contacted within
 * their callback SLA (a lead is decided once contacted or once its SLA has run out) and the median
 * time to first contact in business minutes of the location's calendar.
 */
export type SlaRow = {
  locationId: string | null;
  locationName: string;
  leads: number;
  decided: number;
  withinSla: number;
  share: number | null;
  medianBusinessMinutes: number | null;
};

/** When the callback SLA of a lead ends; undefined for a location without opening hours (no business time to count). */
export function slaDueAt(
  lead: Pick<Lead, 'kind' | 'receivedAt'>,
  location: Pick<Location, 'timeZone' | 'openingHours' | 'federalState'>,
): Date | undefined {
  try {
    return new Date(
      addBusinessDuration(lead.receivedAt.toISOString(), DEFAULT_SLA_POLICY.callbackSla[lead.kind as LeadKind], calendarOf(location)),
    );
  } catch {
    return undefined;
  }
}

export async function slaByLocation(
  prisma: PrismaClient,
  where: { dealerId: string; locationId?: { in: string[] } },
  range: { from: Date; to: Date },
  now: Date,
): Promise<SlaRow[]> {
  const [leads, locations] = await Promise.all([
    prisma.lead.findMany({
      where: { ...where, receivedAt: { gte: range.from, lt: range.to }, status: { not: 'spam' } },
      select: { locationId: true, kind: true, receivedAt: true, firstContactAt: true },
    }),
    prisma.location.findMany({
      where: { dealerId: where.dealerId, ...(where.locationId ? { id: where.locationId } : {}) },
      orderBy: { name: 'asc' },
    }),
  ]);
  return locations.map((location) => {
    const mine = leads.filter((l) => l.locationId === location.id);
    let decided = 0;
    let within = 0;
    const minutes: number[] = [];
    for (const lead of mine) {
      const due = slaDueAt(lead, location);
      if (!due) continue;
      if (lead.firstContactAt) {
        decided += 1;
        if (lead.firstContactAt <= due) within += 1;
        minutes.push(businessMinutesBetween(lead.receivedAt.toISOString(), lead.firstContactAt.toISOString(), calendarOf(location)));
      } else if (due <= now) decided += 1;
    }
    const middle = median(minutes);
    return {
      locationId: location.id,
      locationName: location.name,
      leads: mine.length,
      decided,
      withinSla: within,
      share: decided === 0 ? null : within / decided,
      medianBusinessMinutes: middle === null ? null : Math.round(middle),
    };
  });
}
