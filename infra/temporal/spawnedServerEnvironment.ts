import type { DataConverter } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { spawnServerProcess, untilAnswering } from './serverProcess';

export type SpawnedServerOptions = {
  executable: string;
  args: string[];
  address: string;
  /** The Java time-skipping server: true; the CLI dev server: false. */
  timeSkipping: boolean;
  client?: { dataConverter?: DataConverter };
  /** How long a cold server may take to answer; its exiting is the other failure. */
  startTimeoutMs?: number;
};

/**
 * A provisioned Temporal server (the Java time-skipping server or the CLI dev server) as a
 * TestWorkflowEnvironment. The SDK gives a server it starts itself 5 s to accept connections, which a
 * cold JVM on a busy 2-core machine can miss; so the executable is started here and connected to once
 * it answers, however long that takes. `teardown()` stops the process too.
 */
export async function spawnedServerEnvironment(options: SpawnedServerOptions): Promise<TestWorkflowEnvironment> {
  const { address, startTimeoutMs = 300_000, client = {} } = options;
  const server = spawnServerProcess(options.executable, options.args);
  try {
    await untilAnswering(address, server, async () => undefined, { timeoutMs: startTimeoutMs, intervalMs: 200, connectTimeoutMs: 2_000 });
  } catch (error) {
    await server.stop('SIGKILL');
    throw new Error(`the Temporal server on ${address} did not start: ${(error as Error).message}\n${server.tail()}`);
  }
  const env = await connectToRunning({
    server: { type: 'existing' },
    supportsTimeSkipping: options.timeSkipping,
    address,
    namespace: 'default',
    client,
  });
  const teardown = env.teardown.bind(env);
  return Object.assign(env, {
    async teardown() {
      await teardown();
      await server.stop('SIGTERM', 10_000);
    },
  });
}

/** The SDK's own factory for a server that is already running; with time skipping when the server has it. */
const connectToRunning = (
  TestWorkflowEnvironment as unknown as {
    create(options: {
      server: { type: 'existing' };
      supportsTimeSkipping: boolean;
      address: string;
      namespace: string;
      client: { dataConverter?: DataConverter };
    }): Promise<TestWorkflowEnvironment>;
  }
).create.bind(TestWorkflowEnvironment);
