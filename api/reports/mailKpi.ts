import { Prisma, type PrismaClient } from '../../db/generated/client';
import type { KpiRange } from './kpiReport';

/** Gmail's and Yahoo's limit for bulk senders (2024): complaints below 0.3 % of delivered mail. */
export const COMPLAINT_RATE_LIMIT = 0.003;

export type MailWeekKpi = {
  campaignId: string | null;
  /** ISO week of the send in the dealer's time zone, e.g. 2027-W09. */
  week: string;
  sent: number;
  hardBounces: number;
  softBounces: number;
  complaints: number;
  /** complaints / sent, or null when nothing was sent. */
  complaintRate: number | null;
  overComplaintLimit: boolean;
  replies: number;
  leadsFromReplies: number;
};

/**
 * Per campaign and per week of sending: messages sent, and what came back for them later (bounces,
 * complaints, replies, and the leads those replies opened, through lead intake or the lifecycle's
 * reactivation). Everything is counted against the week the message went out, so a week's
 * complaint rate is the share of that week's mail that drew a complaint.
 */
export async function mailByCampaignWeek(
  prisma: PrismaClient,
  dealerId: string,
  range: KpiRange,
  timeZone = 'Europe/Berlin',
): Promise<MailWeekKpi[]> {
  const from = range.from ?? new Date(0);
  const to = range.to ?? new Date('9999-12-31T00:00:00Z');
  const rows = await prisma.$queryRaw<
    Array<{
      campaignId: string | null;
      week: string;
      sent: bigint;
      hard: bigint;
      soft: bigint;
      complaints: bigint;
      replies: bigint;
      leads: bigint;
    }>
  >(Prisma.sql`
    WITH sent AS (
      SELECT m.id, m."campaignId", to_char(m."sentAt" AT TIME ZONE ${timeZone}, 'IYYY-"W"IW') AS week
      FROM messages m
      WHERE m."dealerId" = ${dealerId}::uuid AND m.category <> 'staff' AND m.status = 'sent'
        AND m."sentAt" >= ${from} AND m."sentAt" < ${to}
    )
    SELECT s."campaignId", s.week,
           COUNT(DISTINCT s.id) AS sent,
           COUNT(DISTINCT i.id) FILTER (WHERE i.kind = 'hard_bounce') AS hard,
           COUNT(DISTINCT i.id) FILTER (WHERE i.kind = 'soft_bounce') AS soft,
           COUNT(DISTINCT i.id) FILTER (WHERE i.kind = 'complaint' AND i.outcome <> 'none') AS complaints,
           COUNT(DISTINCT i.id) FILTER (WHERE i.kind = 'reply') AS replies,
           COUNT(DISTINCT l.id) AS leads
    FROM sent s
    LEFT JOIN inbound_messages i ON i."outboxMessageId" = s.id
    LEFT JOIN leads l ON i.kind = 'reply' AND l."externalId" = 'inbound-' || i.id::text
    GROUP BY s."campaignId", s.week
    ORDER BY s.week, s."campaignId"`);
  return rows.map((row) => {
    const sent = Number(row.sent);
    const complaints = Number(row.complaints);
    const complaintRate = sent === 0 ? null : Math.round((complaints / sent) * 100_000) / 100_000;
    return {
      campaignId: row.campaignId,
      week: row.week,
      sent,
      hardBounces: Number(row.hard),
      softBounces: Number(row.soft),
      complaints,
      complaintRate,
      overComplaintLimit: complaintRate !== null && complaintRate >= COMPLAINT_RATE_LIMIT,
      replies: Number(row.replies),
      leadsFromReplies: Number(row.leads),
    };
  });
}
