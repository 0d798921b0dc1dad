/**
 * Test-only workflows that check the Temporal servers themselves (not dealer logic).
 * Loaded by test workers with `workflowsPath: require.resolve('../support/workflows')`.
 */
import { proxyActivities, sleep } from '@temporalio/workflow';
import type * as activities from './activities';

/** Sleeps for the given number of days and reports workflow time before and after. */
export async function sleepForDays(days: number): Promise<{ startedAtMs: number; wokeAtMs: number }> {
  const startedAtMs = Date.now();
  await sleep(`${days} days`);
  return { startedAtMs, wokeAtMs: Date.now() };
}

const { greetDealer } = proxyActivities<typeof activities>({ startToCloseTimeout: '10 seconds' });

/** Calls one trivial activity and returns its answer. */
export async function greetDealerWorkflow(dealerName: string): Promise<string> {
  return greetDealer(dealerName);
}
