import { originalHeaders, reportFieldBlocks, type InboundMail } from './parseInbound';

/** What a report says about the message it reports on: its Message-ID and our envelope sender, if present. */
export type OriginalRef = { messageId?: string; envelopeFrom?: string };

export type DeliveryStatus = {
  kind: 'dsn';
  /** The per-recipient result that decides: the first failed recipient, else the first one. */
  action: string;
  status: string;
  finalRecipient?: string;
  original: OriginalRef;
};

export type FeedbackReport = { kind: 'arf'; feedbackType: string; originalRcptTo?: string; original: OriginalRef };

const STATUS = /^[245]\.\d{1,3}\.\d{1,3}$/;
const ORIGINAL_TYPES = ['message/rfc822', 'text/rfc822-headers', 'message/global', 'message/global-headers'];
const angled = (value: string | undefined) => value?.match(/<[^<>\s]+>/)?.[0];
/** `rfc822; kunde@example.de` → `kunde@example.de`. */
const addressField = (value: string | undefined) => value?.split(';').pop()?.trim().replace(/^<|>$/g, '').toLowerCase() || undefined;

async function originalOf(mail: InboundMail): Promise<OriginalRef> {
  const part = mail.parts.find((p) => ORIGINAL_TYPES.includes(p.mimeType));
  if (!part) return {};
  const headers = await originalHeaders(part);
  return { messageId: angled(headers['message-id']), envelopeFrom: addressField(headers['return-path']) };
}

/** An RFC 3464 delivery status notification, or undefined when the message is none (or unreadable as one). */
export async function readDeliveryStatus(mail: InboundMail): Promise<DeliveryStatus | undefined> {
  const part = mail.parts.find((p) => p.mimeType === 'message/delivery-status' || p.mimeType === 'message/global-delivery-status');
  if (!part) return undefined;
  const recipients = reportFieldBlocks(part.content).filter((block) => block['action'] && block['status']);
  const decisive = recipients.find((r) => r['action'].toLowerCase() === 'failed') ?? recipients[0];
  if (!decisive) return undefined;
  const status = /\d\.\d{1,3}\.\d{1,3}/.exec(decisive['status'])?.[0] ?? '';
  if (!STATUS.test(status)) return undefined;
  return {
    kind: 'dsn',
    action: decisive['action'].toLowerCase().trim(),
    status,
    finalRecipient: addressField(decisive['final-recipient']),
    original: await originalOf(mail),
  };
}

/** An RFC 5965 feedback report (ARF), or undefined. */
export async function readFeedbackReport(mail: InboundMail): Promise<FeedbackReport | undefined> {
  const part = mail.parts.find((p) => p.mimeType === 'message/feedback-report');
  if (!part) return undefined;
  const fields = Object.assign({}, ...reportFieldBlocks(part.content)) as Record<string, string>;
  const feedbackType = fields['feedback-type']?.trim().toLowerCase();
  if (!feedbackType || !/^[a-z-]{1,40}$/.test(feedbackType)) return undefined;
  const original = await originalOf(mail);
  return {
    kind: 'arf',
    feedbackType,
    originalRcptTo: addressField(fields['original-rcpt-to']),
    original: { ...original, envelopeFrom: addressField(fields['original-mail-from']) ?? original.envelopeFrom },
  };
}

/** Hard: a permanent failure (5.x.x). Soft: a temporary one (4.x.x). Anything else reports a delay or a success. */
export function bounceClass(dsn: DeliveryStatus): 'hard' | 'soft' | 'report' {
  if (dsn.action !== 'failed') return 'report';
  return dsn.status.startsWith('5.') ? 'hard' : dsn.status.startsWith('4.') ? 'soft' : 'report';
}
