import crypto from 'node:crypto';
import PostalMime from 'postal-mime';

/** One MIME part of a report (message/delivery-status, message/feedback-report, the original message …). */
export type InboundPart = { mimeType: string; content: Buffer };

/** An incoming message as the pipeline reads it: headers, the parts reports need, a text snippet. */
export type InboundMail = {
  /** Header values by lower-case name; repeated headers joined with a newline. */
  headers: Record<string, string>;
  /** The top-level media type, lower-case (multipart/report …), and its report-type parameter. */
  contentType: string;
  reportType?: string;
  fromAddress?: string;
  subject: string;
  messageId?: string;
  /** Message-IDs this one answers (In-Reply-To, then References), with angle brackets. */
  referencedIds: string[];
  text: string;
  parts: InboundPart[];
  sizeBytes: number;
  /** `mid:<Message-ID>`, else `sha256:<hash of the raw bytes>`. */
  dedupeKey: string;
};

const MESSAGE_ID = /<[^<>\s]{1,250}>/g;

/** Parses with postal-mime; a message it cannot read at all comes back as `{ malformed: reason }`, never as a throw. */
export async function parseInbound(raw: Buffer): Promise<InboundMail | { malformed: string; dedupeKey: string; sizeBytes: number }> {
  const sizeBytes = raw.length;
  const hashKey = `sha256:${crypto.createHash('sha256').update(raw).digest('hex')}`;
  let email: Awaited<ReturnType<typeof PostalMime.parse>>;
  try {
    email = await PostalMime.parse(raw, { attachmentEncoding: 'arraybuffer' });
  } catch (error) {
    return { malformed: `MIME parser failed: ${String((error as Error)?.message ?? error).slice(0, 200)}`, dedupeKey: hashKey, sizeBytes };
  }
  const headers: Record<string, string> = Object.create(null);
  for (const header of email.headers ?? []) {
    let value = header.value;
    try {
      value = PostalMime.decodeWords(header.value);
    } catch {
      // keep the encoded form
    }
    headers[header.key] = Object.hasOwn(headers, header.key) ? `${headers[header.key]}\n${value}` : value;
  }
  if (!headers['from'] && !headers['content-type'] && !headers['message-id']) {
    return { malformed: 'no email headers (From, Content-Type, Message-ID) found', dedupeKey: hashKey, sizeBytes };
  }
  const contentTypeHeader = headers['content-type'] ?? 'text/plain';
  const contentType = contentTypeHeader.split(';')[0].trim().toLowerCase();
  const reportType = /report-type\s*=\s*"?([\w-]+)"?/i.exec(contentTypeHeader)?.[1]?.toLowerCase();
  const messageId = (headers['message-id'] ?? '').match(MESSAGE_ID)?.[0];
  const referencedIds = [...(headers['in-reply-to'] ?? '').matchAll(MESSAGE_ID), ...(headers['references'] ?? '').matchAll(MESSAGE_ID)].map(
    (m) => m[0],
  );
  const parts = (email.attachments ?? []).map((a) => ({
    mimeType: (a.mimeType ?? '').toLowerCase(),
    content: Buffer.from(typeof a.content === 'string' ? a.content : new Uint8Array(a.content as ArrayBuffer)),
  }));
  const fromAddress = email.from?.address?.trim().toLowerCase() || undefined;
  return {
    headers: { ...headers },
    contentType,
    reportType,
    fromAddress: fromAddress && /^[^@\s]+@[^@\s]+$/.test(fromAddress) ? fromAddress : undefined,
    subject: (email.subject ?? '').slice(0, 500),
    messageId,
    referencedIds: [...new Set(referencedIds)].slice(0, 50),
    text: (email.text ?? '').slice(0, 20_000),
    parts,
    sizeBytes,
    dedupeKey: messageId ? `mid:${messageId.slice(0, 300)}` : hashKey,
  };
}

/** A message/rfc822 or text/rfc822-headers part's headers (the original message inside a report). */
export async function originalHeaders(part: InboundPart): Promise<Record<string, string>> {
  try {
    const email = await PostalMime.parse(part.content);
    const headers: Record<string, string> = Object.create(null);
    for (const header of email.headers ?? []) headers[header.key] ??= header.value;
    return { ...headers };
  } catch {
    return {};
  }
}

/**
 * The fields of a report part (RFC 3464 / RFC 5965): blocks separated by blank lines, each a list of
 * `Name: value` lines with folded continuations. Names are lower-cased.
 */
export function reportFieldBlocks(content: Buffer | string): Array<Record<string, string>> {
  const text = content.toString().replace(/\r\n/g, '\n');
  return text
    .split(/\n\s*\n/)
    .map((block) => {
      const fields: Record<string, string> = Object.create(null);
      let last: string | undefined;
      for (const line of block.split('\n')) {
        if (/^\s/.test(line) && last) fields[last] += ` ${line.trim()}`;
        else {
          const match = /^([A-Za-z0-9-]+)\s*:\s*(.*)$/.exec(line);
          if (!match) continue;
          last = match[1].toLowerCase();
          fields[last] = fields[last] ? `${fields[last]}\n${match[2].trim()}` : match[2].trim();
        }
      }
      return { ...fields };
    })
    .filter((fields) => Object.keys(fields).length > 0);
}
