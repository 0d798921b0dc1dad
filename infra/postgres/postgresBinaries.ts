import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Debian's PostgreSQL server binaries (/usr/lib/postgresql/<version>/bin), installed with apt
 * when missing and we are root.
 */
const DEBIAN_POSTGRES_ROOT = '/usr/lib/postgresql';

/** The bin directory of the newest installed PostgreSQL that has initdb and pg_ctl, if any. */
export function findPostgresBinDir(root = DEBIAN_POSTGRES_ROOT): string | undefined {
  if (!fs.existsSync(root)) return undefined;
  return fs
    .readdirSync(root)
    .filter((version) => /^\d+(\.\d+)?$/.test(version))
    .sort((a, b) => Number(b) - Number(a))
    .map((version) => path.join(root, version, 'bin'))
    .find((bin) => ['initdb', 'pg_ctl', 'postgres'].every((tool) => fs.existsSync(path.join(bin, tool))));
}

export function isRoot(): boolean {
  return process.getuid?.() === 0;
}

/** Finds the binaries, installing Debian's `postgresql` package first when they are missing and we may. */
export function ensurePostgresBinDir(): string {
  const found = findPostgresBinDir();
  if (found) return found;
  if (!isRoot()) {
    throw new Error(
      'PostgreSQL server binaries not found in /usr/lib/postgresql/<version>/bin. ' +
        'Install them with `sudo apt-get install -y postgresql`, or set DATABASE_URL to a PostgreSQL server.',
    );
  }
  installPostgresPackage();
  const installed = findPostgresBinDir();
  if (!installed) throw new Error('apt-get installed postgresql, but no initdb/pg_ctl appeared under /usr/lib/postgresql');
  return installed;
}

/** apt-get that waits (bounded) for another apt process's lock instead of failing at once. */
const { aptGet } = require('../aptGet') as { aptGet(args: string[], options?: { say?: (message: string) => void }): void };

function installPostgresPackage(): void {
  const install = () => aptGet(['install', '-y', '--no-install-recommends', 'postgresql']);
  try {
    install();
  } catch {
    aptGet(['update']); // package lists may be missing or stale
    install();
  }
}

/** The uid/gid of the `postgres` OS user, which the server must run as when we are root. */
export function postgresOsUser(): { uid: number; gid: number } {
  const id = (flag: string) => spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  const uid = id('-u');
  const gid = id('-g');
  if (uid.status !== 0 || gid.status !== 0) {
    throw new Error('PostgreSQL refuses to run as root and there is no `postgres` OS user; create it with `useradd --system postgres`');
  }
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}
