import nodemailer from 'nodemailer';
import { createApiKey } from '../../api/apiKeys';
import { buildApiApp } from '../../api/buildApp';
import type { InboundDeps } from '../../inbound/pipeline';
import { startInboundEndpoint, type InboundEndpoint } from '../../inbound/smtpEndpoint';
import type { ReceivedMail } from '../../mail/smtpReceiver';
import type { DealershipStack } from './dealershipStack';

/** What the inbound pipeline runs on in a world: its database, Temporal, settings and the test-server clock. */
export const inboundDepsOf = (world: DealershipStack): InboundDeps => ({
  prisma: world.db.prisma,
  client: world.env.client,
  taskQueue: world.engine.taskQueue,
  settings: world.engine.settings,
  clock: async () => new Date(await world.env.currentTimeMs()),
});

/** The dealership's inbound SMTP endpoint on a free port, fed by the same world. */
export async function openInboundEndpoint(world: DealershipStack, maxMessageBytes?: number): Promise<InboundEndpoint> {
  return startInboundEndpoint(inboundDepsOf(world), { port: 0, ...(maxMessageBytes ? { maxMessageBytes } : {}) });
}

/** What a remote mail server does: one SMTP transaction with this raw message. Resolves with the server's reply. */
export async function deliverRaw(
  endpoint: InboundEndpoint,
  raw: string | Buffer,
  envelope: { from: string; to: string[] },
): Promise<string> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: endpoint.port, secure: false, ignoreTLS: true, logger: false });
  try {
    const info = await transport.sendMail({ envelope, raw });
    return info.response;
  } finally {
    transport.close();
  }
}

const CRLF = '\r\n';
const headersOf = (mail: ReceivedMail) =>
  `Message-ID: ${mail.messageId}${CRLF}From: ${mail.headers['from']}${CRLF}To: ${mail.headers['to']}${CRLF}Subject: ${mail.subject}${CRLF}Return-Path: <${mail.envelope.from}>${CRLF}`;

/** An RFC 3464 DSN from the recipient's provider, sent to the message's envelope sender (the VERP address). */
export function deliveryStatusNotification(
  mail: ReceivedMail,
  options: { status: string; action?: string; messageId?: string; includeOriginal?: boolean },
) {
  const recipient = mail.envelope.to[0];
  const boundary = 'dsn-boundary-1';
  const raw = [
    'From: Mail Delivery System <MAILER-DAEMON@mx.kundenmail.example>',
    `To: ${mail.envelope.from}`,
    `Subject: Undelivered Mail Returned to Sender`,
    `Message-ID: ${options.messageId ?? `<dsn-${options.status}-${Math.abs(hash(mail.messageId ?? ''))}@mx.kundenmail.example>`}`,
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'This is the mail system at host mx.kundenmail.example. Your message could not be delivered.',
    '',
    `--${boundary}`,
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.kundenmail.example',
    'Arrival-Date: Tue, 2 Mar 2027 10:00:05 +0100',
    '',
    `Final-Recipient: rfc822; ${recipient}`,
    `Original-Recipient: rfc822; ${recipient}`,
    `Action: ${options.action ?? 'failed'}`,
    `Status: ${options.status}`,
    `Diagnostic-Code: smtp; 550 ${options.status} <${recipient}>: Recipient address rejected: User unknown`,
    '',
    ...(options.includeOriginal === false ? [] : [`--${boundary}`, 'Content-Type: text/rfc822-headers', '', headersOf(mail)]),
    `--${boundary}--`,
    '',
  ].join(CRLF);
  return { raw, envelope: { from: '', to: [mail.envelope.from!] } };
}

/** An RFC 5965 ARF report from a mailbox provider's feedback loop ("this is spam"), about `mail`. */
export function complaintReport(mail: ReceivedMail, options: { feedbackType?: string; originalMailFrom?: string } = {}) {
  const boundary = 'arf-boundary-1';
  const raw = [
    'From: Feedback Loop <fbl@feedback.kundenmail.example>',
    'To: fbl@autohaus-berger.example',
    'Subject: Abuse report',
    `Message-ID: <arf-${Math.abs(hash(mail.messageId ?? ''))}@feedback.kundenmail.example>`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=feedback-report; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain',
    '',
    'This is an email abuse report for an email message received from IP 192.0.2.1.',
    '',
    `--${boundary}`,
    'Content-Type: message/feedback-report',
    '',
    `Feedback-Type: ${options.feedbackType ?? 'abuse'}`,
    'User-Agent: KundenmailFBL/1.0',
    'Version: 1',
    `Original-Mail-From: <${options.originalMailFrom ?? mail.envelope.from}>`,
    `Original-Rcpt-To: <${mail.envelope.to[0]}>`,
    'Arrival-Date: Tue, 2 Mar 2027 10:00:05 +0100',
    '',
    `--${boundary}`,
    'Content-Type: message/rfc822',
    '',
    headersOf(mail),
    'Der Inhalt der Nachricht.',
    `--${boundary}--`,
    '',
  ].join(CRLF);
  return { raw, envelope: { from: '', to: ['fbl@autohaus-berger.example'] } };
}

/** The customer hits "reply" in their mail program: to the Reply-To, In-Reply-To and References our Message-ID. */
export function customerReply(
  mail: ReceivedMail,
  text: string,
  options: { from?: string; extraHeaders?: string[]; subject?: string; messageId?: string; attachment?: Buffer } = {},
) {
  const from = options.from ?? mail.envelope.to[0];
  const replyTo = mail.headers['reply-to'] ?? mail.headers['from'];
  const boundary = 'reply-boundary-1';
  const body = options.attachment
    ? [
        'MIME-Version: 1.0',
        `Content-Type: multipart/mixed; boundary="${boundary}"`,
        '',
        `--${boundary}`,
        'Content-Type: text/plain; charset=utf-8',
        '',
        text,
        '',
        `--${boundary}`,
        'Content-Type: application/pdf; name="fahrzeugschein.pdf"',
        'Content-Transfer-Encoding: base64',
        'Content-Disposition: attachment; filename="fahrzeugschein.pdf"',
        '',
        options.attachment.toString('base64').replace(/.{76}/g, `$&${CRLF}`),
        `--${boundary}--`,
      ]
    : [
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: 8bit',
        '',
        text,
        '',
        `Am 2. März 2027 schrieb ${mail.headers['from']}:`,
        `> ${mail.subject}`,
      ];
  const raw = [
    `From: ${from}`,
    `To: ${replyTo}`,
    `Subject: ${options.subject ?? `AW: ${mail.subject}`}`,
    `Message-ID: ${options.messageId ?? `<reply-${Math.abs(hash(`${mail.messageId}${text}`))}@kundenmail.example>`}`,
    `In-Reply-To: ${mail.messageId}`,
    `References: ${mail.messageId}`,
    ...(options.extraHeaders ?? []),
    ...body,
    '',
  ].join(CRLF);
  return { raw, envelope: { from, to: [/<([^>]+)>/.exec(replyTo)?.[1] ?? replyTo] } };
}

function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(31, h) + text.charCodeAt(i)) | 0;
  return h;
}

/** GET /reports/kpi through the real API (fastify inject), with a key bound to the dealership. */
export async function kpiReport(
  world: DealershipStack,
): Promise<{ mail: { complaintRateLimit: number; weeks: Array<Record<string, unknown>> } }> {
  const app = buildApiApp({
    prisma: world.db.prisma,
    client: world.env.client,
    taskQueue: world.engine.taskQueue,
    settings: world.engine.settings,
    logger: false,
  });
  try {
    const key = await createApiKey(world.db.prisma, { name: `KPI ${Date.now()}`, dealerId: world.dealership.dealer.id });
    const address = await app.listen({ port: 0, host: '127.0.0.1' });
    const response = await fetch(`${address}/reports/kpi`, { headers: { authorization: `Bearer ${key.key}` } });
    if (response.status !== 200) throw new Error(`GET /reports/kpi answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as Awaited<ReturnType<typeof kpiReport>>;
  } finally {
    await app.close();
  }
}
