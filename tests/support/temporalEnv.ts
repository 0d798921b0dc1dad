import type { DataConverter } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { resolveTemporalCli } from '../../infra/temporal/resolveTemporalCli';
import { resolveTimeSkippingServer } from '../../infra/temporal/resolveTimeSkippingServer';

/**
 * Real Temporal servers for integration tests, on the executables the project provisions
 * (see infra/temporal/ and shared notes temporal-servers.md). Call `teardown()` on the result in afterAll.
 */

/** The SDK's runtime logs every worker state change at INFO; tests want warnings only. Installed once per process. */
function quietTemporalRuntime(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // already installed in this process
  }
}

/** `client` options go to `env.client`: the engine's payload codec (see clientOf in engineHarness.ts). */

/** The Java time-skipping test server: timers of months pass in seconds. */
export async function createTimeSkippingTestEnv(client: { dataConverter?: DataConverter } = {}): Promise<TestWorkflowEnvironment> {
  quietTemporalRuntime();
  const { executable } = await resolveTimeSkippingServer();
  return retryingSlowStart(() => TestWorkflowEnvironment.createTimeSkipping({ server: { executable }, client }));
}

/** The Temporal CLI dev server, in memory, on a random free port, namespace "default". Real time. */
export async function createLocalTestEnv(client: { dataConverter?: DataConverter } = {}): Promise<TestWorkflowEnvironment> {
  quietTemporalRuntime();
  const { executable } = await resolveTemporalCli();
  return retryingSlowStart(() => TestWorkflowEnvironment.createLocal({ server: { executable, ip: '127.0.0.1' }, client }));
}

/**
 * The SDK gives a server 5 s to accept connections. On a busy 2-core CI machine a cold JVM or a cold 250 MB CLI
 * binary can miss that once; the second start (warm page cache) makes it.
 */
async function retryingSlowStart(start: () => Promise<TestWorkflowEnvironment>, attempts = 3) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (error) {
      if (attempt >= attempts || !/did not start within/.test((error as Error).message)) throw error;
    }
  }
}
