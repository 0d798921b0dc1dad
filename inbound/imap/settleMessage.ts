import type { ImapFlow } from 'imapflow';
import { componentLogger } from '../../config/logger';
import { processInbound, type InboundDeps, type ProcessedInbound } from '../pipeline';
import { recordFailedAttempt, recordSettled, type MailboxIdentity } from './imapBookkeeping';

const log = componentLogger('inbound.imap');

/** The IMAP keyword on a message set aside (mail programs can show or filter by it). */
export const SET_ASIDE_KEYWORD = 'StammkundeAbgelehnt';
/** The header the set-aside copy carries, with the reason. */
export const SET_ASIDE_HEADER = 'X-Stammkunde-Abgelehnt';

export type MessageContext = {
  client: ImapFlow;
  deps: InboundDeps;
  box: MailboxIdentity;
  /** Server paths of the folders; no processed folder: processed messages stay, marked \Seen. */
  folders: { processed?: string; rejected: string };
  maxAttempts: number;
  maxMessageBytes: number;
};

export type Settled =
  | { uid: number; status: 'processed'; result: ProcessedInbound }
  | { uid: number; status: 'set_aside'; reason: string; result?: ProcessedInbound }
  | { uid: number; status: 'retry_later'; reason: string }
  | { uid: number; status: 'gone' };

/**
 * One message of the selected mailbox through the inbound pipeline (the same processInbound as the SMTP
 * endpoint), then out of the way: \Seen and moved to the processed folder, or set aside with the reason.
 * The mailbox is changed before the bookkeeping row is written: if the connection drops in between, the
 * message is fetched again, and the pipeline's Message-ID dedupe makes the second pass a no-op.
 * Throws only when the database fails (the poll stops and runs again later).
 */
export async function settleMessage(context: MessageContext, uid: number): Promise<Settled> {
  const { client, deps } = context;
  const head = await client.fetchOne(String(uid), { uid: true, size: true }, { uid: true });
  if (!head) return { uid, status: 'gone' };
  if ((head.size ?? 0) > context.maxMessageBytes) {
    return setAside(context, uid, `larger than the limit of ${context.maxMessageBytes} bytes (${head.size} bytes); not downloaded`);
  }
  const message = await client.fetchOne(String(uid), { uid: true, source: true }, { uid: true });
  if (!message || !message.source) return { uid, status: 'gone' };
  const raw = message.source;

  let result: ProcessedInbound;
  try {
    result = await processInbound(deps, raw, { source: 'imap' });
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    const attempts = await recordFailedAttempt(deps.prisma, context.box, uid, text);
    log.warn({ err: error, uid, attempts, maxAttempts: context.maxAttempts }, 'the inbound pipeline failed on an IMAP message');
    if (attempts >= context.maxAttempts) return setAside(context, uid, `the pipeline failed ${attempts} times: ${text}`, raw);
    return { uid, status: 'retry_later', reason: text };
  }
  if (result.kind === 'malformed') return setAside(context, uid, result.reason ?? 'malformed', raw, result);

  await client.messageFlagsAdd(String(uid), ['\\Seen'], { uid: true });
  if (context.folders.processed) await client.messageMove(String(uid), context.folders.processed, { uid: true });
  await recordSettled(deps.prisma, context.box, uid, { status: 'processed', inboundId: result.id });
  return { uid, status: 'processed', result };
}

/**
 * Out of the inbox, never lost: with the raw message at hand, a copy with the reason in a header goes
 * to the rejected folder and the original is deleted; without (too large to download), the original moves.
 */
async function setAside(context: MessageContext, uid: number, reason: string, raw?: Buffer, result?: ProcessedInbound): Promise<Settled> {
  const { client } = context;
  const flags = ['\\Seen', SET_ASIDE_KEYWORD];
  if (raw) {
    const header = Buffer.from(`${SET_ASIDE_HEADER}: ${headerSafe(reason)}\r\n`, 'ascii');
    const copied = await client.append(context.folders.rejected, Buffer.concat([header, raw]), flags);
    if (!copied) throw new Error(`could not append to ${context.folders.rejected}`);
    await client.messageDelete(String(uid), { uid: true });
  } else {
    await client.messageFlagsAdd(String(uid), flags, { uid: true });
    await client.messageMove(String(uid), context.folders.rejected, { uid: true });
  }
  await recordSettled(context.deps.prisma, context.box, uid, { status: 'set_aside', reason, ...(result ? { inboundId: result.id } : {}) });
  log.warn({ uid, folder: context.folders.rejected, reason }, 'IMAP message set aside');
  return { uid, status: 'set_aside', reason, ...(result ? { result } : {}) };
}

/** One header line of printable ASCII. */
const headerSafe = (text: string) =>
  text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/[^\x20-\x7e]/g, '?')
    .slice(0, 900);
