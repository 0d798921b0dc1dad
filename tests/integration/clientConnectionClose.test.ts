import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePorts } from '../../infra/freePort';
import { connectTemporalClient } from '../../infra/temporal/clientConnection';
import { startDevServer } from '../../infra/temporal/devServer';

/**
 * Ctrl-C on a resumed `npm start` came while the engine was still asking its lifecycles what is due, and Temporal
 * did not answer at once: the SDK retried the call from a timer after the engine had closed its client connection,
 * the retry threw "Channel has been shut down" outside any promise, and the engine died (exit 1) in the middle of
 * its stop, leaving the dev server behind. The engine, the API and the CLI close their Temporal client through
 * `connectTemporalClient`, which lets calls under way finish first and fails a late retry instead of throwing.
 */
describe('closing the Temporal client while a call is under way', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'client-close-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('waits for a call that gets its answer, and closes at once when none is under way', async () => {
    const [port, uiPort] = await freePorts(2);
    const server = await startDevServer({ dbFile: path.join(dir, 'answering.sqlite'), namespace: 'default', port: port!, uiPort: uiPort! });
    try {
      const temporal = await connectTemporalClient({ address: server.address });
      const call = temporal.connection.workflowService.getSystemInfo({});
      expect(temporal.callsInFlight()).toBe(1);
      await temporal.close();
      await expect(call).resolves.toBeDefined();
      expect(temporal.callsInFlight()).toBe(0);
    } finally {
      await server.stop();
    }
  }, 300_000);

  it('a call still retrying against a server that has gone fails with CANCELLED, and the process lives on', async () => {
    const [port, uiPort] = await freePorts(2);
    const server = await startDevServer({ dbFile: path.join(dir, 'gone.sqlite'), namespace: 'default', port: port!, uiPort: uiPort! });
    const temporal = await connectTemporalClient({ address: server.address });
    await server.stop();
    const uncaught: Error[] = [];
    const record = (error: Error) => uncaught.push(error);
    process.on('uncaughtException', record);
    try {
      const call = temporal.connection.workflowService.getSystemInfo({}).then(
        () => 'answered',
        (error: Error) => error.message,
      );
      expect(temporal.callsInFlight()).toBe(1); // refused, and retried with back-off: not answered yet
      await temporal.close(0); // no patience: the retry comes after the close
      expect(await call).toMatch(/CANCELLED/); // ours for a retry after the close, or the channel's own

      // And a call begun after the close (e.g. by a request that was still being parsed) fails the same way.
      const late = await temporal.connection.workflowService.getSystemInfo({}).then(
        () => 'answered',
        (error: Error) => error.message,
      );
      expect(late).toMatch(/CANCELLED: the Temporal client connection was closed/);
      expect(uncaught).toEqual([]);
    } finally {
      process.off('uncaughtException', record);
    }
  }, 300_000);
});
