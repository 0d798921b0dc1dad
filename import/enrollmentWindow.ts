/**
 * The import's lifecycle enrollments run concurrently, at most `limit` at a time, while rows are still read and
 * upserted in file order. Two guarantees of the old one-at-a-time import stay:
 *
 * - one customer's events reach its workflow in file order: each customer has a chain, and its next enrollment
 *   starts only once the previous one has settled (customers that differ run side by side);
 * - the file does not run ahead: `submit` resolves only once the task holds one of the `limit` slots, so an import
 *   of 100,000 rows holds at most `limit` pending enrollments, however slow Temporal answers.
 *
 * A task counts against the window from `submit` until it settles, also while it waits behind its customer's chain.
 */
export type EnrollmentWindow = {
  /** Queues `task` behind the customer's earlier tasks; resolves once a slot is free (not when the task is done). */
  submit(customerId: string, task: () => Promise<void>): Promise<void>;
  /** Resolves once every submitted task has settled; rejects with the first error a task threw (tasks should not). */
  settled(): Promise<void>;
};

export const DEFAULT_ENROLL_CONCURRENCY = 64;

export function enrollmentWindow(limit: number = DEFAULT_ENROLL_CONCURRENCY): EnrollmentWindow {
  if (!Number.isInteger(limit) || limit < 1) throw new Error(`enrollment concurrency must be a whole number ≥ 1, not ${limit}`);
  let inFlight = 0;
  let firstError: unknown;
  const slotWaiters: Array<() => void> = [];
  const idleWaiters: Array<() => void> = [];
  /** The last task of each customer with one still pending; removed once that task settles. */
  const tails = new Map<string, Promise<void>>();

  const release = () => {
    inFlight--;
    slotWaiters.shift()?.();
    if (inFlight === 0) for (const wake of idleWaiters.splice(0)) wake();
  };

  return {
    async submit(customerId, task) {
      while (inFlight >= limit) await new Promise<void>((wake) => slotWaiters.push(wake));
      inFlight++;
      const previous = tails.get(customerId) ?? Promise.resolve();
      const link: Promise<void> = previous
        .then(task)
        .catch((error: unknown) => {
          firstError ??= error;
        })
        .finally(() => {
          if (tails.get(customerId) === link) tails.delete(customerId);
          release();
        });
      tails.set(customerId, link);
    },
    async settled() {
      if (inFlight > 0) await new Promise<void>((wake) => idleWaiters.push(wake));
      if (firstError !== undefined) throw firstError;
    },
  };
}
