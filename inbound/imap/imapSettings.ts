import fs from 'node:fs';
import { z } from 'zod';

const flag = (name: string, fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: `${name} must be true or false` })
    .optional()
    .transform((value) => (value === undefined ? fallback : ['true', '1', 'yes'].includes(value)));

/**
 * The dealer's existing mailbox that customers' replies (and bounces) land in. Unset IMAP_HOST: no poller.
 * IMAP_TLS: "true" = TLS from the first byte (port 993), "starttls" = must upgrade (port 143),
 * "false" = cleartext (only for a server on the same machine).
 */
const imapEnvSchema = z.object({
  IMAP_HOST: z.string().min(1, 'IMAP_HOST must name the mail server'),
  IMAP_PORT: z.coerce.number({ message: 'IMAP_PORT must be a port number' }).int().min(1).max(65535).optional(),
  IMAP_USER: z.string({ message: 'IMAP_USER is required when IMAP_HOST is set' }).min(1, 'IMAP_USER must not be empty'),
  IMAP_PASSWORD: z.string().min(1, 'IMAP_PASSWORD must not be empty').optional(),
  IMAP_PASSWORD_FILE: z.string().min(1, 'IMAP_PASSWORD_FILE must name a file').optional(),
  IMAP_TLS: z.enum(['true', 'starttls', 'false'], { message: 'IMAP_TLS must be true, starttls or false' }).default('true'),
  IMAP_MAILBOX: z.string().min(1, 'IMAP_MAILBOX must name a folder').default('INBOX'),
  /** Seconds between polls; with IDLE the server also announces new mail at once. */
  IMAP_POLL_INTERVAL_SECONDS: z.coerce
    .number({ message: 'IMAP_POLL_INTERVAL_SECONDS must be a number of seconds' })
    .int()
    .min(1, 'IMAP_POLL_INTERVAL_SECONDS must be at least 1')
    .max(86_400, 'IMAP_POLL_INTERVAL_SECONDS must be at most 86400 (one day)')
    .default(60),
  IMAP_IDLE: flag('IMAP_IDLE', true),
  /** Processed messages move here ("/" separates levels; the server's own separator is used). */
  IMAP_MOVE_PROCESSED: flag('IMAP_MOVE_PROCESSED', true),
  IMAP_PROCESSED_MAILBOX: z.string().min(1, 'IMAP_PROCESSED_MAILBOX must name a folder').default('Stammkunde/Verarbeitet'),
  /** Messages the pipeline rejects (malformed, too large, failing again and again) go here, with the reason. */
  IMAP_REJECTED_MAILBOX: z.string().min(1, 'IMAP_REJECTED_MAILBOX must name a folder').default('Stammkunde/Abgelehnt'),
  /** A message the pipeline throws on this many times is set aside instead of being tried again. */
  IMAP_MAX_ATTEMPTS: z.coerce.number({ message: 'IMAP_MAX_ATTEMPTS must be a number' }).int().min(1).max(100).default(5),
});

export type ImapSettings = {
  host: string;
  port: number;
  user: string;
  password: string;
  tls: 'true' | 'starttls' | 'false';
  mailbox: string;
  pollIntervalMs: number;
  idle: boolean;
  /** Undefined: processed messages stay where they are (marked \Seen). */
  processedMailbox?: string;
  rejectedMailbox: string;
  maxAttempts: number;
  /** Larger messages are set aside without download (INBOUND_MAX_BYTES). */
  maxMessageBytes: number;
};

/**
 * The IMAP poller's settings from the environment, or undefined when IMAP_HOST is not set.
 * Throws one error naming every wrong variable.
 */
export function readImapSettings(env: NodeJS.ProcessEnv, maxMessageBytes: number): ImapSettings | undefined {
  if (!env.IMAP_HOST) {
    const stray = Object.keys(env).filter((key) => key.startsWith('IMAP_') && env[key]);
    if (stray.length > 0) throw new Error(`Invalid IMAP configuration: IMAP_HOST is required when ${stray.join(', ')} is set`);
    return undefined;
  }
  const parsed = imapEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
    throw new Error(`Invalid IMAP configuration: ${problems}`);
  }
  const config = parsed.data;
  return {
    host: config.IMAP_HOST,
    port: config.IMAP_PORT ?? (config.IMAP_TLS === 'true' ? 993 : 143),
    user: config.IMAP_USER,
    password: passwordOf(config.IMAP_PASSWORD, config.IMAP_PASSWORD_FILE),
    tls: config.IMAP_TLS,
    mailbox: config.IMAP_MAILBOX,
    pollIntervalMs: config.IMAP_POLL_INTERVAL_SECONDS * 1000,
    idle: config.IMAP_IDLE,
    ...(config.IMAP_MOVE_PROCESSED ? { processedMailbox: config.IMAP_PROCESSED_MAILBOX } : {}),
    rejectedMailbox: config.IMAP_REJECTED_MAILBOX,
    maxAttempts: config.IMAP_MAX_ATTEMPTS,
    maxMessageBytes,
  };
}

function passwordOf(inline: string | undefined, file: string | undefined): string {
  if (inline && file) throw new Error('Invalid IMAP configuration: IMAP_PASSWORD: set IMAP_PASSWORD or IMAP_PASSWORD_FILE, not both');
  if (inline) return inline;
  if (!file) throw new Error('Invalid IMAP configuration: IMAP_PASSWORD: set IMAP_PASSWORD or IMAP_PASSWORD_FILE');
  let content: string;
  try {
    content = fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`Invalid IMAP configuration: IMAP_PASSWORD_FILE: cannot read ${file} (${(error as NodeJS.ErrnoException).code})`);
  }
  const password = content.replace(/\r?\n$/, '');
  if (!password) throw new Error(`Invalid IMAP configuration: IMAP_PASSWORD_FILE: ${file} is empty`);
  return password;
}

/** The key the bookkeeping files a mailbox's messages under: `user@host/mailbox`. */
export const mailboxKeyOf = (config: Pick<ImapSettings, 'user' | 'host' | 'mailbox'>) => `${config.user}@${config.host}/${config.mailbox}`;
