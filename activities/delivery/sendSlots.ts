import type { MailTransport } from '../../mail/transport';

/**
 * How many messages may be between "claimed in the outbox" and "answered by SMTP" at once.
 * A claimed row that the process dies with is never re-sent (marketing is at most once), so a
 * message must not be claimed while it would only wait in the transport's queue for a free
 * connection: with one slot per pooled SMTP connection, a crash leaves at most that many in doubt.
 */
export type SendSlots = { run<T>(work: () => Promise<T>): Promise<T> };

export function createSendSlots(size: number): SendSlots {
  if (!Number.isInteger(size) || size < 1) throw new Error(`send slots: size must be a positive whole number, got ${size}`);
  let free = size;
  const waiting: Array<() => void> = [];
  return {
    async run(work) {
      if (free > 0) free -= 1;
      else await new Promise<void>((resolve) => waiting.push(resolve));
      try {
        return await work();
      } finally {
        const next = waiting.shift();
        if (next) next();
        else free += 1;
      }
    },
  };
}

/** The number of parallel connections of a pooled nodemailer transport (nodemailer's default is 5). */
export function smtpPoolSize(transport: MailTransport): number {
  const options = (transport.transporter as { options?: { maxConnections?: number } }).options;
  return options?.maxConnections ?? 5;
}
