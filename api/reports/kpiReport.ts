import { Prisma, type PrismaClient } from '../../db/generated/client';

/**
 * The dealer's KPIs:
 * - lead response per location: median of (firstContactAt − receivedAt) over contacted leads, and the
 *   share of ALL received leads contacted within one hour (uncontacted leads count as missed);
 * - messages per campaign: sent, and skipped by reason (from the outbox, Message);
 * - holdout vs treated per campaign: enrollments and conversions. A conversion is a touchpoint of kind
 *   'service.visit', 'purchase' or 'lead.received' for the same customer after the enrollment's enteredAt.
 */
export const conversionKinds = ['service.visit', 'purchase', 'lead.received'] as const;

export type KpiRange = { from?: Date; to?: Date };

export type LeadResponseKpi = {
  locationId: string | null;
  locationName: string;
  leads: number;
  contacted: number;
  medianMinutesToFirstContact: number | null;
  contactedWithinOneHourShare: number | null;
  /** Leads flagged for the dealer: nobody on the escalation ladder was reachable, or the follow-up stopped. */
  needingAttention: number;
};

export type CampaignMessagesKpi = {
  campaignId: string | null;
  sent: number;
  skipped: Record<string, number>;
  otherStatuses: Record<string, number>;
};

export type HoldoutKpi = {
  campaignId: string;
  treated: { enrollments: number; converted: number; conversionRate: number | null };
  holdout: { enrollments: number; converted: number; conversionRate: number | null };
};

const HOUR_MS = 3_600_000;

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const between = (range: KpiRange) => (range.from || range.to ? { gte: range.from, lt: range.to } : undefined);
const rate = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 1000);

export async function leadResponseByLocation(prisma: PrismaClient, dealerId: string, range: KpiRange): Promise<LeadResponseKpi[]> {
  const leads = await prisma.lead.findMany({
    where: { dealerId, receivedAt: between(range), status: { not: 'spam' } },
    select: { locationId: true, receivedAt: true, firstContactAt: true, attention: true, location: { select: { name: true } } },
  });
  const groups = new Map<string | null, { name: string; waits: Array<number | null>; attention: number }>();
  for (const lead of leads) {
    const group = groups.get(lead.locationId) ?? { name: lead.location?.name ?? '(ohne Standort)', waits: [], attention: 0 };
    group.waits.push(lead.firstContactAt ? Math.max(0, lead.firstContactAt.getTime() - lead.receivedAt.getTime()) : null);
    if (lead.attention) group.attention += 1;
    groups.set(lead.locationId, group);
  }
  return [...groups.entries()]
    .map(([locationId, { name, waits, attention }]) => {
      const contacted = waits.filter((w): w is number => w !== null);
      const middle = median(contacted);
      return {
        locationId,
        locationName: name,
        leads: waits.length,
        contacted: contacted.length,
        medianMinutesToFirstContact: middle === null ? null : Math.round((middle / 60_000) * 10) / 10,
        contactedWithinOneHourShare: rate(contacted.filter((w) => w <= HOUR_MS).length, waits.length),
        needingAttention: attention,
      };
    })
    .sort((a, b) => a.locationName.localeCompare(b.locationName, 'de'));
}

export async function messagesByCampaign(prisma: PrismaClient, dealerId: string, range: KpiRange): Promise<CampaignMessagesKpi[]> {
  const rows = await prisma.message.groupBy({
    by: ['campaignId', 'status', 'skipReason'],
    where: { dealerId, category: { not: 'staff' }, queuedAt: between(range) },
    _count: { _all: true },
  });
  const campaigns = new Map<string | null, CampaignMessagesKpi>();
  for (const row of rows) {
    const entry = campaigns.get(row.campaignId) ?? { campaignId: row.campaignId, sent: 0, skipped: {}, otherStatuses: {} };
    const count = row._count._all;
    if (row.status === 'sent') entry.sent += count;
    else if (row.status === 'skipped')
      entry.skipped[row.skipReason ?? 'unknown'] = (entry.skipped[row.skipReason ?? 'unknown'] ?? 0) + count;
    else entry.otherStatuses[row.status] = (entry.otherStatuses[row.status] ?? 0) + count;
    campaigns.set(row.campaignId, entry);
  }
  return [...campaigns.values()].sort((a, b) => (a.campaignId ?? '').localeCompare(b.campaignId ?? ''));
}

export async function holdoutComparison(prisma: PrismaClient, dealerId: string, range: KpiRange): Promise<HoldoutKpi[]> {
  const from = range.from ?? new Date(0);
  const to = range.to ?? new Date('9999-12-31T00:00:00Z');
  const rows = await prisma.$queryRaw<Array<{ campaignId: string; holdout: boolean; enrollments: bigint; converted: bigint }>>(Prisma.sql`
    SELECT e."campaignId", e."holdout", COUNT(*) AS enrollments,
           COUNT(*) FILTER (WHERE EXISTS (
             SELECT 1 FROM touchpoints t
             WHERE t."customerId" = e."customerId" AND t."kind" IN (${Prisma.join([...conversionKinds])}) AND t."occurredAt" > e."enteredAt"
           )) AS converted
    FROM campaign_enrollments e
    WHERE e."dealerId" = ${dealerId}::uuid AND e."enteredAt" >= ${from} AND e."enteredAt" < ${to}
    GROUP BY e."campaignId", e."holdout"`);
  const campaigns = new Map<string, HoldoutKpi>();
  for (const row of rows) {
    const entry = campaigns.get(row.campaignId) ?? {
      campaignId: row.campaignId,
      treated: { enrollments: 0, converted: 0, conversionRate: null },
      holdout: { enrollments: 0, converted: 0, conversionRate: null },
    };
    const group = row.holdout ? entry.holdout : entry.treated;
    group.enrollments = Number(row.enrollments);
    group.converted = Number(row.converted);
    group.conversionRate = rate(group.converted, group.enrollments);
    campaigns.set(row.campaignId, entry);
  }
  return [...campaigns.values()].sort((a, b) => a.campaignId.localeCompare(b.campaignId));
}
