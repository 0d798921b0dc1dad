/**
 * What a failed SMTP send means for the engine.
 *
 * - `temporary`: try the same message again later (4xx replies, a server that is down, refuses or drops
 *   the connection, times out, or rejects our credentials/TLS; none of that is the customer's fault).
 * - `permanent`: sending the same message again gets the same answer (5xx replies). When `cause` is
 *   `recipient`, the address itself was refused (e.g. 550 on RCPT TO) and may be suppressed.
 */
export type SmtpFailureKind = 'temporary' | 'permanent';

/** Which part of the exchange failed. Only `recipient` says anything about the customer's address. */
export type SmtpFailureCause = 'recipient' | 'sender' | 'message' | 'connection' | 'configuration' | 'unknown';

export interface SmtpErrorClassification {
  kind: SmtpFailureKind;
  cause: SmtpFailureCause;
  /** The SMTP reply code, when the server answered (e.g. 451, 550). */
  responseCode?: number;
  /** nodemailer's or Node's error code (EENVELOPE, ECONNECTION, ECONNREFUSED …). */
  code?: string;
  /** Recipient addresses the server refused, when it named them. */
  rejectedRecipients: string[];
  /** One line for logs and the contact history. */
  detail: string;
}

/** The fields nodemailer and Node put on a send error; everything optional, we only read them. */
interface SmtpLikeError {
  message?: unknown;
  code?: unknown;
  originalCode?: unknown;
  responseCode?: unknown;
  command?: unknown;
  response?: unknown;
  rejected?: unknown;
  recipient?: unknown;
  classification?: unknown;
}

/** Socket-level failures: the server was not reachable or dropped us, so a later attempt may work. */
const CONNECTION_CODES = new Set([
  'ECONNECTION',
  'ESOCKET',
  'ETIMEDOUT',
  'EDNS',
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** Our own setup is wrong (credentials, TLS, proxy): retry after the operator fixed it, never blame the customer. */
const CONFIGURATION_CODES = new Set(['EAUTH', 'ENOAUTH', 'EOAUTH2', 'ETLS', 'EREQUIRETLS', 'EPROXY', 'ECONFIG']);

/** Reply codes about authentication (RFC 4954), answered with 5xx yet fixed by configuration, not by the customer. */
const AUTH_REPLY_CODES = new Set([530, 534, 535, 538]);

/** Errors the message itself caused before anything reached a server (no recipients, invalid address …). */
const MESSAGE_CODES = new Set(['EENVELOPE', 'EMESSAGE', 'EMAXRECIPIENTS', 'EFILEACCESS', 'EURLACCESS']);

export function classifySmtpError(err: unknown): SmtpErrorClassification {
  if (!err || typeof err !== 'object') {
    return { kind: 'temporary', cause: 'unknown', rejectedRecipients: [], detail: String(err) };
  }
  const e = err as SmtpLikeError;
  if (isClassification(e.classification)) return e.classification;

  const code = typeof e.code === 'string' ? e.code : undefined;
  const originalCode = typeof e.originalCode === 'string' ? e.originalCode : undefined;
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const command = typeof e.command === 'string' ? e.command.toUpperCase() : undefined;
  const detail = describe(e);
  const base = { code: originalCode ?? code, responseCode, rejectedRecipients: rejectedRecipientsOf(e), detail };

  if (responseCode !== undefined) return { ...base, ...fromReply(responseCode, command, code) };
  if (code && CONFIGURATION_CODES.has(code)) return { ...base, kind: 'temporary', cause: 'configuration' };
  if ((code && CONNECTION_CODES.has(code)) || (originalCode && CONNECTION_CODES.has(originalCode))) {
    return { ...base, kind: 'temporary', cause: 'connection' };
  }
  if (code && MESSAGE_CODES.has(code)) return { ...base, kind: 'permanent', cause: 'message' };
  // Unknown failures are retried: a retry can at worst fail again, a wrong "permanent" would drop the message.
  return { ...base, kind: 'temporary', cause: 'unknown' };
}

function fromReply(responseCode: number, command: string | undefined, code: string | undefined) {
  const cause = causeOfCommand(command, code);
  if (code === 'EAUTH' || AUTH_REPLY_CODES.has(responseCode)) {
    return { kind: 'temporary' as const, cause: 'configuration' as const };
  }
  // 5xx is final (RFC 5321 §4.2.1), except 503 "bad sequence", which a fresh connection fixes.
  if (responseCode >= 500 && responseCode < 600 && responseCode !== 503) return { kind: 'permanent' as const, cause };
  return { kind: 'temporary' as const, cause: responseCode >= 400 && responseCode < 500 ? cause : 'unknown' };
}

function causeOfCommand(command: string | undefined, code: string | undefined): SmtpFailureCause {
  if (command === 'RCPT TO') return 'recipient';
  if (command === 'MAIL FROM') return 'sender';
  if (command === 'DATA' || command === 'DATA CONTENT' || code === 'EMESSAGE') return 'message';
  if (command === 'CONN' || command === 'GREETING' || code === 'ECONNECTION') return 'connection';
  return 'unknown';
}

function rejectedRecipientsOf(e: SmtpLikeError): string[] {
  if (Array.isArray(e.rejected)) return e.rejected.filter((r): r is string => typeof r === 'string');
  if (typeof e.recipient === 'string') return [e.recipient];
  return [];
}

function describe(e: SmtpLikeError): string {
  let message = typeof e.message === 'string' ? e.message : 'unknown error';
  if (typeof e.response === 'string' && !message.includes(e.response)) message += `: ${e.response}`;
  return message.replace(/\s+/g, ' ').trim();
}

function isClassification(value: unknown): value is SmtpErrorClassification {
  if (!value || typeof value !== 'object') return false;
  const v = value as Partial<SmtpErrorClassification>;
  return (v.kind === 'temporary' || v.kind === 'permanent') && typeof v.cause === 'string';
}
