import { sleep } from '@temporalio/workflow';
import { DateTime } from 'luxon';

/**
 * Workflow time. Inside a workflow `Date.now()` is Temporal's deterministic clock (the time of
 * the current workflow task), never the machine's wall clock; this module is the one place that reads it.
 */
export function workflowNow(zone = 'UTC'): DateTime {
  return DateTime.fromMillis(Date.now(), { zone });
}

/** Workflow time in epoch milliseconds (the same deterministic clock). */
export function workflowNowMs(): number {
  return Date.now();
}

/** Durable timer to an absolute instant; returns at once when the instant has passed. */
export async function sleepUntil(instant: DateTime): Promise<void> {
  const ms = instant.toMillis() - Date.now();
  if (ms > 0) await sleep(ms);
}
