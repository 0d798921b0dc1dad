#!/usr/bin/env node
import { settings } from '../config/settings';
import { startApiServer } from './server';

/** `tsx api/main.ts`: the HTTP API on API_PORT (docs at /docs, OpenAPI at /openapi.json). */
async function main() {
  const api = await startApiServer(settings());
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await api.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`API failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
