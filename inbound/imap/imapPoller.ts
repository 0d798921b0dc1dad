import { ImapFlow, type Logger } from 'imapflow';
import { componentLogger } from '../../config/logger';
import type { InboundDeps } from '../pipeline';
import { settledUids } from './imapBookkeeping';
import { mailboxKeyOf, type ImapSettings } from './imapSettings';
import { settleMessage, type MessageContext, type Settled } from './settleMessage';

const log = componentLogger('inbound.imap');

export type ImapPollerOptions = {
  /** Told about every message settled (tests wait on it). */
  onSettled?: (settled: Settled) => void;
  /** Waits between reconnect attempts: doubling from initialMs up to maxMs. */
  backoff?: { initialMs: number; maxMs: number };
};

/** What one poll found: the messages in the mailbox, and what became of the ones not settled before. */
export type PollSummary = { inMailbox: number; settled: Settled[] };

export type ImapPoller = {
  /** Resolves once the first connection is up and its first poll is done. */
  ready: Promise<void>;
  /** Polls now (after the poll in progress, if any). */
  pollNow(): Promise<PollSummary>;
  stats(): { connects: number; processed: number; setAside: number; retryLater: number };
  /** Stops polling, lets the message in hand finish, logs out. */
  stop(): Promise<void>;
};

/**
 * Polls the dealer's mailbox and feeds every new message to the inbound pipeline (settleMessage).
 * New mail is noticed through IDLE (the server says EXISTS) and, in any case, every poll interval.
 * A lost connection is reopened with a doubling wait; UIDs already settled (UID + UIDVALIDITY in
 * imap_messages) are never handed over twice.
 */
export function startImapPoller(deps: InboundDeps, config: ImapSettings, options: ImapPollerOptions = {}): ImapPoller {
  const backoff = options.backoff ?? { initialMs: 1000, maxMs: 60_000 };
  const counts = { connects: 0, processed: 0, setAside: 0, retryLater: 0 };
  const mailboxKey = mailboxKeyOf(config);
  let stopping = false;
  let client: ImapFlow | undefined;
  let folders: MessageContext['folders'] | undefined;
  let failures = 0;
  let reconnectTimer: NodeJS.Timeout | undefined;
  let intervalTimer: NodeJS.Timeout | undefined;
  let polling: Promise<PollSummary> | undefined;
  let pollAgain = false;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  function scheduleReconnect(why: string): void {
    if (stopping || reconnectTimer) return;
    const delay = Math.min(backoff.maxMs, backoff.initialMs * 2 ** failures);
    failures += 1;
    log.warn({ host: config.host, user: config.user, why, retryInMs: delay, failures }, 'IMAP connection lost; reconnecting');
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      void connect();
    }, delay);
    reconnectTimer.unref();
  }

  async function connect(): Promise<void> {
    if (stopping) return;
    const connection = new ImapFlow({
      host: config.host,
      port: config.port,
      secure: config.tls === 'true',
      ...(config.tls === 'true' ? {} : { doSTARTTLS: config.tls === 'starttls' }),
      auth: { user: config.user, pass: config.password },
      clientInfo: { name: 'Stammkunde' },
      disableAutoIdle: !config.idle,
      logger: log.child({ imap: config.host }, { level: 'warn' }) as unknown as Logger,
    });
    connection.on('error', (error: Error) => log.warn({ err: error, host: config.host }, 'IMAP connection error'));
    connection.on('close', () => {
      if (client !== connection) return;
      client = undefined;
      clearInterval(intervalTimer);
      scheduleReconnect('connection closed');
    });
    connection.on('exists', (event: { count: number; prevCount: number }) => {
      if (event.count > event.prevCount) void requestPoll().catch(() => undefined);
    });
    try {
      await connection.connect();
      folders = await ensureFolders(connection, config);
      if (stopping) {
        await connection.logout().catch(() => undefined);
        return;
      }
      client = connection;
      counts.connects += 1;
      log.info({ host: config.host, user: config.user, mailbox: config.mailbox, idle: config.idle }, 'IMAP mailbox connected');
      await requestPoll();
      failures = 0;
      markReady();
      intervalTimer = setInterval(() => void requestPoll().catch(() => undefined), config.pollIntervalMs);
      intervalTimer.unref();
    } catch (error) {
      log.error({ err: error, host: config.host, port: config.port, user: config.user }, 'IMAP mailbox could not be polled');
      if (client === connection) client = undefined;
      connection.close();
      scheduleReconnect((error as Error).message);
    }
  }

  /** One poll at a time; a request during a poll makes it run once more. */
  function requestPoll(): Promise<PollSummary> {
    if (polling) {
      pollAgain = true;
      return polling;
    }
    polling = (async () => {
      const summary: PollSummary = { inMailbox: 0, settled: [] };
      try {
        do {
          pollAgain = false;
          const once = await pollOnce();
          summary.inMailbox = once.inMailbox;
          summary.settled.push(...once.settled);
        } while (pollAgain && !stopping);
        return summary;
      } catch (error) {
        log.warn({ err: error, mailbox: config.mailbox }, 'IMAP poll failed; trying again at the next poll');
        throw error;
      } finally {
        polling = undefined;
      }
    })();
    return polling;
  }

  async function pollOnce(): Promise<PollSummary> {
    const connection = client;
    if (!connection || !folders) throw new Error(`not connected to ${config.host}`);
    const lock = await connection.getMailboxLock(config.mailbox);
    try {
      if (!connection.mailbox) throw new Error(`mailbox ${config.mailbox} is not open`);
      const box = { mailbox: mailboxKey, uidValidity: BigInt(connection.mailbox.uidValidity) };
      const uids = ((await connection.search({ deleted: false }, { uid: true })) || []).sort((a, b) => a - b);
      const done = await settledUids(deps.prisma, box, uids);
      const context: MessageContext = {
        client: connection,
        deps,
        box,
        folders,
        maxAttempts: config.maxAttempts,
        maxMessageBytes: config.maxMessageBytes,
      };
      const settled: Settled[] = [];
      for (const uid of uids) {
        if (stopping) break;
        if (done.has(uid)) continue;
        const outcome = await settleMessage(context, uid);
        count(outcome);
        settled.push(outcome);
        options.onSettled?.(outcome);
      }
      return { inMailbox: uids.length, settled };
    } finally {
      lock.release();
    }
  }

  function count(outcome: Settled): void {
    if (outcome.status === 'processed') counts.processed += 1;
    else if (outcome.status === 'set_aside') counts.setAside += 1;
    else if (outcome.status === 'retry_later') counts.retryLater += 1;
  }

  void connect();
  return {
    ready,
    pollNow: async () => {
      await ready;
      await polling?.catch(() => undefined);
      return requestPoll();
    },
    stats: () => ({ ...counts }),
    stop: async () => {
      stopping = true;
      clearTimeout(reconnectTimer);
      clearInterval(intervalTimer);
      await polling?.catch(() => undefined);
      const connection = client;
      client = undefined;
      if (connection) await connection.logout().catch(() => connection.close());
      log.info({ host: config.host, mailbox: config.mailbox }, 'IMAP poller stopped');
    },
  };
}

/** The processed and rejected folders, created when missing; "/" in the settings becomes the server's separator. */
async function ensureFolders(connection: ImapFlow, config: ImapSettings): Promise<MessageContext['folders']> {
  const create = async (path: string) => (await connection.mailboxCreate(path.split('/'))).path;
  return {
    ...(config.processedMailbox ? { processed: await create(config.processedMailbox) } : {}),
    rejected: await create(config.rejectedMailbox),
  };
}
