import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { signalWithStartOnce, startWorkflowOnce } from '../../engine/startWorkflowOnce';
import { createLocalTestEnv, createTimeSkippingTestEnv } from '../support/temporalEnv';

/**
 * The engine starts every workflow under a deterministic id and counts "already running" as started (conflict policy
 * USE_EXISTING). Both servers the project runs on must honour that policy; no worker polls the task queue here, so
 * a started workflow simply stays running until the test terminates it.
 */
describe.each([
  ['the Temporal CLI dev server', createLocalTestEnv],
  ['the time-skipping test server', createTimeSkippingTestEnv],
])('starting a workflow once, on %s', (_server, createEnv) => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await createEnv();
  });
  afterAll(async () => env?.teardown());

  const taskQueue = 'nobody-polls';
  let n = 0;
  const freshId = () => `start-once-${Date.now()}-${(n += 1)}`;
  const runIdOf = async (handle: { describe(): Promise<{ runId: string }> }) => (await handle.describe()).runId;

  it('a second start of a running workflow returns the running one instead of failing', async () => {
    const workflowId = freshId();
    const first = await startWorkflowOnce(env.client, 'healthCheckWorkflow', { taskQueue, workflowId, args: ['a'], restart: 'never' });
    const second = await startWorkflowOnce(env.client, 'healthCheckWorkflow', { taskQueue, workflowId, args: ['a'], restart: 'never' });
    expect(second.closedBefore).toBe(false);
    expect(await runIdOf(second.handle)).toBe(await runIdOf(first.handle));
    await first.handle.terminate('test over');
  });

  it("restart 'never': a closed run stays closed; 'after-close': a new run starts", async () => {
    const workflowId = freshId();
    const first = await startWorkflowOnce(env.client, 'healthCheckWorkflow', { taskQueue, workflowId, args: ['a'], restart: 'never' });
    const firstRun = await runIdOf(first.handle);
    await first.handle.terminate('closed');
    const refused = await startWorkflowOnce(env.client, 'healthCheckWorkflow', { taskQueue, workflowId, args: ['a'], restart: 'never' });
    expect(refused.closedBefore).toBe(true);
    expect(await runIdOf(refused.handle)).toBe(firstRun);

    const again = await startWorkflowOnce(env.client, 'healthCheckWorkflow', {
      taskQueue,
      workflowId,
      args: ['a'],
      restart: 'after-close',
    });
    expect(again.closedBefore).toBe(false);
    expect(await runIdOf(again.handle)).not.toBe(firstRun);
    await again.handle.terminate('test over');
  });

  it("signal-with-start signals the running workflow; with restart 'never' a closed one is left alone", async () => {
    const workflowId = freshId();
    const poke = () =>
      signalWithStartOnce(env.client, 'healthCheckWorkflow', {
        taskQueue,
        workflowId,
        args: ['a'],
        signal: 'poke',
        signalArgs: [],
        restart: 'never',
      });
    const first = await poke();
    const second = await poke();
    expect(second?.signaledRunId).toBe(first?.signaledRunId);
    await first!.terminate('closed');
    const refused = await poke();
    expect(refused).toBeUndefined();
  });
});
