import type { DeliveryFaults } from '../../activities/delivery/sendThroughOutbox';

export type CrashPoint = keyof Required<DeliveryFaults>;

/** The error a simulated crash throws, so a test can tell it from a real failure. */
export class SimulatedCrash extends Error {
  constructor(point: CrashPoint, idempotencyKey: string) {
    super(`simulated crash ${point} for ${idempotencyKey}`);
    this.name = 'SimulatedCrash';
  }
}

/**
 * The delivery fault seams, armed per message: `crashOnce('afterSmtpAccepted', key)` makes the next
 * attempt for that idempotency key die right after SMTP said 250; the retry after it runs normally.
 * Messages that are not armed are never touched, so one worker can serve every scenario.
 */
export function crashPoints() {
  const armed: Record<CrashPoint, Set<string>> = { afterSmtpAccepted: new Set(), afterOutboxSent: new Set() };
  const seam = (point: CrashPoint) => (idempotencyKey: string) => {
    if (armed[point].delete(idempotencyKey)) throw new SimulatedCrash(point, idempotencyKey);
  };
  const faults: Required<DeliveryFaults> = { afterSmtpAccepted: seam('afterSmtpAccepted'), afterOutboxSent: seam('afterOutboxSent') };
  return {
    faults,
    crashOnce(point: CrashPoint, idempotencyKey: string) {
      armed[point].add(idempotencyKey);
    },
    /** True while an armed crash has not fired yet. */
    pending: (point: CrashPoint, idempotencyKey: string) => armed[point].has(idempotencyKey),
  };
}
