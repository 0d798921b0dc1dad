import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Prisma's native `schema-engine` binary, when this machine has one. Prisma downloads it from its
 * binary host, which is unreachable in some places (shared/notes/prisma-offline.md); then we use the
 * wasm engine instead. PRISMA_SCHEMA_ENGINE_BINARY is Prisma's own variable, so it is read here
 * rather than in config/settings.ts. Setting it to /bin/false (for `prisma generate`) means "none".
 */
export function findNativeSchemaEngine(env: NodeJS.ProcessEnv = process.env): string | undefined {
  return candidatePaths(env).find(isWorkingSchemaEngine);
}

function candidatePaths(env: NodeJS.ProcessEnv): string[] {
  const candidates: string[] = [];
  if (env.PRISMA_SCHEMA_ENGINE_BINARY) candidates.push(env.PRISMA_SCHEMA_ENGINE_BINARY);
  const enginesDir = path.dirname(require.resolve('@prisma/engines/package.json'));
  candidates.push(...filesStartingWith(enginesDir, 'schema-engine'));
  const { enginesVersion } = require('@prisma/engines-version') as { enginesVersion: string };
  const cacheDir = path.join(env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'prisma', 'master', enginesVersion);
  for (const platform of subdirectories(cacheDir)) candidates.push(...filesStartingWith(path.join(cacheDir, platform), 'schema-engine'));
  return candidates;
}

/** An existing executable that answers `--version` like a schema engine (so /bin/false does not count). */
function isWorkingSchemaEngine(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
  } catch {
    return false;
  }
  const probe = spawnSync(file, ['--version'], { encoding: 'utf8', timeout: 10_000 });
  return probe.status === 0 && /schema-engine/i.test(probe.stdout);
}

function filesStartingWith(dir: string, prefix: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith(prefix) && !f.endsWith('.gz') && !f.endsWith('.sha256'))
    .map((f) => path.join(dir, f));
}

function subdirectories(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);
}

/** Runs Prisma's own CLI (`prisma migrate deploy`, `prisma migrate dev --name x`) with the native engine. */
export function runPrismaCli(args: string[], databaseUrl: string, engineBinary: string): void {
  const cli = require.resolve('prisma/build/index.js');
  const result = spawnSync(process.execPath, [cli, ...args], {
    stdio: 'inherit',
    cwd: path.resolve(__dirname, '..'),
    env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_SCHEMA_ENGINE_BINARY: engineBinary },
  });
  if (result.status !== 0) throw new Error(`prisma ${args.join(' ')} failed (exit code ${result.status ?? result.signal})`);
}
