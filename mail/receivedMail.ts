import PostalMime from 'postal-mime';

/** One address as it appears in a header: `Autohaus Müller <service@autohaus.example>`. */
export interface MailAddress {
  name: string;
  address: string;
}

/** A message as a receiving server saw it: the SMTP envelope plus the parsed content. */
export interface ReceivedMail {
  /** Addresses from MAIL FROM / RCPT TO: who the message was really delivered to. */
  envelope: { from: string | null; to: string[] };
  subject: string;
  from: MailAddress | null;
  to: MailAddress[];
  cc: MailAddress[];
  /** The Date header as ISO 8601 (or as written, if it does not parse). */
  date: string | null;
  /** The Message-ID header including its angle brackets. */
  messageId: string | null;
  /** Every header by lowercased name, encoded words decoded; repeated headers joined with a newline. */
  headers: Record<string, string>;
  html: string | null;
  text: string | null;
  /** The message exactly as received. */
  raw: string;
  /** ISO 8601 instant the receiver accepted the message. */
  receivedAt: string;
}

export interface Envelope {
  from: string | null;
  to: string[];
}

export async function parseReceivedMail(raw: Buffer, envelope: Envelope, receivedAt: Date): Promise<ReceivedMail> {
  const email = await PostalMime.parse(raw);
  return {
    envelope: { from: envelope.from, to: [...envelope.to] },
    subject: email.subject ?? '',
    from: email.from ? (flattenAddresses([email.from])[0] ?? null) : null,
    to: flattenAddresses(email.to ?? []),
    cc: flattenAddresses(email.cc ?? []),
    date: email.date ?? null,
    messageId: email.messageId ?? null,
    headers: headerMap(email.headers),
    html: email.html ?? null,
    text: email.text ?? null,
    raw: raw.toString('utf8'),
    receivedAt: receivedAt.toISOString(),
  };
}

/** `Name <address>`, or just the address when there is no name. */
export function formatAddress(address: MailAddress): string {
  return address.name ? `${address.name} <${address.address}>` : address.address;
}

function flattenAddresses(addresses: PostalMime.Address[]): MailAddress[] {
  return addresses.flatMap((a) => (a.group ? a.group : [a])).map((m) => ({ name: m.name, address: m.address }));
}

function headerMap(headers: PostalMime.Header[]): Record<string, string> {
  // No prototype: a header named "constructor" or "__proto__" is just a header.
  const map: Record<string, string> = Object.create(null);
  for (const header of headers) {
    const value = PostalMime.decodeWords(header.value);
    map[header.key] = Object.hasOwn(map, header.key) ? `${map[header.key]}\n${value}` : value;
  }
  return { ...map };
}
