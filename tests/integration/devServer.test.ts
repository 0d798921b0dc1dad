import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startDevServer } from '../../infra/temporal/devServer';
import { freePorts } from '../../infra/freePort';
import { createLocalTestEnv } from '../support/temporalEnv';
import * as activities from '../support/workflows/activities';
import { greetDealerWorkflow, sleepForDays } from '../support/workflows';

describe('the Temporal CLI dev server', () => {
  let testEnv: TestWorkflowEnvironment;

  beforeAll(async () => {
    testEnv = await createLocalTestEnv();
  });

  afterAll(async () => {
    await testEnv?.teardown();
  });

  it('runs a workflow with an activity to completion', async () => {
    const worker = await Worker.create({
      connection: testEnv.nativeConnection,
      taskQueue: 'dev-server-smoke',
      workflowsPath: require.resolve('../support/workflows'),
      activities,
    });

    const greeting = await worker.runUntil(
      testEnv.client.workflow.execute(greetDealerWorkflow, {
        args: ['Autohaus Berger'],
        taskQueue: 'dev-server-smoke',
        workflowId: `greet-dealer-${Date.now()}`,
      }),
    );

    expect(greeting).toBe('Guten Tag, Autohaus Berger!');
  });
});

describe('the dev server behind `npm start`', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'stammkunde-devserver-'));
  });

  afterAll(async () => {
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('keeps a running campaign in its SQLite file across a restart', async () => {
    const [port, uiPort] = await freePorts(2);
    const options = { dbFile: path.join(dataDir, 'temporal', 'dev.sqlite'), port, uiPort };
    const workflowId = `winter-check-${Date.now()}`;

    const first = await startDevServer(options);
    expect(first.uiUrl).toBe(`http://127.0.0.1:${options.uiPort}`);
    const ui = await fetch(first.uiUrl);
    expect(ui.ok).toBe(true);
    await withClient(first.address, (client) => client.workflow.start(sleepForDays, { args: [30], taskQueue: 'nobody-polls', workflowId }));
    await first.stop();

    const second = await startDevServer(options);
    try {
      const description = await withClient(second.address, (client) => client.workflow.getHandle(workflowId).describe());
      expect(description.status.name).toBe('RUNNING');
    } finally {
      await second.stop();
    }
  });
});

async function withClient<T>(address: string, use: (client: Client) => Promise<T>): Promise<T> {
  const connection = await Connection.connect({ address });
  try {
    return await use(new Client({ connection }));
  } finally {
    await connection.close();
  }
}
