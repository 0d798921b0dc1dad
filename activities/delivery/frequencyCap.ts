import type { Prisma } from '../../db/generated/client';

export type FrequencyCap = { maxMarketingEmails: number; perDays: number };
export const defaultFrequencyCap: FrequencyCap = { maxMarketingEmails: 2, perDays: 7 };

const DAY_MS = 86_400_000;

/**
 * How many marketing emails the customer got inside the cap's window ending at `now`, and when the
 * oldest of them leaves the window (the earliest moment a deferred message may go out).
 * Runs inside the transaction that holds the customer's advisory lock, so concurrent campaigns count each other.
 */
export async function frequencyCapState(
  tx: Prisma.TransactionClient,
  customerId: string,
  excludeMessageId: string,
  now: Date,
  cap: FrequencyCap,
): Promise<{ capped: boolean; roomAt?: Date }> {
  const windowStart = capWindowStart(now, cap);
  const recent = await tx.message.findMany({
    where: {
      customerId,
      category: 'marketing',
      id: { not: excludeMessageId },
      status: { in: ['sent', 'sending', 'unknown'] },
      sendingAt: { gt: windowStart },
    },
    select: { sendingAt: true },
    orderBy: { sendingAt: 'asc' },
  });
  return capStateOf(
    recent.map((r) => r.sendingAt!),
    cap,
  );
}

/** The first moment of the cap's window ending at `now`: marketing emails claimed after it count. */
export const capWindowStart = (now: Date, cap: FrequencyCap): Date => new Date(now.getTime() - cap.perDays * DAY_MS);

/** The cap decision from the claim times (oldest first) of the customer's marketing emails inside the window. */
export function capStateOf(recentAscending: Date[], cap: FrequencyCap): { capped: boolean; roomAt?: Date } {
  if (recentAscending.length < cap.maxMarketingEmails) return { capped: false };
  const oldestThatMustExpire = recentAscending[recentAscending.length - cap.maxMarketingEmails];
  return { capped: true, roomAt: new Date(oldestThatMustExpire.getTime() + cap.perDays * DAY_MS + 60_000) };
}

/** Serialises sends to one customer across workers: the cap check and the claim happen under this lock. */
export async function lockCustomer(tx: Prisma.TransactionClient, customerId: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${customerId}))`;
}
