'use strict';
/**
 * The SMTP sender thread: owns one pooled nodemailer transport and sends what the main thread
 * posts to it. MIME building, quoted-printable encoding and the socket writes — about half of the
 * worker's CPU per newsletter message — run here, on the machine's other core, while the main thread
 * queries PostgreSQL and renders the next messages.
 *
 * Plain JavaScript so that it loads in a worker thread without a TypeScript loader (tsx, ts-jest).
 * The protocol (see senderThreadClient.ts):
 *   in:  { type: 'send', id, mail }   |  { type: 'close' }
 *   out: { id, info }  |  { id, error: { name, message, code, responseCode, command, response, ... } }
 */
const { parentPort, workerData } = require('node:worker_threads');
const nodemailer = require('nodemailer');

const transport = nodemailer.createTransport(workerData.poolOptions);

/** DKIM keys by lower-case domain: a message is signed with the key of its From domain (nodemailer's `dkim` option). */
const dkimByDomain = new Map((workerData.dkimKeys || []).map((key) => [key.domainName, key]));

function dkimFor(from) {
  const address = /<([^<>\s]+)>\s*$/.exec(String(from))?.[1] ?? String(from);
  const domain = address
    .slice(address.lastIndexOf('@') + 1)
    .trim()
    .toLowerCase();
  return dkimByDomain.get(domain);
}

/** What survives postMessage of a nodemailer/Node error: its message and every plain field classifySmtpError reads. */
function plainError(error) {
  const plain = { name: String(error && error.name), message: String(error && error.message) };
  if (!error || typeof error !== 'object') return plain;
  for (const key of Object.keys(error)) {
    const value = error[key];
    const isPlain = (v) => v === null || ['string', 'number', 'boolean'].includes(typeof v);
    if (isPlain(value) || (Array.isArray(value) && value.every(isPlain))) plain[key] = value;
  }
  return plain;
}

/** The sent-message info without anything postMessage cannot carry. */
function plainInfo(info) {
  const { messageId, serverMessageId, envelope, accepted, rejected, pending, response } = info;
  return { messageId, serverMessageId, envelope, accepted: accepted.map(String), rejected: rejected.map(String), pending, response };
}

parentPort.on('message', (message) => {
  if (message.type === 'close') {
    transport.close();
    parentPort.close();
    return;
  }
  // Quoted-printable, as nodemailer would choose for our mostly-Latin texts, without scanning every message to decide.
  const dkim = dkimByDomain.size > 0 ? dkimFor(message.mail.from) : undefined;
  transport.sendMail({ textEncoding: 'quoted-printable', ...message.mail, ...(dkim ? { dkim } : {}) }).then(
    (info) => parentPort.postMessage({ id: message.id, info: plainInfo(info) }),
    (error) => parentPort.postMessage({ id: message.id, error: plainError(error) }),
  );
});
