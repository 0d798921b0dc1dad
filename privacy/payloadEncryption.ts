import type { DataConverter } from '@temporalio/common';
import type { Settings } from '../config/settings';
import type { PrismaClient } from '../db/generated/client';
import { PayloadKeyStore } from './keyStore';
import { parseMasterKey } from './masterKey';
import { EncryptionCodec } from './payloadCodec';
import { PayloadSubjects } from './payloadSubjects';

export type PayloadEncryption = { keys: PayloadKeyStore; codec: EncryptionCodec; dataConverter: DataConverter };

const perDatabase = new WeakMap<PrismaClient, PayloadEncryption>();

/**
 * The payload encryption of one database: its key store, the codec and the data converter that the
 * worker and every Temporal client use. One instance per Prisma client, so a shredded key is
 * forgotten at once by everything in this process (worker, API, CLI).
 */
export function payloadEncryption(
  prisma: PrismaClient,
  settings: Pick<Settings, 'PAYLOAD_MASTER_KEY' | 'PAYLOAD_MASTER_KEY_PREVIOUS'>,
): PayloadEncryption {
  const existing = perDatabase.get(prisma);
  if (existing) return existing;
  const master = parseMasterKey(settings.PAYLOAD_MASTER_KEY);
  const previous = settings.PAYLOAD_MASTER_KEY_PREVIOUS
    ? [parseMasterKey(settings.PAYLOAD_MASTER_KEY_PREVIOUS, 'PAYLOAD_MASTER_KEY_PREVIOUS')]
    : [];
  const keys = new PayloadKeyStore(prisma, master, previous);
  const codec = new EncryptionCodec(keys, new PayloadSubjects(prisma));
  const created = { keys, codec, dataConverter: { payloadCodecs: [codec] } };
  perDatabase.set(prisma, created);
  return created;
}
