import { Client } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { resolveTemporalCli } from '../../infra/temporal/resolveTemporalCli';
import { spawnedServerEnvironment } from '../../infra/temporal/spawnedServerEnvironment';
import { startTimeSkippingServer } from '../../infra/temporal/timeSkippingServer';
import { freePort } from '../../infra/freePort';

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

/** `client` options go to `env.client`: the engine's payload codec (tests/support/engineHarness.ts engineDataConverter). */
type ClientOptions = { dataConverter?: DataConverter };
const dataConverters = new WeakMap<TestWorkflowEnvironment, DataConverter>();

/** The Java time-skipping test server: timers of months pass in seconds. */
export async function createTimeSkippingTestEnv(client: ClientOptions = {}): Promise<TestWorkflowEnvironment> {
  quietTemporalRuntime();
  return remembered(await startTimeSkippingServer(client), client);
}

/** The Temporal CLI dev server, in memory, on a random free port, namespace "default". Real time. */
export async function createLocalTestEnv(client: ClientOptions = {}): Promise<TestWorkflowEnvironment> {
  quietTemporalRuntime();
  const { executable } = await resolveTemporalCli();
  if (executable.type !== 'existing-path') return TestWorkflowEnvironment.createLocal({ server: { executable, ip: '127.0.0.1' }, client });
  const port = await freePort();
  const args = [
    'server',
    'start-dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(port),
    '--headless',
    '--namespace',
    'default',
    '--log-level',
    'warn',
  ];
  const env = await spawnedServerEnvironment({
    executable: executable.path,
    args,
    address: `127.0.0.1:${port}`,
    timeSkipping: false,
    client,
  });
  return remembered(env, client);
}

function remembered(env: TestWorkflowEnvironment, client: ClientOptions): TestWorkflowEnvironment {
  if (client.dataConverter) dataConverters.set(env, client.dataConverter);
  return env;
}

/**
 * A workflow's result on the time-skipping server. The test environment's client unlocks time skipping while it
 * waits for a result, and with nothing else to do the server skips to the next timer, however far (a running
 * workflow's ten-year execution timeout, a lifecycle's dormancy check). Awaiting a workflow that has already
 * finished must not do that: its result is read through a plain client, which leaves the clock alone.
 */
export async function resultWithoutMovingTheClock<T>(env: TestWorkflowEnvironment, workflowId: string): Promise<T> {
  const handle = env.client.workflow.getHandle(workflowId);
  const { status } = await handle.describe();
  if (status.name === 'RUNNING') return (await handle.result()) as T;
  const plain = new Client({ connection: env.connection, namespace: env.namespace ?? 'default', dataConverter: dataConverters.get(env) });
  return (await plain.workflow.getHandle(workflowId).result()) as T;
}

/**
 * Where the scenario worlds' time-skipping clock starts: Monday 7 January 2030, 08:00 in Berlin, whatever the day
 * and hour CI runs at (the server starts at the machine's time and can only move forward, so this lies ahead).
 * Every scenario file then sees the same weekdays, holidays and DST changes on every run.
 */
export const SCENARIO_START = '2030-01-07T08:00:00+01:00';

export async function pinClock(env: TestWorkflowEnvironment, instant = SCENARIO_START): Promise<void> {
  const target = Date.parse(instant);
  const now = await env.currentTimeMs();
  if (now > target)
    throw new Error(
      `the time-skipping server already runs at ${new Date(now).toISOString()}, after ${instant}: move SCENARIO_START forward`,
    );
  await env.sleep(target - now);
}
