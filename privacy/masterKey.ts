import crypto from 'node:crypto';

/**
 * The master key wraps every payload data key (AES-256-GCM). It comes from configuration
 * (PAYLOAD_MASTER_KEY: 32 bytes as base64 or 64 hex digits); without it a development key is used,
 * like the link secret's development value: fine on a laptop, never in production.
 */
export const DEVELOPMENT_MASTER_KEY = 'dev-only-payload-master-key-change-me';

export type MasterKey = { id: string; key: Buffer };

export function parseMasterKey(value: string, variable = 'PAYLOAD_MASTER_KEY'): MasterKey {
  let key: Buffer;
  if (value === DEVELOPMENT_MASTER_KEY) key = crypto.createHash('sha256').update(value).digest();
  else if (/^[0-9a-f]{64}$/i.test(value)) key = Buffer.from(value, 'hex');
  else {
    key = Buffer.from(value, 'base64');
    if (key.length !== 32 || key.toString('base64').replace(/=+$/, '') !== value.replace(/=+$/, '')) {
      throw new Error(`${variable}: must be 32 random bytes as base64 (e.g. \`openssl rand -base64 32\`) or 64 hex digits`);
    }
  }
  return { id: masterKeyId(key), key };
}

/** A short public name of a master key (never the key): the first 16 hex digits of SHA-256 over it. */
export function masterKeyId(key: Buffer): string {
  return crypto.createHash('sha256').update('stammkunde-master-key:').update(key).digest('hex').slice(0, 16);
}

/** AES-256-GCM: iv (12) ‖ tag (16) ‖ ciphertext. `aad` binds the ciphertext to its context. */
export function seal(key: Buffer, plaintext: Buffer, aad: string): Buffer {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad));
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

export function open(key: Buffer, sealed: Buffer, aad: string): Buffer {
  const iv = sealed.subarray(0, 12);
  const tag = sealed.subarray(12, 28);
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(sealed.subarray(28)), decipher.final()]);
}
