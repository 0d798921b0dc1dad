import crypto from 'node:crypto';
import fs from 'node:fs';
import { z } from 'zod';
import type { Settings } from '../config/settings';
import { domainOf } from './addresses';

/**
 * DKIM keys by sending domain (one per dealer domain), as nodemailer's `dkim` option wants them.
 * The sender thread signs each message with the key of its From domain; a domain without a key
 * goes out unsigned (and the log at start says which domains are signed).
 */
export type DkimKey = { domainName: string; keySelector: string; privateKey: string };

const keysFileSchema = z.array(
  z
    .strictObject({
      domain: z.string().min(1),
      selector: z.string().regex(/^[A-Za-z0-9._-]+$/, { message: 'must be a DNS label such as sk2027' }),
      privateKeyPath: z.string().min(1).optional(),
      privateKey: z.string().min(1).optional(),
    })
    .refine((k) => k.privateKey || k.privateKeyPath, { message: 'needs privateKeyPath or privateKey' }),
);

type DkimSettings = Pick<
  Settings,
  'MAIL_FROM' | 'DKIM_SELECTOR' | 'DKIM_DOMAIN' | 'DKIM_PRIVATE_KEY' | 'DKIM_PRIVATE_KEY_PATH' | 'DKIM_KEYS_FILE'
>;

function readKey(file: string, field: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`${field}: cannot read the DKIM private key ${file}: ${(error as Error).message}`);
  }
}

function checkedKey(key: DkimKey, field: string): DkimKey {
  try {
    const parsed = crypto.createPrivateKey(key.privateKey);
    if (parsed.asymmetricKeyType !== 'rsa' && parsed.asymmetricKeyType !== 'ed25519')
      throw new Error(`unsupported key type ${parsed.asymmetricKeyType}`);
  } catch (error) {
    throw new Error(`${field}: the DKIM private key for ${key.domainName} is not a PEM RSA or Ed25519 key (${(error as Error).message})`);
  }
  return { ...key, domainName: key.domainName.toLowerCase() };
}

/** The configured keys; a configuration error names the setting. */
export function loadDkimKeys(settings: DkimSettings): DkimKey[] {
  const keys: DkimKey[] = [];
  if (settings.DKIM_KEYS_FILE) {
    let entries: unknown;
    try {
      entries = JSON.parse(readKey(settings.DKIM_KEYS_FILE, 'DKIM_KEYS_FILE'));
    } catch (error) {
      throw new Error(`DKIM_KEYS_FILE: ${(error as Error).message}`);
    }
    const parsed = keysFileSchema.safeParse(entries);
    if (!parsed.success)
      throw new Error(`DKIM_KEYS_FILE: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    for (const [i, entry] of parsed.data.entries()) {
      const privateKey = entry.privateKey ?? readKey(entry.privateKeyPath!, `DKIM_KEYS_FILE[${i}].privateKeyPath`);
      keys.push(checkedKey({ domainName: entry.domain, keySelector: entry.selector, privateKey }, `DKIM_KEYS_FILE[${i}]`));
    }
  }
  const single =
    settings.DKIM_PRIVATE_KEY ??
    (settings.DKIM_PRIVATE_KEY_PATH ? readKey(settings.DKIM_PRIVATE_KEY_PATH, 'DKIM_PRIVATE_KEY_PATH') : undefined);
  if (single || settings.DKIM_SELECTOR) {
    if (!single) throw new Error('DKIM_SELECTOR: is set, but neither DKIM_PRIVATE_KEY nor DKIM_PRIVATE_KEY_PATH gives the key');
    if (!settings.DKIM_SELECTOR) throw new Error('DKIM_SELECTOR: is required with a DKIM private key (e.g. sk2027)');
    const domainName = settings.DKIM_DOMAIN ?? domainOf(settings.MAIL_FROM);
    if (!domainName) throw new Error('DKIM_DOMAIN: MAIL_FROM has no domain; set DKIM_DOMAIN');
    keys.push(checkedKey({ domainName, keySelector: settings.DKIM_SELECTOR, privateKey: single }, 'DKIM_PRIVATE_KEY'));
  }
  return keys;
}

/** The DNS TXT record a dealer publishes so receivers can verify the signature. */
export function dkimDnsRecord(key: DkimKey): { name: string; type: 'TXT'; value: string } {
  const privateKey = crypto.createPrivateKey(key.privateKey);
  const publicKey = crypto.createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
  const isEd25519 = privateKey.asymmetricKeyType === 'ed25519';
  // An Ed25519 record carries the raw 32-byte key (RFC 8463), RSA the SubjectPublicKeyInfo.
  const p = (isEd25519 ? publicKey.subarray(publicKey.length - 32) : publicKey).toString('base64');
  return {
    name: `${key.keySelector}._domainkey.${key.domainName}`,
    type: 'TXT',
    value: `v=DKIM1; k=${isEd25519 ? 'ed25519' : 'rsa'}; p=${p}`,
  };
}
