import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerAddress, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { componentLogger } from '../config/logger';
import { parseReceivedMail, type ReceivedMail } from './receivedMail';

export type { MailAddress, ReceivedMail } from './receivedMail';

const log = componentLogger('mail.receiver');

export interface SmtpReceiverOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** Called with each message before the receiver answers 250; if it throws, the client gets a 451. */
  store?: (mail: ReceivedMail) => Promise<void> | void;
  /** Largest accepted message in bytes (default 25 MB). */
  maxMessageBytes?: number;
  /** Waits this long before answering 250, like a slow relay (default 0). */
  answerDelayMs?: number;
}

/** What to wait for: a number of messages, messages matching a check, or both. */
export type MessageExpectation = number | ((mail: ReceivedMail) => boolean) | { count?: number; where?: (mail: ReceivedMail) => boolean };

export interface SmtpReceiver {
  port: number;
  /** smtp://host:port, ready for createMailTransport(). */
  url: string;
  messages(): ReceivedMail[];
  /** Resolves with the matching messages once enough arrived; rejects after timeoutMs (default 2 min: a bound that names what never arrived, far above a busy machine's delay). */
  waitForMessages(expect: MessageExpectation, timeoutMs?: number): Promise<ReceivedMail[]>;
  /** Forgets received messages and the transaction counts. */
  clear(): void;
  /** SMTP transactions answered 250 (each is one delivered message) and transactions refused. */
  stats(): { accepted: number; rejected: number };
  /** Answers the next `count` transactions with `code` at MAIL FROM, like a relay that is briefly overloaded. */
  rejectNext(count: number, code?: number, message?: string): void;
  /** While `predicate()` is true, every transaction is refused at MAIL FROM; `null` stops it. */
  setRejectWhile(predicate: (() => boolean) | null, code?: number, message?: string): void;
  /** Refuses these recipient addresses at RCPT TO (default 550 "mailbox unavailable"). */
  rejectRecipients(addresses: string[], code?: number, message?: string): void;
  /** Ends every simulated failure. */
  resetFailures(): void;
  close(): Promise<void>;
}

interface Refusal {
  code: number;
  message: string;
}

export async function startSmtpReceiver(options: SmtpReceiverOptions = {}): Promise<SmtpReceiver> {
  const { port = 0, host = '127.0.0.1', store, maxMessageBytes = 25 * 1024 * 1024, answerDelayMs = 0 } = options;
  const received: ReceivedMail[] = [];
  const waiters = new Set<() => void>();
  const counts = { accepted: 0, rejected: 0 };
  const failures = new FailureSimulation();

  const refuse = (refusal: Refusal, callback: (err?: Error | null) => void) => {
    counts.rejected += 1;
    callback(smtpError(refusal));
  };

  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: maxMessageBytes,
    logger: false,
    closeTimeout: 1000,
    onMailFrom(_address: SMTPServerAddress, _session: SMTPServerSession, callback) {
      const refusal = failures.forTransaction();
      if (refusal) return refuse(refusal, callback);
      callback();
    },
    onRcptTo(address: SMTPServerAddress, _session: SMTPServerSession, callback) {
      const refusal = failures.forRecipient(address.address);
      if (refusal) return refuse(refusal, callback);
      callback();
    },
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback) {
      receive(stream, session)
        .then(async (queueId) => {
          if (answerDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, answerDelayMs));
          callback(null, `Message queued as ${queueId}`);
        })
        .catch((err: Error) => {
          counts.rejected += 1;
          callback(err);
        });
    },
  });
  server.on('error', (err) => log.warn({ err }, 'SMTP receiver connection error'));

  async function receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    if (stream.sizeExceeded) throw smtpError({ code: 552, message: `Message exceeds the limit of ${maxMessageBytes} bytes` });
    const envelope = {
      from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
      to: session.envelope.rcptTo.map((r) => r.address),
    };
    const mail = await parseReceivedMail(Buffer.concat(chunks), envelope, new Date());
    try {
      await store?.(mail);
    } catch (err) {
      log.error({ err }, 'storing a received message failed');
      throw smtpError({ code: 451, message: 'Could not store the message, try again later' });
    }
    received.push(mail);
    counts.accepted += 1;
    for (const wake of [...waiters]) wake();
    return session.id;
  }

  const boundPort = await listen(server, port, host);
  log.debug({ port: boundPort, host }, 'SMTP receiver listening');

  return {
    port: boundPort,
    url: `smtp://${host.includes(':') ? `[${host}]` : host}:${boundPort}`,
    messages: () => [...received],
    waitForMessages: (expect, timeoutMs = 120_000) => waitFor(received, waiters, expect, timeoutMs),
    clear() {
      received.length = 0;
      counts.accepted = 0;
      counts.rejected = 0;
    },
    stats: () => ({ ...counts }),
    rejectNext: (count, code = 451, message = 'Temporary local problem, please try again later') =>
      failures.rejectNext(count, { code, message }),
    setRejectWhile: (predicate, code = 451, message = 'Temporary local problem, please try again later') =>
      failures.rejectWhile(predicate, { code, message }),
    rejectRecipients: (addresses, code = 550, message = 'Mailbox unavailable') => failures.rejectRecipients(addresses, { code, message }),
    resetFailures: () => failures.reset(),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The failures a test asked the receiver to simulate. */
class FailureSimulation {
  private nextCount = 0;
  private next: Refusal | null = null;
  private whilePredicate: (() => boolean) | null = null;
  private whileRefusal: Refusal | null = null;
  private recipients = new Map<string, Refusal>();

  rejectNext(count: number, refusal: Refusal) {
    assertReplyCode(refusal.code);
    this.nextCount = count;
    this.next = refusal;
  }

  rejectWhile(predicate: (() => boolean) | null, refusal: Refusal) {
    assertReplyCode(refusal.code);
    this.whilePredicate = predicate;
    this.whileRefusal = refusal;
  }

  rejectRecipients(addresses: string[], refusal: Refusal) {
    assertReplyCode(refusal.code);
    for (const address of addresses) this.recipients.set(address.toLowerCase(), refusal);
  }

  forTransaction(): Refusal | null {
    if (this.nextCount > 0 && this.next) {
      this.nextCount -= 1;
      return this.next;
    }
    if (this.whilePredicate && this.whileRefusal && this.whilePredicate()) return this.whileRefusal;
    return null;
  }

  forRecipient(address: string): Refusal | null {
    return this.recipients.get(address.toLowerCase()) ?? null;
  }

  reset() {
    this.nextCount = 0;
    this.next = null;
    this.whilePredicate = null;
    this.whileRefusal = null;
    this.recipients.clear();
  }
}

function waitFor(
  received: ReceivedMail[],
  waiters: Set<() => void>,
  expect: MessageExpectation,
  timeoutMs: number,
): Promise<ReceivedMail[]> {
  const { count, where } =
    typeof expect === 'number' ? { count: expect, where: undefined } : typeof expect === 'function' ? { count: 1, where: expect } : expect;
  const wanted = count ?? 1;
  const matching = () => (where ? received.filter(where) : [...received]);
  return new Promise((resolve, reject) => {
    const check = () => {
      const found = matching();
      if (found.length < wanted) return false;
      clearTimeout(timer);
      waiters.delete(check);
      resolve(found);
      return true;
    };
    const timer = setTimeout(() => {
      waiters.delete(check);
      const subjects = received.map((m) => JSON.stringify(m.subject)).join(', ') || 'none';
      reject(new Error(`Waited ${timeoutMs} ms for ${wanted} matching message(s), got ${matching().length}; received so far: ${subjects}`));
    }, timeoutMs);
    waiters.add(check);
    check();
  });
}

function listen(server: SMTPServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(new Error(`SMTP receiver could not listen on ${host}:${port}: ${err.message}`));
    server.server.once('error', onError);
    server.listen(port, host, () => {
      server.server.off('error', onError);
      resolve((server.server.address() as AddressInfo).port);
    });
  });
}

function smtpError({ code, message }: Refusal): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode: code });
}

function assertReplyCode(code: number) {
  if (!Number.isInteger(code) || code < 400 || code > 599) {
    throw new Error(`code: an SMTP refusal needs a 4xx or 5xx reply code, got ${code}`);
  }
}
