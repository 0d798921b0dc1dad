#!/usr/bin/env node
// `npm run test:stress`: the whole suite (`npm test`) three times in a row while a CPU burner keeps one core busy,
// as a shared 2-core CI machine does. Every run must pass. STRESS_RUNS=n changes the number of runs.
'use strict';
const { spawn, spawnSync } = require('node:child_process');
const path = require('node:path');

const runs = Number(process.env.STRESS_RUNS ?? 3);
const root = path.resolve(__dirname, '../..');
const burner = spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' });
const stopBurner = () => burner.exitCode === null && burner.kill('SIGKILL');
process.on('exit', stopBurner);
process.on('SIGINT', () => process.exit(130));

const results = [];
for (let run = 1; run <= runs; run++) {
  const started = Date.now();
  process.stdout.write(`\n[stress] run ${run}/${runs} with one core busy (burner pid ${burner.pid})\n`);
  const { status } = spawnSync('npm', ['test'], { cwd: root, stdio: 'inherit', env: { ...process.env, CI: 'true' } });
  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  results.push({ run, status, minutes });
  process.stdout.write(`[stress] run ${run}: ${status === 0 ? 'passed' : `FAILED (exit ${status})`} in ${minutes} min\n`);
}
stopBurner();
const passed = results.filter((r) => r.status === 0).length;
process.stdout.write(`\n[stress] ${passed}/${runs} passed: ${results.map((r) => `${r.minutes} min`).join(', ')}\n`);
process.exit(passed === runs ? 0 : 1);
