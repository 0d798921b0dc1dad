/**
 * `npm run build`, second step: writes the workflow bundle a production worker loads (dist/workflow-bundle.js, see
 * prebuiltBundle.ts), with Temporal's bundleWorkflowCode, once per release instead of once per worker start.
 * Run: node dist/worker/buildBundle.js [target]
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { WORKFLOW_BUNDLE_FILE } from './prebuiltBundle';
import { bundleWorkflows } from './workflowBundle';

async function main(target = path.resolve(__dirname, '..', WORKFLOW_BUNDLE_FILE)): Promise<void> {
  const { code } = await bundleWorkflows();
  await fs.writeFile(target, code);
  process.stdout.write(`workflow bundle: ${target} (${Math.round(code.length / 1024)} KiB)\n`);
}

main(process.argv[2]).catch((error: unknown) => {
  process.stderr.write(`building the workflow bundle failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
