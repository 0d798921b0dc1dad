import type { ImapFlow } from 'imapflow';
import type { InboundDeps } from '../../inbound/pipeline';
import { SET_ASIDE_HEADER, SET_ASIDE_KEYWORD, settleMessage, type MessageContext } from '../../inbound/imap/settleMessage';

/** A mailbox of one message, recording what the poller does to it (the real server is in inboundImap.test.ts). */
function fakeMailbox(raw: string, size = raw.length) {
  const actions: string[] = [];
  const appended: Array<{ folder: string; content: string; flags: string[] }> = [];
  const client = {
    fetchOne: async (_uid: string, query: { source?: boolean }) => ({
      uid: 7,
      size,
      ...(query.source ? { source: Buffer.from(raw) } : {}),
    }),
    append: async (folder: string, content: Buffer, flags: string[]) => {
      appended.push({ folder, content: content.toString(), flags });
      return { destination: folder };
    },
    messageDelete: async (uid: string) => (actions.push(`delete ${uid}`), true),
    messageFlagsAdd: async (uid: string, flags: string[]) => (actions.push(`flag ${uid} ${flags.join(' ')}`), true),
    messageMove: async (uid: string, folder: string) => (actions.push(`move ${uid} ${folder}`), { destination: folder }),
  };
  return { client: client as unknown as ImapFlow, actions, appended };
}

/** A database whose inbound table is down (the pipeline throws), and whose IMAP bookkeeping counts attempts. */
function flakyDatabase() {
  const rows = new Map<string, { attempts: number; status: string; reason: string | null }>();
  const prisma = {
    inboundMessage: {
      findUnique: async () => {
        throw new Error('relation "inbound_messages" is locked');
      },
    },
    imapMessage: {
      upsert: async (args: {
        where: { mailbox_uidValidity_uid: { uid: bigint } };
        create: { status: string; reason?: string | null };
        update: { status?: string; reason?: string | null; attempts?: { increment: number } };
      }) => {
        const key = String(args.where.mailbox_uidValidity_uid.uid);
        const row = rows.get(key) ?? { attempts: 0, status: args.create.status, reason: null };
        if (rows.has(key)) {
          row.attempts += args.update.attempts?.increment ?? 0;
          if (args.update.status) row.status = args.update.status;
          row.reason = args.update.reason ?? row.reason;
        } else {
          row.attempts = args.create.status === 'failing' ? 1 : 0;
          row.reason = args.create.reason ?? null;
        }
        rows.set(key, row);
        return row;
      },
    },
  };
  return { prisma, rows };
}

const contextOf = (client: ImapFlow, prisma: unknown, maxMessageBytes = 1000): MessageContext => ({
  client,
  deps: { prisma, settings: {} } as unknown as InboundDeps,
  box: { mailbox: 'antwort@imap.example/INBOX', uidValidity: 1n },
  folders: { processed: 'Stammkunde/Verarbeitet', rejected: 'Stammkunde/Abgelehnt' },
  maxAttempts: 3,
  maxMessageBytes,
});

describe('a message the poller cannot hand over is set aside, never lost and never tried forever', () => {
  const raw = 'From: kunde@kundenmail.example\r\nMessage-ID: <x@kundenmail.example>\r\n\r\nHallo\r\n';

  it('the pipeline failing on it: left in place twice, set aside on the third attempt with the error as the reason', async () => {
    const mailbox = fakeMailbox(raw);
    const database = flakyDatabase();
    const context = contextOf(mailbox.client, database.prisma);
    expect((await settleMessage(context, 7)).status).toBe('retry_later');
    expect((await settleMessage(context, 7)).status).toBe('retry_later');
    expect(mailbox.actions).toEqual([]);

    expect(await settleMessage(context, 7)).toMatchObject({
      status: 'set_aside',
      reason: 'the pipeline failed 3 times: relation "inbound_messages" is locked',
    });
    expect(mailbox.appended).toEqual([
      {
        folder: 'Stammkunde/Abgelehnt',
        content: `${SET_ASIDE_HEADER}: the pipeline failed 3 times: relation "inbound_messages" is locked\r\n${raw}`,
        flags: ['\\Seen', SET_ASIDE_KEYWORD],
      },
    ]);
    expect(mailbox.actions).toEqual(['delete 7']);
    expect(database.rows.get('7')).toMatchObject({ status: 'set_aside', attempts: 3 });
  });

  it('too large to download: flagged and moved as it is, the pipeline never sees it', async () => {
    const mailbox = fakeMailbox(raw, 5000);
    const database = flakyDatabase();
    expect(await settleMessage(contextOf(mailbox.client, database.prisma), 7)).toMatchObject({
      status: 'set_aside',
      reason: 'larger than the limit of 1000 bytes (5000 bytes); not downloaded',
    });
    expect(mailbox.actions).toEqual([`flag 7 \\Seen ${SET_ASIDE_KEYWORD}`, 'move 7 Stammkunde/Abgelehnt']);
  });
});
