import { spawn, type ChildProcess } from 'node:child_process';
import { Client, Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { resolveTemporalCli } from '../../infra/temporal/resolveTemporalCli';
import { resolveTimeSkippingServer } from '../../infra/temporal/resolveTimeSkippingServer';
import { eventually } from './eventually';
import { freePort } from './freePort';

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

/** The Java time-skipping test server: timers of months pass in seconds. */
/** `client` options go to `env.client`: the engine's payload codec (tests/support/engineHarness.ts engineDataConverter). */
type ClientOptions = { dataConverter?: DataConverter };
const dataConverters = new WeakMap<TestWorkflowEnvironment, DataConverter>();

export async function createTimeSkippingTestEnv(client: ClientOptions = {}): Promise<TestWorkflowEnvironment> {
  quietTemporalRuntime();
  const { executable } = await resolveTimeSkippingServer();
  if (executable.type !== 'existing-path') return TestWorkflowEnvironment.createTimeSkipping({ server: { executable }, client });
  const port = await freePort();
  // Started as the SDK starts it (port only): time skipping then stays locked except while the client awaits a result
  // or sleeps. `--enable-time-skipping` would start it unlocked, and every timer, ten-year timeouts included, would fire.
  return startedBy(spawnServer(executable.path, [String(port)]), `127.0.0.1:${port}`, true, client);
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
  return startedBy(spawnServer(executable.path, args), `127.0.0.1:${port}`, false, client);
}

/**
 * The SDK gives a server it starts itself 5 s to accept connections; a cold JVM on a busy 2-core machine needs
 * more. So the suite starts the provisioned executables itself and connects once they answer, however long that
 * takes (the server exiting is the only failure), then hands the process to the environment's teardown.
 */
type SpawnedServer = { child: ChildProcess; exited: Promise<number | null>; output: () => string };

function spawnServer(executable: string, args: string[]): SpawnedServer {
  const child = spawn(executable, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  void exited.then(() => process.off('exit', killOnExit));
  return { child, exited, output: () => output };
}

/** The SDK's own factory for a server that is already running; with time skipping when the server has it. */
const connectToRunning = (
  TestWorkflowEnvironment as unknown as {
    create(options: {
      server: { type: 'existing' };
      supportsTimeSkipping: boolean;
      address: string;
      namespace: string;
      client: ClientOptions;
    }): Promise<TestWorkflowEnvironment>;
  }
).create.bind(TestWorkflowEnvironment);

async function startedBy(
  server: SpawnedServer,
  address: string,
  timeSkipping: boolean,
  client: ClientOptions,
): Promise<TestWorkflowEnvironment> {
  let exitCode: number | null | undefined;
  void server.exited.then((code) => (exitCode = code));
  const env = await eventually(
    `the Temporal server on ${address} answering`,
    async () => {
      if (exitCode !== undefined) throw new Error(`it exited with code ${exitCode}:\n${server.output()}`);
      const probe = await Connection.connect({ address, connectTimeout: 2_000 });
      await probe.close();
      return connectToRunning({ server: { type: 'existing' }, supportsTimeSkipping: timeSkipping, address, namespace: 'default', client });
    },
    300_000,
  ).catch(async (error) => {
    server.child.kill('SIGKILL');
    throw error;
  });
  if (client.dataConverter) dataConverters.set(env, client.dataConverter);
  const teardown = env.teardown.bind(env);
  Object.assign(env, {
    async teardown() {
      await teardown();
      server.child.kill('SIGTERM');
      const timer = setTimeout(() => server.child.kill('SIGKILL'), 10_000);
      await server.exited;
      clearTimeout(timer);
    },
  });
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
