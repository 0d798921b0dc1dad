import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import fs from 'node:fs';
import path from 'node:path';
import { prebuiltWorkflowBundle } from '../support/workflowBundle';

/**
 * Histories recorded from the lifecycle scenarios (RECORD_HISTORIES=1, see tests/support/lifecycleWorld.ts)
 * are replayed against the current workflow code: a change that would break running customers'
 * lifecycles or enrollments (nondeterminism) fails here, before it is deployed.
 */
const dir = path.resolve(__dirname, '../fixtures/histories');
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();

/** The files hold the History message as protobufjs writes JSON (enum names, longs and bytes as strings). */
function readHistory(file: string) {
  return temporal.api.history.v1.History.fromObject(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
}

describe('recorded workflow histories still replay on the current code', () => {
  it('has recorded histories of lifecycles and enrollments to replay', () => {
    expect(files.some((f) => f.startsWith('lifecycle-'))).toBe(true);
    expect(files.some((f) => f.startsWith('enrollment-'))).toBe(true);
  });

  it('replays every history without a nondeterminism error', async () => {
    const histories = files.map((file) => ({ workflowId: file.replace(/\.json$/, ''), history: readHistory(file) }));
    const failures: string[] = [];
    let replayed = 0;
    for await (const result of Worker.runReplayHistories({ workflowBundle: await prebuiltWorkflowBundle() }, histories)) {
      replayed += 1;
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
    expect(replayed).toBe(files.length);
  });
});
