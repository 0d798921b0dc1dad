import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ProvisionLog } from './provisionLog';
import { runBuild } from './systemTools';

/** One `go install` target: the package path with its version, the binary it makes, and the name it gets in the cache. */
export interface GoInstallTarget {
  /** e.g. "go.temporal.io/server/cmd/server@v1.29.1" */
  pkg: string;
  /** The file `go install` writes into GOBIN, e.g. "server". */
  binary: string;
  /** Its name in the cache directory, e.g. "temporal-server". */
  installAs: string;
  ldflags?: string;
}

/**
 * Runs `go install` for each target into a private staging dir, then renames each binary into `targetDir`,
 * so a parallel process never sees a half-written binary. The caller holds the cache lock (cacheLock.ts).
 * GOTOOLCHAIN=auto lets an older local Go fetch the toolchain a module's go.mod asks for, through the module proxy.
 */
export async function goInstallInto(targetDir: string, targets: GoInstallTarget[], log: ProvisionLog): Promise<void> {
  await fs.mkdir(targetDir, { recursive: true });
  const staging = path.join(targetDir, `.staging-${process.pid}`);
  await fs.rm(staging, { recursive: true, force: true });
  await fs.mkdir(staging, { recursive: true });
  try {
    for (const target of targets) {
      await runBuild('go', ['install', ...(target.ldflags ? ['-ldflags', target.ldflags] : []), target.pkg], {
        env: { ...process.env, GOBIN: staging, GOTOOLCHAIN: process.env.GOTOOLCHAIN ?? 'auto' },
        onLine: (line) => log.debug({ go: line }),
      });
    }
    for (const target of targets) await fs.rename(path.join(staging, target.binary), path.join(targetDir, target.installAs));
  } finally {
    await fs.rm(staging, { recursive: true, force: true });
  }
}

/** The directory `go mod download` unpacked a module into (its source, with the files it ships, e.g. SQL schemas). */
export async function goModuleDir(modulePath: string, version: string): Promise<string> {
  let stdout = '';
  await runBuild('go', ['mod', 'download', '-json', `${modulePath}@v${version}`], {
    cwd: os.tmpdir(), // outside any go.mod
    env: { ...process.env, GOTOOLCHAIN: process.env.GOTOOLCHAIN ?? 'auto' },
    onLine: (line) => (stdout += `${line}\n`),
  });
  const dir = /"Dir":\s*"([^"]+)"/.exec(stdout)?.[1];
  if (!dir) throw new Error(`go mod download -json ${modulePath}@v${version} printed no "Dir": ${stdout.slice(0, 500)}`);
  return dir;
}
