/**
 * A rate limit as a token bucket holding one token: the n-th message may start no earlier than
 * start + n / rate. `startAt` (epoch ms) carries the schedule over from the previous batch, so the
 * gap between batches does not add a burst. Waiting calls `whileWaiting` (the activity heartbeat).
 */
export type Pacer = { take(): Promise<void>; nextAt(): number };

export function createPacer(ratePerSecond: number | undefined, whileWaiting: () => void = () => undefined, startAt = 0): Pacer {
  if (ratePerSecond === undefined) return { take: async () => undefined, nextAt: () => 0 };
  if (!(ratePerSecond > 0)) throw new Error(`ratePerSecond: must be a positive number, got ${ratePerSecond}`);
  const interval = 1000 / ratePerSecond;
  // A schedule from the past would allow a burst; one more than an interval ahead is a clock jump.
  let next = Math.min(Math.max(startAt, Date.now() - interval), Date.now() + interval);
  return {
    async take() {
      const at = Math.max(Date.now(), next);
      next = at + interval;
      for (let wait = at - Date.now(); wait > 0; wait = at - Date.now()) {
        whileWaiting();
        await new Promise((resolve) => setTimeout(resolve, Math.min(wait, 5000)));
      }
    },
    nextAt: () => next,
  };
}
