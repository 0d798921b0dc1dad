import type { Command } from 'commander';
import { settings } from '../../config/settings';

export function registerApiCommand(program: Command): void {
  program
    .command('api')
    .description('serve the HTTP API (and the public pages) on API_PORT, against DATABASE_URL (or PGlite) and TEMPORAL_ADDRESS')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .action(async (flags: { host: string }) => {
      // Loaded here, so a command that never serves HTTP does not load fastify.
      const { startApiServer } = require('../../api/server') as typeof import('../../api/server');
      const api = await startApiServer(settings(), { host: flags.host });
      process.stdout.write(`API listening on ${api.url} (docs: ${api.url}/docs)\n`);
      await new Promise<void>((resolve) => {
        process.once('SIGINT', resolve);
        process.once('SIGTERM', resolve);
      });
      await api.close();
    });
}
