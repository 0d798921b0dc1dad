import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { bundleWorkflowCode } from '@temporalio/worker';

/**
 * The workflow code bundle the worker runs. Webpack needs several hundred MB while it bundles, and a
 * process does not hand that memory back, so the bundle is built in a short-lived child process
 * (this file run as a script) and only the resulting code comes to the worker.
 */
export async function bundleWorkflowsInChildProcess(): Promise<{ code: string }> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'stammkunde-bundle-'));
  const target = path.join(dir, 'workflows.js');
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', __filename, target], { stdio: ['ignore', 'ignore', 'pipe'] });
      let stderr = '';
      child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
      child.once('error', reject);
      child.once('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`bundling the workflow code failed (exit ${code}): ${stderr}`)),
      );
    });
    return { code: await fs.readFile(target, 'utf8') };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

const quiet = { log() {}, info() {}, warn() {}, error() {}, debug() {}, trace() {} };

/** Bundles workflows/ in this process, without webpack's progress logs (the child process, and tests that bundle once per file). */
export function bundleWorkflows() {
  return bundleWorkflowCode({ workflowsPath: require.resolve('../workflows'), logger: quiet as never });
}

async function writeBundle(target: string): Promise<void> {
  const { code } = await bundleWorkflows();
  await fs.writeFile(target, code);
}

if (require.main === module) {
  writeBundle(process.argv[2]).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
