import type { PrismaClient } from '../../db/generated/client';
import { capStateOf, capWindowStart, type FrequencyCap } from '../delivery/frequencyCap';
import type { OutboxRow } from '../delivery/outbox';

/** One message of a wave: its outbox row and what the claim writes onto it (the rendered subject, Message-ID, language). */
export type WaveMessage = { row: OutboxRow; subject: string; messageIdHeader: string; language: 'de' | 'en' };

export type WaveClaim = {
  /** Outbox row ids now 'sending': these, and only these, may go to SMTP. */
  claimed: Set<string>;
  /** Rows the frequency cap held back, with the earliest moment there is room again. */
  capped: Map<string, Date | undefined>;
};

/**
 * Claims a wave of messages (queued → sending) in one transaction: the wave's customers' advisory
 * locks (the same keys as lockCustomer, taken in key order so two waves cannot deadlock), one
 * frequency-cap query for all of them, one UPDATE for the rows that pass. Same rules as the single
 * message claim: the cap counts marketing mail claimed in its window under the lock, marketing rows
 * are claimed only from 'queued', other rows also from 'sending' (at least once).
 */
export async function claimWave(prisma: PrismaClient, wave: WaveMessage[], now: Date, cap: FrequencyCap | undefined): Promise<WaveClaim> {
  const capped = new Map<string, Date | undefined>();
  if (wave.length === 0) return { claimed: new Set(), capped };
  const claimed = await prisma.$transaction(async (tx) => {
    const underCap = cap ? wave.filter((m) => m.row.category === 'marketing' && m.row.customerId) : [];
    if (cap && underCap.length > 0) {
      const customerIds = underCap.map((m) => m.row.customerId!);
      await tx.$executeRaw`
        SELECT pg_advisory_xact_lock(k) FROM (SELECT DISTINCT hashtext(c) AS k FROM unnest(${customerIds}::text[]) AS c ORDER BY k) AS keys`;
      const recent = await tx.$queryRaw<Array<{ customerId: string; sendingAt: Date }>>`
        SELECT "customerId", "sendingAt" FROM messages
        WHERE "customerId" = ANY(${customerIds}::uuid[]) AND category = 'marketing'::"MessageCategory"
          AND id <> ALL(${wave.map((m) => m.row.id)}::uuid[])
          AND status IN ('sent'::"MessageStatus", 'sending'::"MessageStatus", 'unknown'::"MessageStatus")
          AND "sendingAt" > ${capWindowStart(now, cap)}
        ORDER BY "sendingAt" ASC`;
      const sentTo = new Map<string, Date[]>();
      for (const r of recent) sentTo.set(r.customerId, [...(sentTo.get(r.customerId) ?? []), new Date(r.sendingAt)]);
      for (const m of underCap) {
        const state = capStateOf(sentTo.get(m.row.customerId!) ?? [], cap);
        if (state.capped) capped.set(m.row.id, state.roomAt);
      }
    }
    const passing = wave.filter((m) => !capped.has(m.row.id));
    if (passing.length === 0) return [];
    return tx.$queryRaw<Array<{ id: string }>>`
      UPDATE messages m
      SET status = 'sending'::"MessageStatus", "sendingAt" = ${now}, attempts = m.attempts + 1,
          subject = v.subject, "messageIdHeader" = v.message_id, language = v.language::"Language", "updatedAt" = now()
      FROM unnest(${passing.map((m) => m.row.id)}::uuid[], ${passing.map((m) => m.subject)}::text[],
                  ${passing.map((m) => m.messageIdHeader)}::text[], ${passing.map((m) => m.language)}::text[])
        AS v(id, subject, message_id, language)
      WHERE m.id = v.id
        AND (m.status = 'queued'::"MessageStatus" OR (m.category <> 'marketing'::"MessageCategory" AND m.status = 'sending'::"MessageStatus"))
      RETURNING m.id`;
  });
  return { claimed: new Set(claimed.map((r) => r.id)), capped };
}
