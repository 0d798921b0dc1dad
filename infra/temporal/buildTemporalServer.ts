import { promises as fs } from 'node:fs';
import path from 'node:path';
import { settings } from '../../config/settings';
import { withFileLock } from './cacheLock';
import { goInstallInto, goModuleDir } from './goInstall';
import { provisionLog, type ProvisionLog } from './provisionLog';
import { findOnPath, isExecutableFile, runQuick } from './systemTools';
import { lockPath, TEMPORAL_SERVER_MODULE, TEMPORAL_SERVER_VERSION, temporalServerDir } from './temporalVersions';

/**
 * Temporal's own server and its SQL schema tool, built with `go install` from the Go module proxy into
 * ~/.cache/stammkunde/temporal-server/<version>/, with the PostgreSQL schema files the module ships copied beside
 * them (the schema tool applies them). Built once under a lock, like the CLI (buildTemporalCli.ts).
 */
export interface TemporalServerInstall {
  version: string;
  /** The `temporal-server` binary (go.temporal.io/server/cmd/server). */
  server: string;
  /** The `temporal-sql-tool` binary (go.temporal.io/server/cmd/tools/sql). */
  sqlTool: string;
  /** schema/postgresql/v12 of the module: temporal/versioned and visibility/versioned. */
  postgresSchemaDir: string;
}

export function cachedTemporalServer(cacheDir: string): TemporalServerInstall {
  const dir = temporalServerDir(cacheDir);
  return {
    version: TEMPORAL_SERVER_VERSION,
    server: path.join(dir, 'temporal-server'),
    sqlTool: path.join(dir, 'temporal-sql-tool'),
    postgresSchemaDir: path.join(dir, 'schema', 'postgresql', 'v12'),
  };
}

/** Complete when both binaries are there and the last step of a build (the schema copy) finished. */
async function isComplete(install: TemporalServerInstall): Promise<boolean> {
  const schemaDone = await fs
    .stat(path.join(install.postgresSchemaDir, '.complete'))
    .then(() => true)
    .catch(() => false);
  return schemaDone && (await isExecutableFile(install.server)) && (await isExecutableFile(install.sqlTool));
}

let resolving: Promise<TemporalServerInstall> | undefined;

/** The cached server, built first when it is not there yet (needs Go; the first build takes minutes). */
export function resolveTemporalServer(cacheDir = settings().STAMMKUNDE_CACHE_DIR): Promise<TemporalServerInstall> {
  resolving ??= ensureTemporalServer(cacheDir, provisionLog).catch((error: unknown) => {
    resolving = undefined;
    throw error;
  });
  return resolving;
}

export async function ensureTemporalServer(cacheDir: string, log: ProvisionLog): Promise<TemporalServerInstall> {
  const install = cachedTemporalServer(cacheDir);
  if (await isComplete(install)) return install;
  const go = await findOnPath('go');
  if (!go || !(await runQuick(go, ['version'])).ok) {
    throw new Error(
      `The Temporal server v${TEMPORAL_SERVER_VERSION} is not in ${path.dirname(install.server)} and Go is not installed to build it. ` +
        'Install Go >= 1.24 (`node infra/bootstrap.js --for test` does it), or run a Temporal server yourself and point TEMPORAL_ADDRESS at it.',
    );
  }
  return withFileLock(
    lockPath(cacheDir, 'temporal-server'),
    async () => {
      if (await isComplete(install)) return install;
      const started = Date.now();
      log.info({ version: TEMPORAL_SERVER_VERSION }, 'building the Temporal server and its SQL tool with `go install` (10+ minutes cold)');
      const at = `@v${TEMPORAL_SERVER_VERSION}`;
      await goInstallInto(
        path.dirname(install.server),
        [
          { pkg: `${TEMPORAL_SERVER_MODULE}/cmd/server${at}`, binary: 'server', installAs: path.basename(install.server) },
          { pkg: `${TEMPORAL_SERVER_MODULE}/cmd/tools/sql${at}`, binary: 'sql', installAs: path.basename(install.sqlTool) },
        ],
        log,
      );
      const moduleDir = await goModuleDir(TEMPORAL_SERVER_MODULE, TEMPORAL_SERVER_VERSION);
      await fs.rm(install.postgresSchemaDir, { recursive: true, force: true });
      await fs.cp(path.join(moduleDir, 'schema', 'postgresql', 'v12'), install.postgresSchemaDir, { recursive: true });
      await chmodWritable(install.postgresSchemaDir); // the module cache is read-only; the cache copy must be deletable
      await fs.writeFile(path.join(install.postgresSchemaDir, '.complete'), `${new Date().toISOString()}\n`);
      log.info({ dir: path.dirname(install.server), seconds: Math.round((Date.now() - started) / 1000) }, 'built the Temporal server');
      return install;
    },
    { onWait: (holder) => log.info({ holder }, 'another process is building the Temporal server, waiting for it') },
  );
}

async function chmodWritable(dir: string): Promise<void> {
  for (const entry of await fs.readdir(dir, { withFileTypes: true, recursive: true })) {
    const file = path.join(entry.parentPath, entry.name);
    await fs.chmod(file, entry.isDirectory() ? 0o755 : 0o644);
  }
  await fs.chmod(dir, 0o755);
}
