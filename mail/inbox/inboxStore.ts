import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import { componentLogger } from '../../config/logger';
import { formatAddress, parseReceivedMail, type Envelope, type ReceivedMail } from '../receivedMail';

const log = componentLogger('mail.inbox.store');

/** The line the list page shows for one message; the full message stays in `<id>.eml`. */
export interface InboxEntry {
  id: string;
  receivedAt: string;
  envelope: Envelope;
  from: string;
  to: string[];
  subject: string;
  messageId: string | null;
}

/** A stored message, parsed again from its .eml file. */
export type InboxMessage = ReceivedMail & { id: string };

const INDEX_FILE = 'index.jsonl';
const ID_PATTERN = /^[0-9]{8}T[0-9]{9}-[0-9a-f]{8}$/;

/**
 * Messages caught by the local inbox, kept in a directory: one `<id>.eml` per message plus
 * `index.jsonl` (one summary line per message, appended), so they survive a restart.
 */
export class InboxStore {
  private constructor(
    readonly dir: string,
    private readonly entries: InboxEntry[],
  ) {}

  static async open(dir: string): Promise<InboxStore> {
    await fs.mkdir(dir, { recursive: true });
    const entries = await readIndex(dir);
    log.debug({ dir, messages: entries.length }, 'inbox opened');
    return new InboxStore(dir, entries);
  }

  /** Newest first; messages received in the same millisecond keep their arrival order. */
  list(): InboxEntry[] {
    return this.entries
      .map((entry, arrival) => ({ entry, arrival }))
      .sort((a, b) => b.entry.receivedAt.localeCompare(a.entry.receivedAt) || b.arrival - a.arrival)
      .map(({ entry }) => entry);
  }

  entry(id: string): InboxEntry | undefined {
    return this.entries.find((e) => e.id === id);
  }

  async add(mail: ReceivedMail): Promise<InboxEntry> {
    const entry = summarize(mail, newId(mail.receivedAt));
    const emlPath = this.emlPath(entry.id);
    await fs.writeFile(`${emlPath}.tmp`, mail.raw, 'utf8');
    await fs.rename(`${emlPath}.tmp`, emlPath);
    await fs.appendFile(path.join(this.dir, INDEX_FILE), `${JSON.stringify(entry)}\n`, 'utf8');
    this.entries.push(entry);
    return entry;
  }

  /** The full message, or undefined for an unknown id. */
  async message(id: string): Promise<InboxMessage | undefined> {
    const entry = this.entry(id);
    if (!entry) return undefined;
    const raw = await fs.readFile(this.emlPath(id));
    const mail = await parseReceivedMail(raw, entry.envelope, new Date(entry.receivedAt));
    return { ...mail, id };
  }

  private emlPath(id: string): string {
    if (!ID_PATTERN.test(id)) throw new Error(`id: "${id}" is not an inbox message id`);
    return path.join(this.dir, `${id}.eml`);
  }
}

export function isInboxId(id: string): boolean {
  return ID_PATTERN.test(id);
}

function newId(receivedAt: string): string {
  const stamp = DateTime.fromISO(receivedAt, { zone: 'utc' }).toFormat("yyyyMMdd'T'HHmmssSSS");
  return `${stamp}-${randomBytes(4).toString('hex')}`;
}

function summarize(mail: ReceivedMail, id: string): InboxEntry {
  return {
    id,
    receivedAt: mail.receivedAt,
    envelope: mail.envelope,
    from: mail.from ? formatAddress(mail.from) : (mail.envelope.from ?? ''),
    to: mail.to.length ? mail.to.map(formatAddress) : mail.envelope.to,
    subject: mail.subject,
    messageId: mail.messageId,
  };
}

/** Reads the index, skipping lines that are damaged or whose .eml file is gone. */
async function readIndex(dir: string): Promise<InboxEntry[]> {
  let text: string;
  try {
    text = await fs.readFile(path.join(dir, INDEX_FILE), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  const present = new Set(await fs.readdir(dir));
  const entries: InboxEntry[] = [];
  for (const [lineNo, line] of text.split('\n').entries()) {
    if (!line.trim()) continue;
    const entry = parseEntry(line);
    if (!entry) {
      log.warn({ dir, line: lineNo + 1 }, 'skipping a damaged inbox index line');
    } else if (present.has(`${entry.id}.eml`)) {
      entries.push(entry);
    }
  }
  return entries;
}

function parseEntry(line: string): InboxEntry | undefined {
  try {
    const value = JSON.parse(line) as Partial<InboxEntry>;
    if (typeof value.id !== 'string' || !ID_PATTERN.test(value.id) || typeof value.receivedAt !== 'string' || !value.envelope) {
      return undefined;
    }
    return value as InboxEntry;
  } catch {
    return undefined;
  }
}
