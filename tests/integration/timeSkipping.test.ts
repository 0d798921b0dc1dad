import { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { createTimeSkippingTestEnv } from '../support/temporalEnv';
import { sleepForDays } from '../support/workflows';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('the time-skipping test server', () => {
  let testEnv: TestWorkflowEnvironment;

  beforeAll(async () => {
    testEnv = await createTimeSkippingTestEnv();
  });

  afterAll(async () => {
    await testEnv?.teardown();
  });

  it('a workflow that sleeps 400 days finishes in a few seconds of wall time', async () => {
    const worker = await Worker.create({
      connection: testEnv.nativeConnection,
      taskQueue: 'time-skipping-smoke',
      workflowsPath: require.resolve('../support/workflows'),
    });
    // 400 days pass for the workflow; the test would wait for them in real time (and hit jest's timeout) if the server
    // did not skip. How fast the machine gets there is not this test's business.
    const result = await worker.runUntil(
      testEnv.client.workflow.execute(sleepForDays, {
        args: [400],
        taskQueue: 'time-skipping-smoke',
        workflowId: `sleep-400-days-${Date.now()}`,
      }),
    );

    expect(result.wokeAtMs - result.startedAtMs).toBeGreaterThanOrEqual(400 * DAY_MS);
  });
});
