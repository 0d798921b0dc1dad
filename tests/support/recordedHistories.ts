import type { Client } from '@temporalio/client';
import fs from 'node:fs';
import path from 'node:path';

/** Where the histories replayed by tests/integration/replayHistories.test.ts live. */
export const HISTORIES_DIR = path.resolve(__dirname, '../fixtures/histories');

/**
 * Writes a workflow's history to tests/fixtures/histories/<name>.json when RECORD_HISTORIES=1; otherwise does
 * nothing. Scenarios call it at their end, so `RECORD_HISTORIES=1 npx jest <scenario>` re-records their histories.
 */
export async function recordHistory(client: Pick<Client, 'workflow'>, workflowId: string, name: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const history = await client.workflow.getHandle(workflowId).fetchHistory();
  fs.mkdirSync(HISTORIES_DIR, { recursive: true });
  fs.writeFileSync(path.join(HISTORIES_DIR, `${name}.json`), JSON.stringify(history, null, 1));
}
