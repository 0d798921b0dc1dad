import type { Command } from 'commander';
import { settings } from '../../config/settings';
import { createDatabase } from '../../db/client';
import { withTemporalClient } from './support/context';

export function registerApiCommand(program: Command): void {
  program
    .command('api')
    .description('serve the HTTP API (and the public pages) on API_PORT, against DATABASE_URL (or PGlite) and TEMPORAL_ADDRESS')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .action(async (flags: { host: string }) => {
      const config = settings();
      const { buildApiApp } = (require('../../api/buildApp') as typeof import('../../api/buildApp'));
      await withTemporalClient(config, async (client) => {
        const database = await createDatabase(config);
        const app = buildApiApp({ prisma: database.prisma, client, taskQueue: config.TEMPORAL_TASK_QUEUE, settings: config });
        const address = await app.listen({ host: flags.host, port: config.API_PORT });
        process.stdout.write(`API listening on ${address} (docs: ${address}/docs)\n`);
        await new Promise<void>((resolve) => {
          const stop = () => resolve();
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        await app.close();
        await database.close();
      });
    });
}
