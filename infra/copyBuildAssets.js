#!/usr/bin/env node
// `npm run build`, after tsc: the files the compiled code reads beside itself that tsc does not emit
// (plain JS modules, the Prisma schema and migrations), copied into dist/ at the same relative paths.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const dist = path.join(root, 'dist');
const ASSETS = ['infra/aptGet.js', 'infra/bootstrap.js', 'mail/smtpSenderThread.js', 'prisma'];

for (const asset of ASSETS) {
  const from = path.join(root, asset);
  if (!fs.existsSync(from)) continue;
  fs.cpSync(from, path.join(dist, asset), { recursive: true });
}
process.stdout.write(`copied ${ASSETS.length} runtime assets into dist/\n`);
