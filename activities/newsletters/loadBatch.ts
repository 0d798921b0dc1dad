import type { PrismaClient } from '../../db/generated/client';
import { findOrCreateOutboxRow, type NewOutboxRow, type OutboxRow } from '../delivery/outbox';
import type { Recipient } from '../delivery/recipient';

/** The same data loadRecipient reads for one customer, for a whole chunk in three queries. */
export async function loadRecipients(prisma: PrismaClient, customerIds: string[]): Promise<Map<string, Recipient>> {
  const customers = await prisma.customer.findMany({
    where: { id: { in: customerIds } },
    include: { dealer: true, location: true, assignedSalesperson: true },
  });
  const emails = customers.flatMap((c) => (c.email ? [c.email.toLowerCase()] : []));
  const suppressions = emails.length ? await prisma.suppression.findMany({ where: { email: { in: emails } }, select: { email: true, reason: true } }) : [];
  const byEmail = new Map<string, Recipient['suppressions']>();
  for (const s of suppressions) byEmail.set(s.email, [...(byEmail.get(s.email) ?? []), s.reason]);
  return new Map(customers.map((customer) => [customer.id, { customer, vehicle: null, suppressions: customer.email ? (byEmail.get(customer.email.toLowerCase()) ?? []) : [] }]));
}

/** findOrCreateOutboxRow for a chunk: one insert that skips existing keys, one read back. */
export async function findOrCreateOutboxRows(prisma: PrismaClient, rows: NewOutboxRow[]): Promise<Map<string, OutboxRow>> {
  if (rows.length === 0) return new Map();
  await prisma.message.createMany({ data: rows, skipDuplicates: true });
  const found = await prisma.message.findMany({ where: { idempotencyKey: { in: rows.map((r) => r.idempotencyKey) } } });
  const byKey = new Map(found.map((row) => [row.idempotencyKey, row]));
  for (const row of rows) if (!byKey.has(row.idempotencyKey)) byKey.set(row.idempotencyKey, await findOrCreateOutboxRow(prisma, row));
  return byKey;
}
