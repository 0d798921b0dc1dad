import crypto from 'node:crypto';
import type { PrismaClient } from '../db/generated/client';

type Reason = 'bounce' | 'complaint' | 'unsubscribe' | 'manual';

/** SHA-256 of the trimmed lower-case address: what an erasure keeps of an objection (see README, Privacy). */
export function addressHash(email: string): string {
  return crypto.createHash('sha256').update(`stammkunde-address:${email.trim().toLowerCase()}`).digest('hex');
}

/** Suppression reasons kept as hashes of erased customers' addresses, for these addresses (lower-case). */
export async function hashedSuppressions(prisma: PrismaClient, emails: string[]): Promise<Map<string, Reason[]>> {
  const byHash = new Map(emails.map((email) => [addressHash(email), email]));
  const result = new Map<string, Reason[]>();
  if (byHash.size === 0) return result;
  const rows = await prisma.suppressedAddressHash.findMany({ where: { addressHash: { in: [...byHash.keys()] } } });
  for (const row of rows) {
    const email = byHash.get(row.addressHash)!;
    result.set(email, [...(result.get(email) ?? []), row.reason]);
  }
  return result;
}
