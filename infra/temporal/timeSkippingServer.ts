import type { DataConverter } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { freePort } from '../freePort';
import { resolveTimeSkippingServer } from './resolveTimeSkippingServer';
import { spawnedServerEnvironment } from './spawnedServerEnvironment';

/**
 * The Java time-skipping server as a TestWorkflowEnvironment (the simulation's and the test suite's
 * Temporal). Started with the port only, as the SDK starts it: time then skips only while a client
 * sleeps or awaits a result (`--enable-time-skipping` would start it unlocked, and every timer, ten-year
 * timeouts included, would fire).
 */
export async function startTimeSkippingServer(
  client: { dataConverter?: DataConverter } = {},
  startTimeoutMs = 300_000,
): Promise<TestWorkflowEnvironment> {
  const { executable } = await resolveTimeSkippingServer();
  if (executable.type !== 'existing-path') return TestWorkflowEnvironment.createTimeSkipping({ server: { executable }, client });
  const port = await freePort();
  return spawnedServerEnvironment({
    executable: executable.path,
    args: [String(port)],
    address: `127.0.0.1:${port}`,
    timeSkipping: true,
    client,
    startTimeoutMs,
  });
}
