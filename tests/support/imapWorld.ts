import { ImapFlow } from 'imapflow';
import { startImapPoller, type ImapPoller, type ImapPollerOptions } from '../../inbound/imap/imapPoller';
import { readImapSettings } from '../../inbound/imap/imapSettings';
import type { ThrowawayImapServer } from '../../infra/dovecot/throwawayImapServer';
import type { DealershipStack } from './dealershipStack';
import { inboundDepsOf } from './inboundWorld';

/** The environment a dealer sets to point Stammkunde at the mailbox (cleartext: the server is on this machine). */
export const imapEnvOf = (server: ThrowawayImapServer, extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  IMAP_HOST: server.host,
  IMAP_PORT: String(server.port),
  IMAP_USER: server.user,
  IMAP_PASSWORD: server.password,
  IMAP_TLS: 'false',
  IMAP_POLL_INTERVAL_SECONDS: '1',
  ...extra,
});

/** The IMAP poller of `stammkunde start`, fed by the world's database, Temporal and test-server clock. */
export function openImapPoller(
  world: DealershipStack,
  server: ThrowawayImapServer,
  extra: Record<string, string> = {},
  options: ImapPollerOptions = {},
): ImapPoller {
  const config = readImapSettings(imapEnvOf(server, extra), 25 * 1024 * 1024)!;
  return startImapPoller(inboundDepsOf(world), config, { backoff: { initialMs: 100, maxMs: 1000 }, ...options });
}

/** A separate IMAP session on the dealer's mailbox: what the mail server's delivery and the dealer's mail program do. */
export async function withMailbox<T>(server: ThrowawayImapServer, work: (client: ImapFlow) => Promise<T>): Promise<T> {
  const client = new ImapFlow({
    host: server.host,
    port: server.port,
    secure: false,
    doSTARTTLS: false,
    auth: { user: server.user, pass: server.password },
    logger: false,
  });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.logout();
  }
}

/** Delivers the raw message into the folder (IMAP APPEND), as the dealer's mail server does. */
export const deliverToMailbox = (server: ThrowawayImapServer, raw: string | Buffer, folder = 'INBOX') =>
  withMailbox(server, async (client) => {
    if (!(await client.append(folder, Buffer.from(raw)))) throw new Error(`APPEND to ${folder} failed`);
  });

export type FolderMessage = { uid: number; flags: string[]; source: string };

/** Every message in the folder with its flags (without \Recent, which depends on the session) and raw text. */
export const folderContents = (server: ThrowawayImapServer, folder: string) =>
  withMailbox(server, async (client) => {
    const lock = await client.getMailboxLock(folder);
    try {
      if (!client.mailbox || client.mailbox.exists === 0) return [] as FolderMessage[];
      const messages = await client.fetchAll('1:*', { uid: true, flags: true, source: true });
      return messages.map((m) => ({
        uid: m.uid,
        flags: [...(m.flags ?? [])].filter((flag) => flag !== '\\Recent').sort(),
        source: m.source?.toString('utf8') ?? '',
      }));
    } finally {
      lock.release();
    }
  });
