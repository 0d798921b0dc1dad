import type { SMTPPoolOptions } from 'nodemailer';
import { componentLogger } from '../config/logger';
import { settings } from '../config/settings';
import { startSenderThread, type ThreadSentInfo } from './senderThreadClient';
import { loadDkimKeys, type DkimKey } from './dkim';
import { classifySmtpError, type SmtpErrorClassification, type SmtpFailureKind } from './smtpErrors';
import { parseSmtpUrl, redact } from './smtpUrl';

export { classifySmtpError } from './smtpErrors';
export type { SmtpErrorClassification, SmtpFailureCause, SmtpFailureKind } from './smtpErrors';

const log = componentLogger('mail.transport');

/**
 * Pooled SMTP connections to the relay in SMTP_URL (or the local inbox), held by nodemailer in the
 * SMTP sender thread (see smtpSenderThread.js). Send with `sendMail`; close it on shutdown.
 */
export interface MailTransport {
  /** Parallel SMTP connections: how many messages can be on the wire at once. */
  readonly poolSize: number;
  /** Prefer `sendMail`, which classifies failures. */
  send(message: OutgoingMail): Promise<ThreadSentInfo>;
  close(): void;
}

export interface MailTransportOptions {
  /** Parallel SMTP connections (default 5). */
  maxConnections?: number;
  /** Messages per connection before it is replaced (default 100). */
  maxMessages?: number;
  /** At most this many messages per `rateDeltaMs` (default: unlimited). */
  rateLimit?: number;
  rateDeltaMs?: number;
  /** Give up on connecting / on the greeting / on a silent socket after this long. */
  connectionTimeoutMs?: number;
  greetingTimeoutMs?: number;
  socketTimeoutMs?: number;
  /** DKIM keys by sending domain (see mail/dkim.ts); each message is signed with its From domain's key. Default: from the settings. */
  dkimKeys?: DkimKey[];
}

export function createMailTransport(smtpUrl: string = settings().SMTP_URL, options: MailTransportOptions = {}): MailTransport {
  const endpoint = parseSmtpUrl(smtpUrl);
  const maxConnections = positiveInt(options.maxConnections ?? 5, 'maxConnections');
  const poolOptions: SMTPPoolOptions & { pool: true } = {
    pool: true,
    host: endpoint.host,
    port: endpoint.port,
    secure: endpoint.secure,
    requireTLS: endpoint.requireTLS,
    auth: endpoint.auth,
    maxConnections,
    maxMessages: positiveInt(options.maxMessages ?? 100, 'maxMessages'),
    rateLimit: options.rateLimit === undefined ? undefined : positiveInt(options.rateLimit, 'rateLimit'),
    rateDelta: options.rateDeltaMs,
    connectionTimeout: options.connectionTimeoutMs ?? 10_000,
    greetingTimeout: options.greetingTimeoutMs ?? 10_000,
    socketTimeout: options.socketTimeoutMs ?? 60_000,
    logger: false,
  };
  log.debug({ smtpUrl: redact(smtpUrl), maxConnections }, 'SMTP transport created');
  const dkimKeys = options.dkimKeys ?? loadDkimKeys(settings());
  if (dkimKeys.length > 0) log.info({ domains: dkimKeys.map((k) => `${k.keySelector}._domainkey.${k.domainName}`) }, 'DKIM signing on');
  const thread = startSenderThread(poolOptions, dkimKeys);
  return { poolSize: maxConnections, send: (message) => thread.send(message), close: () => thread.close() };
}

/** One email as the engine builds it. */
export interface OutgoingMail {
  from: string;
  to: string | string[];
  cc?: string | string[];
  replyTo?: string;
  subject: string;
  html?: string;
  text?: string;
  /** Our own Message-ID (`<id@domain>`), kept so replies and bounces can be matched to the send. */
  messageId?: string;
  /** Extra headers, e.g. List-Unsubscribe and List-Unsubscribe-Post. */
  headers?: Record<string, string>;
  /** The Date header; the engine sets it to the moment the workflow sent the message. */
  date?: Date;
  /** The SMTP envelope: MAIL FROM is the per-message bounce address (mail/bounceToken.ts), so the Return-Path names the message. */
  envelope?: { from: string; to: string[] };
}

export interface SentMail {
  /** The id the relay gave the message if it announced one, otherwise our Message-ID. */
  providerMessageId: string;
  /** The Message-ID header as sent. */
  messageId: string;
  accepted: string[];
  rejected: string[];
  /** The relay's final reply, e.g. "250 Message queued as 1a2b3c". */
  response: string;
}

/** A failed send, with what it means for retrying: `kind` is `temporary` or `permanent`. */
export class MailSendError extends Error {
  readonly kind: SmtpFailureKind;
  constructor(
    readonly classification: SmtpErrorClassification,
    options: { cause: unknown },
  ) {
    super(`${classification.kind} SMTP failure (${classification.cause}): ${classification.detail}`, options);
    this.name = 'MailSendError';
    this.kind = classification.kind;
  }
}

export async function sendMail(transport: MailTransport, message: OutgoingMail): Promise<SentMail> {
  let info: ThreadSentInfo;
  try {
    info = await transport.send(message);
  } catch (err) {
    const classification = classifySmtpError(err);
    log.warn({ to: message.to, messageId: message.messageId, ...classification }, 'send failed');
    throw new MailSendError(classification, { cause: err });
  }
  return {
    providerMessageId: info.serverMessageId ?? info.messageId,
    messageId: info.messageId,
    accepted: info.accepted,
    rejected: info.rejected,
    response: info.response,
  };
}

function positiveInt(value: number, field: string): number {
  if (!Number.isInteger(value) || value < 1) throw new Error(`${field}: must be a positive whole number, got ${value}`);
  return value;
}
