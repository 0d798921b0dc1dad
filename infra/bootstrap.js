#!/usr/bin/env node
// Brings a fresh clone to a runnable state using Node built-ins only, because it runs
// before node_modules exists. Every step is skipped when its result is already current,
// so a warm `npm start` / `npm test` pays only for a few hash comparisons.
//
//   node infra/bootstrap.js [--for start|test]
'use strict';

const { execFileSync } = require('node:child_process');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const { aptGet } = require('./aptGet');

const root = path.resolve(__dirname, '..');
const purpose = process.argv.includes('--for') ? process.argv[process.argv.indexOf('--for') + 1] : 'start';

function say(message) {
  process.stderr.write(`[bootstrap] ${message}\n`);
}

function sha256OfFiles(files) {
  const hash = crypto.createHash('sha256');
  for (const file of files) hash.update(fs.existsSync(file) ? fs.readFileSync(file) : 'missing');
  return hash.digest('hex');
}

function run(command, args, extraEnv = {}) {
  execFileSync(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, ...extraEnv } });
}

/** Runs `step` only when the inputs' hash differs from the one recorded after its last success. */
function whenChanged(name, stampFile, inputs, step) {
  const wanted = sha256OfFiles(inputs);
  const recorded = fs.existsSync(stampFile) ? fs.readFileSync(stampFile, 'utf8').trim() : '';
  if (recorded === wanted) return;
  const started = Date.now();
  say(`${name}…`);
  step();
  fs.mkdirSync(path.dirname(stampFile), { recursive: true });
  fs.writeFileSync(stampFile, wanted);
  say(`${name}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

function checkNodeVersion() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    throw new Error(`Node.js ${process.versions.node} is too old: Stammkunde needs Node.js 20.19 or newer.`);
  }
}

function installDependencies() {
  const lock = path.join(root, 'package-lock.json');
  whenChanged(
    'installing dependencies (npm install from package-lock.json)',
    path.join(root, 'node_modules', '.stammkunde-lock-sha256'),
    [lock],
    () =>
      // `npm ci` refuses this lock: the registry here does not serve every platform's optional @swc/core
      // binary, so the lock has no entries for them. `npm install` installs exactly the locked versions.
      run('npm', ['install', '--no-audit', '--no-fund']),
  );
}

function generatePrismaClient() {
  const schema = path.join(root, 'prisma', 'schema.prisma');
  if (!fs.existsSync(schema)) return;
  const stamp = path.join(root, 'db', 'generated', '.schema-sha256');
  whenChanged('generating the Prisma client', stamp, [schema, path.join(root, 'package-lock.json')], () =>
    // `prisma generate` needs no schema engine; pointing the variable at any file stops the download attempt.
    run(path.join(root, 'node_modules', '.bin', 'prisma'), ['generate'], {
      PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || '/bin/false',
    }),
  );
}

function provisionTemporal() {
  const script = path.join(root, 'infra', 'temporal', 'provision.ts');
  if (!fs.existsSync(script)) return;
  run(path.join(root, 'node_modules', '.bin', 'tsx'), [script, '--for', purpose]);
}

/**
 * The test suite needs Debian's PostgreSQL server (throwaway clusters), Chromium (the timeline
 * browser test) and Dovecot (the throwaway IMAP server of the IMAP poller's test). As root we install
 * what is missing; otherwise we say what to install.
 */
function ensureTestSystemPackages() {
  const missing = [];
  const hasPostgres =
    fs.existsSync('/usr/lib/postgresql') &&
    fs.readdirSync('/usr/lib/postgresql').some((v) => fs.existsSync(`/usr/lib/postgresql/${v}/bin/postgres`));
  if (!hasPostgres) missing.push('postgresql');
  if (!fs.existsSync('/usr/bin/chromium')) missing.push('chromium');
  if (!fs.existsSync('/usr/sbin/dovecot') || !fs.existsSync('/usr/lib/dovecot/imap')) missing.push('dovecot-imapd');
  if (missing.length === 0) return;
  if (typeof process.getuid === 'function' && process.getuid() === 0 && fs.existsSync('/usr/bin/apt-get')) {
    say(`installing ${missing.join(', ')} from Debian's packages…`);
    // Another apt run (unattended upgrades, a colleague's install) may hold the lock: wait for it, bounded.
    const sayApt = (message) => say(message);
    aptGet(['update', '-qq'], { say: sayApt });
    aptGet(['install', '-y', '-qq', '--no-install-recommends', ...missing], { say: sayApt });
  } else {
    throw new Error(`the tests need ${missing.join(' and ')}: install them (Debian: sudo apt-get install ${missing.join(' ')})`);
  }
}

function main() {
  const started = Date.now();
  checkNodeVersion();
  installDependencies();
  generatePrismaClient();
  provisionTemporal();
  if (purpose === 'test') ensureTestSystemPackages();
  say(`ready for ${purpose} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

try {
  main();
} catch (error) {
  say(`failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
