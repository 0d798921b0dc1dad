'use strict';
// Only `prisma dev` (a local Prisma Postgres) loads @prisma/streams-local; Stammkunde never runs it (tests and the
// embedded engine use real PostgreSQL or PGlite). The real package requires Node >= 22, and on Node 20 `npm install`
// warned EBADENGINE for it on every fresh clone, so package.json `overrides` points it here.
exports.startLocalDurableStreamsServer = async function startLocalDurableStreamsServer() {
  throw new Error('`prisma dev` is not supported in Stammkunde: @prisma/streams-local is stubbed (infra/npm-stubs/prisma-streams-local)');
};
