import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Schemathesis (PyPI), pinned, in its own virtualenv under the cache dir: installed on first use,
 * reused afterwards (a stamp file records the version that finished installing).
 */
export const SCHEMATHESIS_VERSION = '4.32.5';

export function schemathesisExecutable(cacheDir: string, say: (message: string) => void = () => undefined): string {
  const venv = path.join(cacheDir, 'schemathesis', SCHEMATHESIS_VERSION);
  const st = path.join(venv, 'bin', 'st');
  const stamp = path.join(venv, '.installed');
  if (fs.existsSync(stamp) && fs.existsSync(st)) return st;
  const python = process.env.PYTHON ?? 'python3';
  say(`installing schemathesis ${SCHEMATHESIS_VERSION} from PyPI into ${venv} (once per machine)`);
  fs.rmSync(venv, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(venv), { recursive: true });
  try {
    execFileSync(python, ['-m', 'venv', venv], { stdio: 'inherit' });
    execFileSync(
      path.join(venv, 'bin', 'pip'),
      ['install', '--quiet', '--disable-pip-version-check', `schemathesis==${SCHEMATHESIS_VERSION}`],
      { stdio: 'inherit' },
    );
  } catch (error) {
    throw new Error(
      `could not install schemathesis ${SCHEMATHESIS_VERSION} (needs ${python} with the venv module and access to PyPI): ${(error as Error).message}`,
    );
  }
  fs.writeFileSync(stamp, `${SCHEMATHESIS_VERSION}\n`);
  return st;
}
