#!/usr/bin/env node
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { settings } from '../config/settings';
import { freePorts } from '../infra/freePort';
import { schemathesisExecutable } from './schemathesisVenv';

/**
 * `npm run test:fuzz`: the API under a schema-driven fuzzer. Starts the engine on embedded defaults (as
 * `stammkunde start`: Temporal dev server, PGlite, inbox, worker, API, demo dealership) in a throwaway
 * data dir on free ports, creates an API key beside it, and runs schemathesis against the served
 * OpenAPI document with a fixed seed. Fails on any 5xx, any status or content type the document does
 * not declare, any response that violates its schema, and any undeclared method not answered 405.
 * Not part of `npm test` (it takes minutes); FUZZ_SEED and FUZZ_MAX_EXAMPLES change the run.
 */
const ROOT = path.resolve(__dirname, '..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');
const SEED = process.env.FUZZ_SEED ?? '20261202';
const MAX_EXAMPLES = process.env.FUZZ_MAX_EXAMPLES ?? '20';
const CHECKS = [
  'not_a_server_error',
  'status_code_conformance',
  'content_type_conformance',
  'response_schema_conformance',
  'unsupported_method',
];
const say = (message: string) => process.stdout.write(`[fuzz] ${message}\n`);

async function engineEnv(dataDir: string) {
  const [api, temporal, ui, inbox, smtp, inbound] = await freePorts(6);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_OPTIONS: '',
    LOG_LEVEL: 'error',
    STAMMKUNDE_DATA_DIR: dataDir,
    API_PORT: String(api),
    TEMPORAL_DEV_PORT: String(temporal),
    TEMPORAL_UI_PORT: String(ui),
    INBOX_PORT: String(inbox),
    SMTP_URL: `smtp://127.0.0.1:${smtp}`,
    INBOUND_SMTP_PORT: String(inbound),
  };
  delete env.DATABASE_URL; // the embedded PGlite database
  return { env, apiUrl: `http://127.0.0.1:${api}` };
}

function waitForOutput(child: ChildProcess, output: () => string, text: string, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + timeoutMs;
    const timer = setInterval(() => {
      if (output().includes(text)) return finish(resolve);
      if (child.exitCode !== null) return finish(() => reject(new Error(`stammkunde start exited:\n${output().slice(-3000)}`)));
      if (Date.now() > deadline) finish(() => reject(new Error(`no "${text}" within ${timeoutMs / 1000} s:\n${output().slice(-3000)}`)));
    }, 500);
    const finish = (then: () => void) => {
      clearInterval(timer);
      then();
    };
  });
}

async function stopEngine(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGINT');
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  await exited;
  clearTimeout(timer);
}

async function main(): Promise<number> {
  const st = schemathesisExecutable(settings().STAMMKUNDE_CACHE_DIR, say);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'stammkunde-fuzz-'));
  const { env, apiUrl } = await engineEnv(dataDir);
  say(`starting the engine on embedded defaults in ${dataDir} (API ${apiUrl})`);
  let buffer = '';
  const engine = spawn(TSX, ['cli/main.ts', 'start'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const append = (chunk: Buffer) => (buffer = (buffer + chunk.toString()).slice(-100_000));
  engine.stdout!.on('data', append);
  engine.stderr!.on('data', append);
  try {
    await waitForOutput(engine, () => buffer, 'Stammkunde is running.', 300_000);
    const created = spawnSync(TSX, ['cli/main.ts', 'apikey', 'create', '--name', 'fuzzer'], { cwd: ROOT, env, encoding: 'utf8' });
    const key = /^(sk_\S+)$/m.exec(created.stdout)?.[1];
    if (!key) throw new Error(`could not create an API key:\n${created.stdout}\n${created.stderr}`);
    const reportDir = path.join(ROOT, 'fuzz', 'report');
    fs.rmSync(reportDir, { recursive: true, force: true });
    const args = [
      'run',
      `${apiUrl}/openapi.json`,
      '--url',
      apiUrl,
      '--header',
      `Authorization: Bearer ${key}`,
      '--seed',
      SEED,
      '--max-examples',
      MAX_EXAMPLES,
      '--checks',
      CHECKS.join(','),
      '--workers',
      '1',
      '--phases',
      'examples,coverage,fuzzing',
      '--request-timeout',
      '30',
      '--report',
      'junit,ndjson',
      '--report-dir',
      reportDir,
      '--no-color',
    ];
    say(`schemathesis ${CHECKS.join(', ')}; seed ${SEED}, at most ${MAX_EXAMPLES} examples per operation`);
    const t0 = Date.now();
    const fuzzer = spawn(st, args, { cwd: ROOT, stdio: 'inherit', env: { ...process.env, SCHEMATHESIS_HOOKS: '' } });
    const code = await new Promise<number>((resolve) => fuzzer.once('exit', (c) => resolve(c ?? 1)));
    say(`schemathesis exited with ${code} after ${Math.round((Date.now() - t0) / 1000)} s; reports in ${path.relative(ROOT, reportDir)}/`);
    return code;
  } finally {
    await stopEngine(engine);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`[fuzz] ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
