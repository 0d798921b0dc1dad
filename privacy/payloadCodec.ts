import { METADATA_ENCODING_KEY, type Payload, type PayloadCodec, type SerializationContext } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { open, seal } from './masterKey';
import type { PayloadKeyStore } from './keyStore';
import type { PayloadSubjects } from './payloadSubjects';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
const CIPHER_METADATA = 'encryption-cipher';
const CIPHER = 'AES-256-GCM';

const utf8 = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array | null | undefined) => (b ? new TextDecoder().decode(b) : undefined);

export function isEncrypted(payload: Payload): boolean {
  return text(payload.metadata?.[METADATA_ENCODING_KEY]) === ENCRYPTED_ENCODING;
}
export function keyIdOf(payload: Payload): string | undefined {
  return text(payload.metadata?.[KEY_ID_METADATA]);
}

/** A payload whose key was shredded (erasure) or is unknown here. */
export class PayloadKeyMissing extends Error {
  constructor(readonly keyId: string) {
    super(`payload key ${keyId} not found: shredded by an erasure (Art. 17 DSGVO) or from another installation`);
    this.name = 'PayloadKeyMissing';
  }
}

/**
 * Temporal payload codec: every payload is encrypted (AES-256-GCM) under the data key of the
 * customer it concerns (see payloadSubjects.ts), with the key id in its metadata, so decoding needs
 * no context: the Web UI's codec endpoint decodes with the same code. Payloads written before the
 * codec (no `binary/encrypted` encoding) pass through unchanged, so old histories still replay.
 */
export class EncryptionCodec implements PayloadCodec {
  constructor(
    private readonly keys: PayloadKeyStore,
    private readonly subjects: PayloadSubjects,
  ) {}

  async encode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    if (payloads.length === 0) return payloads;
    const key = await this.keys.keyFor(await this.subjects.forContext(context));
    return payloads.map((payload) => ({
      metadata: { [METADATA_ENCODING_KEY]: utf8(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: utf8(key.id), [CIPHER_METADATA]: utf8(CIPHER) },
      data: seal(key.key, Buffer.from(temporal.api.common.v1.Payload.encode(payload).finish()), key.id),
    }));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return Promise.all(payloads.map((payload) => this.decodeOne(payload)));
  }

  private async decodeOne(payload: Payload): Promise<Payload> {
    if (!isEncrypted(payload)) return payload;
    const keyId = keyIdOf(payload) ?? '(none)';
    const key = await this.keys.keyById(keyId);
    if (!key) throw new PayloadKeyMissing(keyId);
    const plain = open(key.key, Buffer.from(payload.data ?? new Uint8Array()), key.id);
    return temporal.api.common.v1.Payload.decode(plain) as Payload;
  }
}
