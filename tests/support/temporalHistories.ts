import type { Client } from '@temporalio/client';
import type { Payload } from '@temporalio/common';
import type { PrismaClient } from '../../db/generated/client';
import { PayloadKeyStore } from '../../privacy/keyStore';
import { DEVELOPMENT_MASTER_KEY, parseMasterKey } from '../../privacy/masterKey';
import { EncryptionCodec, isEncrypted, PayloadKeyMissing } from '../../privacy/payloadCodec';
import { PayloadSubjects } from '../../privacy/payloadSubjects';

/** Every payload object in a fetched history: workflow input and result, activity inputs and results, signals, markers. */
export function payloadsIn(value: unknown, found: Payload[] = [], seen = new Set<unknown>()): Payload[] {
  if (!value || typeof value !== 'object' || seen.has(value) || value instanceof Uint8Array) return found;
  seen.add(value);
  const candidate = value as { metadata?: unknown; data?: unknown };
  if (candidate.metadata && typeof candidate.metadata === 'object' && candidate.data instanceof Uint8Array) {
    found.push(candidate as Payload);
    return found;
  }
  // Search attributes stay plaintext by design (Temporal indexes them); the engine sets none but patched()'s TemporalChangeVersion.
  for (const [key, child] of Object.entries(value)) if (key !== 'searchAttributes') payloadsIn(child, found, seen);
  return found;
}

export type DecodedHistory = {
  workflowId: string;
  payloads: number;
  encrypted: number;
  /** Payloads Temporal itself wrote in plaintext (e.g. a patch marker's id), as text. */
  plaintext: string[];
  texts: string[];
  undecryptable: number;
};

/**
 * What a person with the codec could read in the histories Temporal keeps: each payload decoded by a
 * fresh codec (no cached keys) on the dealership's database, as text.
 */
export async function readHistories(client: Client, prisma: PrismaClient, workflowIds: string[]): Promise<DecodedHistory[]> {
  const codec = new EncryptionCodec(new PayloadKeyStore(prisma, parseMasterKey(DEVELOPMENT_MASTER_KEY)), new PayloadSubjects(prisma));
  const result: DecodedHistory[] = [];
  for (const workflowId of workflowIds) {
    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    const payloads = payloadsIn(history);
    const decoded: DecodedHistory = { workflowId, payloads: payloads.length, encrypted: 0, plaintext: [], texts: [], undecryptable: 0 };
    for (const payload of payloads) {
      if (isEncrypted(payload)) decoded.encrypted += 1;
      else decoded.plaintext.push(Buffer.from(payload.data ?? new Uint8Array()).toString('utf8'));
      try {
        const [plain] = await codec.decode([payload]);
        decoded.texts.push(Buffer.from(plain.data ?? new Uint8Array()).toString('utf8'));
      } catch (error) {
        if (!(error instanceof PayloadKeyMissing)) throw error;
        decoded.undecryptable += 1;
      }
    }
    result.push(decoded);
  }
  return result;
}

/** Rows of any table in the database whose text form contains one of the values (case-insensitive). */
export async function tablesContaining(prisma: PrismaClient, values: string[]): Promise<string[]> {
  const tables = await prisma.$queryRaw<
    Array<{ table_name: string }>
  >`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`;
  const hits: string[] = [];
  for (const { table_name } of tables) {
    for (const value of values) {
      const rows = await prisma.$queryRawUnsafe<Array<{ n: bigint }>>(
        `SELECT count(*) AS n FROM "${table_name}" t WHERE t::text ILIKE $1`,
        `%${value}%`,
      );
      if (Number(rows[0].n) > 0) hits.push(`${table_name}: ${value}`);
    }
  }
  return hits;
}

/** A patch marker's plaintext payload, as Temporal writes it for patched(): `{"id":"<patch id>","deprecated":false}`. */
export function isPatchMarker(text: string): boolean {
  return /^\{"id":"[\w-]+","deprecated":(true|false)\}$/.test(text);
}

/**
 * A local activity marker's bookkeeping, which Temporal's core writes in plaintext beside the (encrypted) result:
 * sequence number, attempt, activity id and type, times and backoff. Exactly these keys, and no strings but the
 * numeric activity id and an activity type name.
 */
export function isLocalActivityMarker(text: string): boolean {
  let meta: Record<string, unknown>;
  try {
    meta = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return false;
  }
  const keys = ['activity_id', 'activity_type', 'attempt', 'backoff', 'complete_time', 'original_schedule_time', 'seq'];
  return (
    JSON.stringify(Object.keys(meta).sort()) === JSON.stringify(keys) &&
    typeof meta.activity_id === 'string' &&
    /^\d+$/.test(meta.activity_id) &&
    typeof meta.activity_type === 'string' &&
    /^[A-Za-z]+$/.test(meta.activity_type)
  );
}
