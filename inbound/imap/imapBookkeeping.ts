import type { PrismaClient } from '../../db/generated/client';

/** One mailbox as the poller sees it: its bookkeeping key and the UIDVALIDITY its UIDs belong to. */
export type MailboxIdentity = { mailbox: string; uidValidity: bigint };

const whereUid = (box: MailboxIdentity, uid: number) => ({
  mailbox_uidValidity_uid: { mailbox: box.mailbox, uidValidity: box.uidValidity, uid: BigInt(uid) },
});

/** Of these UIDs, the ones already processed or set aside (a new UIDVALIDITY makes every UID new). */
export async function settledUids(prisma: PrismaClient, box: MailboxIdentity, uids: number[]): Promise<Set<number>> {
  if (uids.length === 0) return new Set();
  const rows = await prisma.imapMessage.findMany({
    where: {
      mailbox: box.mailbox,
      uidValidity: box.uidValidity,
      uid: { in: uids.map(BigInt) },
      status: { in: ['processed', 'set_aside'] },
    },
    select: { uid: true },
  });
  return new Set(rows.map((row) => Number(row.uid)));
}

/** Records the message as done: handed to the pipeline once, or set aside with the reason. */
export async function recordSettled(
  prisma: PrismaClient,
  box: MailboxIdentity,
  uid: number,
  outcome: { status: 'processed' | 'set_aside'; inboundId?: string; reason?: string },
): Promise<void> {
  const data = { status: outcome.status, inboundId: outcome.inboundId ?? null, reason: outcome.reason?.slice(0, 500) ?? null };
  await prisma.imapMessage.upsert({
    where: whereUid(box, uid),
    create: { mailbox: box.mailbox, uidValidity: box.uidValidity, uid: BigInt(uid), ...data },
    update: data,
  });
}

/** Counts one failed attempt of the pipeline on this message; returns how many there were so far. */
export async function recordFailedAttempt(prisma: PrismaClient, box: MailboxIdentity, uid: number, error: string): Promise<number> {
  const row = await prisma.imapMessage.upsert({
    where: whereUid(box, uid),
    create: {
      mailbox: box.mailbox,
      uidValidity: box.uidValidity,
      uid: BigInt(uid),
      status: 'failing',
      attempts: 1,
      reason: error.slice(0, 500),
    },
    update: { attempts: { increment: 1 }, reason: error.slice(0, 500) },
  });
  return row.attempts;
}
