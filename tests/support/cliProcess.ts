import { execFile } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules/.bin/tsx');

export type CliResult = { code: number; stdout: string; stderr: string };

/** Runs the real CLI (`tsx cli/main.ts …`) as a child process with the given environment on top of this one's. */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      TSX,
      ['cli/main.ts', ...args],
      { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'silent', NODE_OPTIONS: '', ...env }, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
