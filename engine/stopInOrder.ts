import { componentLogger } from '../config/logger';

const log = componentLogger('engine');

/** A step of the engine's stop, named for the person at the terminal ("closingTheApi" → "closing the API"). */
export type StopStep = (() => Promise<unknown>) & {
  /** What the step is waiting for, told with each "still …" line (e.g. the worker's activities in flight). */
  status?: () => string;
};

export type StopOptions = {
  /** A line for the terminal. */
  say: (line: string) => void;
  /** How often a step that has not finished is named again (default 5 s). */
  stillEveryMs?: number;
  /** A step that took longer than this is named when it ends (default 3 s). */
  slowStepMs?: number;
};

const words = (name: string) =>
  name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .replace(/\bapi\b/g, 'API')
    .replace(/\bcli\b/g, 'CLI')
    .replace(/\bimap\b/g, 'IMAP')
    .replace(/\bsmtp\b/g, 'SMTP');

/**
 * Runs the stop steps one after the other (each after the one before has ended, a failed one
 * reported and passed over). While a step runs, it is named every few seconds, with how late that
 * report came: a report that comes seconds late means the process's event loop was blocked, not
 * that the step waits for something — the two look alike from the terminal otherwise.
 */
export async function stopInOrder(steps: readonly StopStep[], options: StopOptions): Promise<void> {
  const stillEveryMs = options.stillEveryMs ?? 5_000;
  const slowStepMs = options.slowStepMs ?? 3_000;
  for (const step of steps) {
    const name = words(step.name || 'anUnnamedStopStep');
    const began = Date.now();
    let expected = began + stillEveryMs;
    const still = setInterval(() => {
      const now = Date.now();
      const late = now - expected;
      expected = now + stillEveryMs;
      const blocked = late > 1_000 ? `; the event loop was blocked for ${(late / 1000).toFixed(1)} s` : '';
      const waitingFor = step.status ? `: ${step.status()}` : '';
      options.say(`  still ${name} after ${((now - began) / 1000).toFixed(0)} s${waitingFor}${blocked}`);
    }, stillEveryMs);
    try {
      await step();
    } catch (error) {
      log.warn({ err: error, step: name }, 'stop step failed');
      options.say(`  ${name} failed: ${(error as Error).message}`);
    } finally {
      clearInterval(still);
    }
    const ms = Date.now() - began;
    if (ms > slowStepMs) options.say(`  ${name} took ${(ms / 1000).toFixed(1)} s`);
  }
}
