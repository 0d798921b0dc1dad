import type { PrismaClient } from '../../db/generated/client';
import { findOrCreateOutboxRow, type OutboxRow } from '../delivery/outbox';
import type { Recipient } from '../delivery/recipient';
import { hashedSuppressions } from '../../privacy/addressHash';
import { insertOutboxRows, type CustomerOutboxRow } from './bulkOutbox';

/** The same data loadRecipient reads for one customer, for a whole chunk in three queries. */
export async function loadRecipients(prisma: PrismaClient, customerIds: string[]): Promise<Map<string, Recipient>> {
  const customers = await prisma.customer.findMany({
    where: { id: { in: customerIds } },
    include: { dealer: true, location: true, assignedSalesperson: true },
  });
  const emails = customers.flatMap((c) => (c.email ? [c.email.toLowerCase()] : []));
  const suppressions = emails.length
    ? await prisma.$queryRaw<
        Array<{ email: string; reason: Recipient['suppressions'][number] }>
      >`SELECT email, reason::text AS reason FROM suppressions WHERE email = ANY(${emails}::text[])`
    : [];
  const byEmail = new Map<string, Recipient['suppressions']>();
  for (const s of suppressions) byEmail.set(s.email, [...(byEmail.get(s.email) ?? []), s.reason]);
  for (const [email, reasons] of await hashedSuppressions(prisma, emails)) byEmail.set(email, [...(byEmail.get(email) ?? []), ...reasons]);
  return new Map(
    customers.map((customer) => [
      customer.id,
      { customer, vehicle: null, suppressions: customer.email ? (byEmail.get(customer.email.toLowerCase()) ?? []) : [] },
    ]),
  );
}

/** findOrCreateOutboxRow for a chunk: one insert that skips existing keys, one read back. */
export async function findOrCreateOutboxRows(prisma: PrismaClient, rows: CustomerOutboxRow[]): Promise<Map<string, OutboxRow>> {
  if (rows.length === 0) return new Map();
  await insertOutboxRows(prisma, rows);
  const found = await prisma.$queryRaw<
    OutboxRow[]
  >`SELECT * FROM messages WHERE "idempotencyKey" = ANY(${rows.map((r) => r.idempotencyKey)}::text[])`;
  const byKey = new Map(found.map((row) => [row.idempotencyKey, row]));
  for (const row of rows) if (!byKey.has(row.idempotencyKey)) byKey.set(row.idempotencyKey, await findOrCreateOutboxRow(prisma, row));
  return byKey;
}
