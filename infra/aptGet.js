// apt-get that waits (bounded) while another apt or dpkg process holds the lock, and says so,
// instead of failing at once. Node built-ins only: infra/bootstrap.js runs before node_modules exists.
'use strict';

const { spawnSync } = require('node:child_process');

const LOCK_MESSAGE =
  /Could not get lock|Unable to acquire the dpkg frontend lock|Unable to lock (the )?(administration|directory)|is another process using it/i;
const DEFAULT_TIMEOUT_MS = 10 * 60_000;
const DEFAULT_POLL_MS = 3_000;

function sleep(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** "held by process 1234 (apt-get)" when apt names the holder. */
function lockHolder(stderr) {
  const match = /held by process (\d+)(?: \(([^)]+)\))?/.exec(stderr);
  return match ? `process ${match[1]}${match[2] ? ` (${match[2]})` : ''}` : 'another apt or dpkg process';
}

/**
 * Runs `apt-get <args>`. While apt answers that the lock is taken, waits and retries, up to
 * `timeoutMs` (STAMMKUNDE_APT_LOCK_TIMEOUT_S overrides it); any other failure throws at once.
 * `STAMMKUNDE_APT_GET` replaces the apt-get executable (tests).
 */
function aptGet(args, options = {}) {
  const command = options.command || process.env.STAMMKUNDE_APT_GET || 'apt-get';
  const envTimeout = Number(process.env.STAMMKUNDE_APT_LOCK_TIMEOUT_S);
  const timeoutMs = options.timeoutMs ?? (envTimeout > 0 ? envTimeout * 1000 : DEFAULT_TIMEOUT_MS);
  const pollMs = options.pollMs ?? DEFAULT_POLL_MS;
  const say = options.say || ((message) => process.stderr.write(`[apt] ${message}\n`));
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive', ...(options.env || {}) };
  const started = Date.now();
  let announced = false;
  for (;;) {
    const result = spawnSync(command, args, { env, stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' });
    if (result.error) throw new Error(`cannot run ${command}: ${result.error.message}`);
    if (result.status === 0) {
      if (announced)
        say(`the apt lock is free again; \`apt-get ${args.join(' ')}\` succeeded after ${Math.round((Date.now() - started) / 1000)} s`);
      return;
    }
    const stderr = result.stderr || '';
    if (!LOCK_MESSAGE.test(stderr)) {
      process.stderr.write(stderr);
      throw new Error(`\`apt-get ${args.join(' ')}\` failed (exit ${result.status}); see its output above`);
    }
    const waited = Date.now() - started;
    if (waited >= timeoutMs) {
      process.stderr.write(stderr);
      throw new Error(
        `\`apt-get ${args.join(' ')}\`: ${lockHolder(stderr)} still holds the apt lock after ${Math.round(waited / 1000)} s; ` +
          'let it finish (or stop it) and run again, or wait longer with STAMMKUNDE_APT_LOCK_TIMEOUT_S=<seconds>',
      );
    }
    if (!announced) {
      say(
        `${lockHolder(stderr)} holds the apt lock; waiting for it (at most ${Math.round(timeoutMs / 1000)} s) before \`apt-get ${args.join(' ')}\``,
      );
      announced = true;
    }
    sleep(Math.min(pollMs, Math.max(0, timeoutMs - waited)));
  }
}

module.exports = { aptGet, LOCK_MESSAGE };
