import { spawn, type ChildProcess } from 'node:child_process';
import { Connection } from '@temporalio/client';
import type { DataConverter } from '@temporalio/common';
import { TestWorkflowEnvironment } from '@temporalio/testing';

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
  const server = spawnServer(options.executable, options.args);
  let exitCode: number | null | undefined;
  void server.exited.then((code) => (exitCode = code));
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (exitCode !== undefined) throw new Error(`the Temporal server on ${address} exited with code ${exitCode}:\n${server.output()}`);
    try {
      const probe = await Connection.connect({ address, connectTimeout: 2_000 });
      await probe.close();
      break;
    } catch (error) {
      if (Date.now() > deadline) {
        server.child.kill('SIGKILL');
        throw new Error(`the Temporal server on ${address} did not answer within ${startTimeoutMs / 1000} s: ${(error as Error).message}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
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
      server.child.kill('SIGTERM');
      const timer = setTimeout(() => server.child.kill('SIGKILL'), 10_000);
      await server.exited;
      clearTimeout(timer);
    },
  });
}

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
      client: { dataConverter?: DataConverter };
    }): Promise<TestWorkflowEnvironment>;
  }
).create.bind(TestWorkflowEnvironment);
