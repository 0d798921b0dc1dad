import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SMTPPoolOptions } from 'nodemailer';
import type { DkimKey } from './dkim';

/** What the sender thread reports for an accepted message (nodemailer's info, minus what cannot cross threads). */
export interface ThreadSentInfo {
  messageId: string;
  serverMessageId?: string;
  accepted: string[];
  rejected: string[];
  response: string;
}

type PlainError = { name: string; message: string } & Record<string, unknown>;
type Reply = { id: number; info?: ThreadSentInfo; error?: PlainError };

export interface SenderThread {
  /** Hands one message (nodemailer mail options) to the thread's SMTP pool; rejects with the thread's error, fields intact. */
  send(mail: object): Promise<ThreadSentInfo>;
  /** Closes the pool; the thread ends when its connections are closed. */
  close(): void;
}

/** Rebuilds the thread's error on this side: same message and fields, so classifySmtpError reads it as nodemailer's own. */
function errorFrom(plain: PlainError): Error {
  const { name, message, ...fields } = plain;
  return Object.assign(new Error(message), { name }, fields);
}

/**
 * Starts the SMTP sender thread (mail/smtpSenderThread.js) with these pool options and DKIM keys. The thread keeps
 * the process alive only while a message is on its way; a thread that dies fails what it held with
 * ECONNECTION, which the outbox treats like a dropped connection.
 */
export function startSenderThread(poolOptions: SMTPPoolOptions, dkimKeys: DkimKey[] = []): SenderThread {
  const worker = new Worker(path.join(__dirname, 'smtpSenderThread.js'), { workerData: { poolOptions, dkimKeys } });
  worker.unref();
  const pending = new Map<number, { resolve: (info: ThreadSentInfo) => void; reject: (error: Error) => void }>();
  let nextId = 0;
  let stopped: Error | undefined;

  const settle = (id: number) => {
    const waiter = pending.get(id);
    pending.delete(id);
    if (pending.size === 0) worker.unref();
    return waiter;
  };
  const failAll = (error: Error) => {
    stopped ??= error;
    for (const id of [...pending.keys()]) settle(id)?.reject(error);
  };
  worker.on('message', (reply: Reply) => {
    const waiter = settle(reply.id);
    if (reply.error) waiter?.reject(errorFrom(reply.error));
    else waiter?.resolve(reply.info!);
  });
  worker.on('error', (error) => failAll(Object.assign(new Error(`SMTP sender thread failed: ${error.message}`), { code: 'ECONNECTION' })));
  worker.on('exit', (exitCode) =>
    failAll(Object.assign(new Error(`SMTP sender thread stopped (exit code ${exitCode})`), { code: 'ECONNECTION' })),
  );

  return {
    send(mail) {
      if (stopped) return Promise.reject(stopped);
      const id = ++nextId;
      return new Promise<ThreadSentInfo>((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.ref();
        try {
          worker.postMessage({ type: 'send', id, mail });
        } catch (error) {
          settle(id); // e.g. a value that cannot cross threads: this message fails, the thread goes on
          reject(error);
        }
      });
    },
    close() {
      if (!stopped) worker.postMessage({ type: 'close' });
    },
  };
}
