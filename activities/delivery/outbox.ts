import type { Prisma, PrismaClient } from '../../db/generated/client';

/**
 * The outbox: one row per intended email, unique on its idempotency key. Every state change is a
 * conditional update, so two attempts racing on the same key cannot both move it forward.
 *
 *   queued ──claim──▶ sending ──▶ sent
 *     │                  ├──────▶ failed   (permanent SMTP error)
 *     │                  ├──────▶ queued   (temporary SMTP error: nothing was accepted, retry)
 *     │                  └──────▶ unknown  (crashed after the claim; marketing is never re-sent)
 *     └──────────────────────────▶ skipped (reason)
 */
export type OutboxRow = Prisma.MessageGetPayload<object>;

export type NewOutboxRow = Omit<Prisma.MessageUncheckedCreateInput, 'status' | 'attempts'>;

export async function findOrCreateOutboxRow(prisma: PrismaClient, row: NewOutboxRow): Promise<OutboxRow> {
  const existing = await prisma.message.findUnique({ where: { idempotencyKey: row.idempotencyKey } });
  if (existing) return existing;
  await prisma.message.createMany({ data: [row], skipDuplicates: true });
  return prisma.message.findUniqueOrThrow({ where: { idempotencyKey: row.idempotencyKey } });
}

export async function markSkipped(prisma: PrismaClient, id: string, reason: string, at: Date): Promise<void> {
  await prisma.message.updateMany({ where: { id, status: 'queued' }, data: { status: 'skipped', skipReason: reason, updatedAt: at } });
}

/** Records that SMTP accepted the message. Also turns an 'unknown' into 'sent' when the first attempt finishes late. */
export async function markSent(prisma: PrismaClient, id: string, providerMessageId: string, at: Date): Promise<void> {
  await prisma.message.updateMany({
    where: { id, status: { in: ['sending', 'unknown'] } },
    data: { status: 'sent', providerMessageId, sentAt: at, error: null },
  });
}

export async function markFailed(prisma: PrismaClient, id: string, error: string): Promise<void> {
  await prisma.message.updateMany({ where: { id, status: 'sending' }, data: { status: 'failed', error } });
}

/** A temporary SMTP failure proves nothing was accepted: the claim is released for the next attempt. */
export async function releaseClaim(prisma: PrismaClient, id: string, error: string): Promise<void> {
  await prisma.message.updateMany({ where: { id, status: 'sending' }, data: { status: 'queued', error } });
}

export async function markUnknown(prisma: PrismaClient, id: string): Promise<void> {
  await prisma.message.updateMany({
    where: { id, status: 'sending' },
    data: { status: 'unknown', error: 'an earlier attempt stopped after claiming the message; not re-sent (at most once)' },
  });
}
