import crypto from 'node:crypto';
import type { PrismaClient } from '../db/generated/client';

/**
 * API keys: the plaintext key is shown once, at creation; only its SHA-256 hash and a short prefix
 * (to tell keys apart in lists) are stored.
 */
export type CreatedApiKey = { id: string; name: string; dealerId: string | null; key: string; keyPrefix: string };
export type AuthenticatedKey = { id: string; name: string; dealerId: string | null };

const KEY_PREFIX_LENGTH = 10;

export function hashApiKey(key: string): string {
  return crypto.createHash('sha256').update(key, 'utf8').digest('hex');
}

export async function createApiKey(prisma: PrismaClient, input: { name: string; dealerId?: string }): Promise<CreatedApiKey> {
  const name = input.name.trim();
  if (!name) throw new Error('name: an API key needs a name (e.g. "DMS-Import München")');
  const key = `sk_${crypto.randomBytes(32).toString('base64url')}`;
  const keyPrefix = key.slice(0, KEY_PREFIX_LENGTH);
  const row = await prisma.apiKey.create({ data: { name, dealerId: input.dealerId, keyHash: hashApiKey(key), keyPrefix } });
  return { id: row.id, name: row.name, dealerId: row.dealerId, key, keyPrefix };
}

/** Revokes by id; returns false when there is no such key. Revoking twice keeps the first date. */
export async function revokeApiKey(prisma: PrismaClient, id: string, now = new Date()): Promise<boolean> {
  const key = await prisma.apiKey.findUnique({ where: { id } });
  if (!key) return false;
  if (!key.revokedAt) await prisma.apiKey.update({ where: { id }, data: { revokedAt: now } });
  return true;
}

/** The key's identity, or undefined when it is unknown or revoked. Records when it was last used. */
export async function authenticateApiKey(prisma: PrismaClient, presented: string, now = new Date()): Promise<AuthenticatedKey | undefined> {
  const key = await prisma.apiKey.findUnique({ where: { keyHash: hashApiKey(presented) } });
  if (!key || key.revokedAt) return undefined;
  await prisma.apiKey.update({ where: { id: key.id }, data: { lastUsedAt: now } });
  return { id: key.id, name: key.name, dealerId: key.dealerId };
}
