import { spawn } from 'node:child_process';
import net from 'node:net';
import { Connection, type DataConverter } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { resolveTimeSkippingServer } from './resolveTimeSkippingServer';

/**
 * The Java time-skipping server as a TestWorkflowEnvironment (the simulation's Temporal). The SDK
 * gives a server it starts itself 5 s to accept connections, which a cold JVM on a busy 2-core machine
 * can miss; so the provisioned executable is started here and connected to once it answers, however
 * long that takes (the server exiting, or `startTimeoutMs`, is the only failure). Started with the
 * port only, as the SDK starts it: time then skips only while a client sleeps or awaits a result.
 */
export async function startTimeSkippingServer(
  client: { dataConverter?: DataConverter } = {},
  startTimeoutMs = 300_000,
): Promise<TestWorkflowEnvironment> {
  const { executable } = await resolveTimeSkippingServer();
  if (executable.type !== 'existing-path') return TestWorkflowEnvironment.createTimeSkipping({ server: { executable }, client });
  const port = await freePort();
  const child = spawn(executable.path, [String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exitCode: number | null | undefined;
  const exited = new Promise<void>((resolve) => child.once('exit', (code) => ((exitCode = code), resolve())));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const address = `127.0.0.1:${port}`;
  const deadline = Date.now() + startTimeoutMs;
  for (;;) {
    if (exitCode !== undefined) throw new Error(`the time-skipping server exited with code ${exitCode}:\n${output}`);
    try {
      const probe = await Connection.connect({ address, connectTimeout: 2_000 });
      await probe.close();
      break;
    } catch (error) {
      if (Date.now() > deadline) {
        child.kill('SIGKILL');
        throw new Error(
          `the time-skipping server on ${address} did not answer within ${startTimeoutMs / 1000} s: ${(error as Error).message}`,
        );
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  const env = await (
    TestWorkflowEnvironment as unknown as {
      create(options: {
        server: { type: 'existing' };
        supportsTimeSkipping: boolean;
        address: string;
        namespace: string;
        client: { dataConverter?: DataConverter };
      }): Promise<TestWorkflowEnvironment>;
    }
  ).create({ server: { type: 'existing' }, supportsTimeSkipping: true, address, namespace: 'default', client });
  const teardown = env.teardown.bind(env);
  return Object.assign(env, {
    async teardown() {
      await teardown();
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      process.off('exit', killOnExit);
    },
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
