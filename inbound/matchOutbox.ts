import type { PrismaClient } from '../db/generated/client';
import { digestFromBounceAddress, messageIdDigest } from '../mail/bounceToken';

/** The outbox row an incoming message refers to, and how it was found. */
export type OutboxMatch = { row: Awaited<ReturnType<typeof loadRow>>; by: 'envelope token' | 'Message-ID' };

const loadRow = (prisma: PrismaClient, where: { messageIdHeader: { startsWith: string } } | { messageIdHeader: string }) =>
  prisma.message.findFirst({ where, orderBy: { queuedAt: 'asc' } });

/**
 * By the signed envelope token first (the address a bounce was sent to, or an ARF's
 * Original-Mail-From), then by our Message-ID (in the report's original message, or a reply's
 * In-Reply-To/References). A forged token or a foreign Message-ID matches nothing.
 */
export async function matchOutbox(
  prisma: PrismaClient,
  secret: string,
  clues: { tokenAddresses: Array<string | undefined>; messageIds: Array<string | undefined> },
): Promise<OutboxMatch | undefined> {
  for (const address of clues.tokenAddresses) {
    const digest = address ? digestFromBounceAddress(address, secret) : undefined;
    if (!digest) continue;
    const row = await loadRow(prisma, { messageIdHeader: { startsWith: `<${digest}@` } });
    if (row) return { row, by: 'envelope token' };
  }
  for (const messageId of clues.messageIds) {
    if (!messageId || !messageIdDigest(messageId)) continue;
    const row = await loadRow(prisma, { messageIdHeader: messageId.trim() });
    if (row) return { row: row, by: 'Message-ID' };
  }
  return undefined;
}
