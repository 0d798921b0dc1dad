import type { PrismaClient } from '../db/generated/client';

export type ResponseKpi = { leads: number; contacted: number; medianMinutes: number | null; shareWithinOneHour: number | null };

/**
 * Time from lead to first logged contact (Lead.firstContactAt − receivedAt) for a dealer's leads
 * received in [from, to): the median in minutes and the share of all leads contacted within an hour.
 */
export async function leadResponseKpi(prisma: PrismaClient, query: { dealerId: string; from: Date; to: Date }): Promise<ResponseKpi> {
  const leads = await prisma.lead.findMany({
    where: { dealerId: query.dealerId, receivedAt: { gte: query.from, lt: query.to }, status: { not: 'spam' } },
    select: { receivedAt: true, firstContactAt: true },
  });
  const minutes = leads
    .filter((l) => l.firstContactAt)
    .map((l) => (l.firstContactAt!.getTime() - l.receivedAt.getTime()) / 60_000)
    .sort((a, b) => a - b);
  const mid = Math.floor(minutes.length / 2);
  const median = minutes.length === 0 ? null : minutes.length % 2 ? minutes[mid]! : (minutes[mid - 1]! + minutes[mid]!) / 2;
  return {
    leads: leads.length,
    contacted: minutes.length,
    medianMinutes: median,
    shareWithinOneHour: leads.length === 0 ? null : minutes.filter((m) => m <= 60).length / leads.length,
  };
}
