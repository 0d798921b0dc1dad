import crypto from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { PrismaClient } from '../db/generated/client';
import { open, seal, type MasterKey } from './masterKey';

/** Whose payloads a key encrypts: one customer, or the dealership (payloads that concern no customer). */
export type KeySubject = `customer:${string}` | 'dealer';
export const DEALER_SUBJECT: KeySubject = 'dealer';
export const customerSubject = (customerId: string): KeySubject => `customer:${customerId}`;

export type DataKey = { id: string; key: Buffer };

/** How long a process trusts its in-memory copy of a key; after an erasure elsewhere, at most this long. */
const CACHE_MS = 30_000;
/**
 * How many keys a process keeps at most: a worker touches every customer of a 100,000-customer group, and neither its
 * memory nor the customers' unwrapped keys should stay with it after their 30 s (least recently used go first).
 */
export const KEY_CACHE_CAPACITY = 10_000;

/**
 * The per-customer (and one dealer-wide) data keys, stored wrapped by the master key in
 * payload_keys. A key is created on first use; shredding deletes it, and with it the ability to
 * read anything Temporal still holds under it. Keys are cached briefly in memory; shred() in this
 * process evicts at once.
 */
export class PayloadKeyStore {
  private readonly bySubject: LRUCache<string, DataKey>;
  /** `key: null`: shredded (or never here), remembered so a sealed payload does not ask the database every time. */
  private readonly byId: LRUCache<string, { key: DataKey | null }>;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly master: MasterKey,
    /** Earlier master keys still accepted for unwrapping while a rotation is under way. */
    private readonly previous: MasterKey[] = [],
    capacity = KEY_CACHE_CAPACITY,
  ) {
    const options = { max: capacity, ttl: CACHE_MS, ttlAutopurge: false };
    this.bySubject = new LRUCache(options);
    this.byId = new LRUCache(options);
  }

  /** How many keys this process holds in memory now (bounded by the capacity). */
  get cachedKeys(): number {
    return this.bySubject.size + this.byId.size;
  }

  /** The subject's current key, created (and wrapped) on first use; concurrent creators agree on one row. */
  async keyFor(subject: KeySubject): Promise<DataKey> {
    const cached = this.bySubject.get(subject);
    if (cached) return cached;
    let row = await this.prisma.payloadKey.findUnique({ where: { subject } });
    if (!row) {
      const id = crypto.randomUUID();
      const wrappedKey = seal(this.master.key, crypto.randomBytes(32), id).toString('base64');
      // One round trip when this call creates the key; only a concurrent creator that won makes us read theirs.
      const [created] = await this.prisma.payloadKey.createManyAndReturn({
        data: [{ id, subject, wrappedKey, masterKeyId: this.master.id }],
        skipDuplicates: true,
      });
      row = created ?? (await this.prisma.payloadKey.findUniqueOrThrow({ where: { subject } }));
    }
    const key = { id: row.id, key: this.unwrap(row) };
    this.remember(subject, key);
    return key;
  }

  /** The key with this id, or undefined when it was shredded (or never existed here). */
  async keyById(id: string): Promise<DataKey | undefined> {
    const cached = this.byId.get(id);
    if (cached) return cached.key ?? undefined;
    const row = /^[0-9a-f-]{36}$/i.test(id) ? await this.prisma.payloadKey.findUnique({ where: { id } }) : null;
    const key = row ? { id: row.id, key: this.unwrap(row) } : null;
    this.byId.set(id, { key });
    return key ?? undefined;
  }

  /** Crypto-shredding: deletes the subject's key. Returns the id of the deleted key, if there was one. */
  async shred(subject: KeySubject): Promise<string | undefined> {
    const row = await this.prisma.payloadKey.findUnique({ where: { subject } });
    await this.prisma.payloadKey.deleteMany({ where: { subject } });
    this.bySubject.delete(subject);
    if (row) this.byId.set(row.id, { key: null });
    return row?.id;
  }

  /**
   * Master-key rotation: re-wraps every data key not yet wrapped by the current master key (with a
   * previous one from PAYLOAD_MASTER_KEY_PREVIOUS). The data keys themselves, and so every payload in
   * Temporal, stay as they are. Safe to repeat.
   */
  async rewrapAll(): Promise<{ rewrapped: number; alreadyCurrent: number }> {
    const rows = await this.prisma.payloadKey.findMany();
    let rewrapped = 0;
    for (const row of rows) {
      if (row.masterKeyId === this.master.id) continue;
      const plain = this.unwrap(row);
      await this.prisma.payloadKey.updateMany({
        where: { id: row.id, masterKeyId: row.masterKeyId },
        data: { wrappedKey: seal(this.master.key, plain, row.id).toString('base64'), masterKeyId: this.master.id, rewrappedAt: new Date() },
      });
      rewrapped += 1;
    }
    return { rewrapped, alreadyCurrent: rows.length - rewrapped };
  }

  private unwrap(row: { id: string; wrappedKey: string; masterKeyId: string }): Buffer {
    const master = [this.master, ...this.previous].find((m) => m.id === row.masterKeyId);
    if (!master) {
      throw new Error(
        `payload key ${row.id} is wrapped by master key ${row.masterKeyId}, which is not configured (PAYLOAD_MASTER_KEY, PAYLOAD_MASTER_KEY_PREVIOUS)`,
      );
    }
    return open(master.key, Buffer.from(row.wrappedKey, 'base64'), row.id);
  }

  private remember(subject: string, key: DataKey): void {
    this.bySubject.set(subject, key);
    this.byId.set(key.id, { key });
  }
}
