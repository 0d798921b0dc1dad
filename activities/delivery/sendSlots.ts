import type { MailTransport } from '../../mail/transport';

/**
 * How many messages may be between "claimed in the outbox" and "answered by SMTP" at once.
 * A claimed row that the process dies with is never re-sent (marketing is at most once), so the
 * slots bound what a crash can leave in doubt. Campaign and staff messages get one slot per pooled
 * SMTP connection (never claimed just to wait in the transport's queue); newsletters trade a larger
 * bound for throughput (newsletterSlotCount below).
 */
export type SendSlots = {
  readonly size: number;
  run<T>(work: () => Promise<T>): Promise<T>;
  /**
   * Holds `count` slots at once (taken together, first come first served, so two holders never
   * wait on each other's half) while `work` runs: a newsletter wave claims and sends that many.
   */
  hold<T>(count: number, work: () => Promise<T>): Promise<T>;
};

export function createSendSlots(size: number): SendSlots {
  if (!Number.isInteger(size) || size < 1) throw new Error(`send slots: size must be a positive whole number, got ${size}`);
  let free = size;
  const waiting: Array<{ count: number; grant: () => void }> = [];
  const grantWaiting = () => {
    while (waiting.length > 0 && waiting[0].count <= free) {
      const next = waiting.shift()!;
      free -= next.count;
      next.grant();
    }
  };
  const hold = async <T>(count: number, work: () => Promise<T>): Promise<T> => {
    if (!Number.isInteger(count) || count < 1 || count > size)
      throw new Error(`send slots: count must be a whole number from 1 to ${size}, got ${count}`);
    if (waiting.length === 0 && free >= count) free -= count;
    else await new Promise<void>((grant) => waiting.push({ count, grant }));
    try {
      return await work();
    } finally {
      free += count;
      grantWaiting();
    }
  };
  return { size, run: (work) => hold(1, work), hold };
}

/** The number of parallel SMTP connections of the transport. */
export const smtpPoolSize = (transport: MailTransport): number => transport.poolSize;

/**
 * Newsletter waves a batch keeps on the wire at once: the next wave is claimed while the earlier
 * ones are still being answered, so the connections do not idle during a claim (measured in
 * bench/newsletterBench.ts on the 2-core machine: three waves beat two by about a fifth, four beat
 * three by another sixth).
 */
export const WAVES_IN_FLIGHT = 4;

/** A newsletter wave: twice the pool, so each connection has its next message queued behind the current one. */
export const newsletterWaveSize = (transport: MailTransport): number => 2 * smtpPoolSize(transport);

/**
 * Newsletter messages claimed and not yet answered at once, across all batches of a worker
 * (WAVES_IN_FLIGHT waves): the most a crash in the middle of a newsletter can leave in doubt.
 */
export const newsletterSlotCount = (transport: MailTransport): number => WAVES_IN_FLIGHT * newsletterWaveSize(transport);
