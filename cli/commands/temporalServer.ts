import type { Command } from 'commander';
import { settings } from '../../config/settings';

type Flags = { port: string; namespace: string; database: string; visibilityDatabase: string; shards: string; retentionDays: string };

/**
 * `stammkunde temporal-server`: Temporal's real server on PostgreSQL (the production topology, see README "Production"),
 * from infra/temporal/server-config/stammkunde.yaml. Sets up or upgrades both schemas, registers the namespace, runs
 * until Ctrl-C / SIGTERM and stops cleanly. Without TEMPORAL_POSTGRES_URL it runs on a throwaway PostgreSQL (a trial).
 */
export function registerTemporalServerCommand(program: Command): void {
  program
    .command('temporal-server')
    .description('run the Temporal server on PostgreSQL (TEMPORAL_POSTGRES_URL, or a throwaway one): schema, namespace, server')
    .option('--port <port>', 'frontend gRPC port (workers and clients set TEMPORAL_ADDRESS to it)', '7233')
    .option('--namespace <name>', 'namespace to register when missing', settings().TEMPORAL_NAMESPACE)
    .option('--database <name>', 'database for workflow state', 'temporal')
    .option('--visibility-database <name>', 'database for SQL visibility', 'temporal_visibility')
    .option('--shards <n>', 'history shards: fixed at the first start, never changeable later', '4')
    .option('--retention-days <n>', 'how long closed workflows stay', '7')
    .action(async (flags: Flags) => {
      const { startTemporalServer } =
        require('../../infra/temporal/temporalServer') as typeof import('../../infra/temporal/temporalServer');
      const { temporalPostgresFromUrl } =
        require('../../infra/temporal/temporalSchema') as typeof import('../../infra/temporal/temporalSchema');
      const { startThrowawayCluster } =
        require('../../infra/postgres/throwawayCluster') as typeof import('../../infra/postgres/throwawayCluster');
      const configured = settings().TEMPORAL_POSTGRES_URL;
      const throwaway = configured ? undefined : await startThrowawayCluster();
      if (throwaway)
        process.stdout.write(`No TEMPORAL_POSTGRES_URL: using a throwaway PostgreSQL on ${throwaway.url} (deleted at the stop).\n`);
      const names = { database: flags.database, visibilityDatabase: flags.visibilityDatabase };
      try {
        const server = await startTemporalServer({
          postgres: temporalPostgresFromUrl(configured ?? throwaway!.url, names),
          port: positive(flags.port, '--port'),
          namespace: flags.namespace,
          historyShards: positive(flags.shards, '--shards'),
          retentionDays: positive(flags.retentionDays, '--retention-days'),
        });
        process.stdout.write(`Temporal server on ${server.address}, namespace ${server.namespace}. Ctrl-C stops it.\n`);
        const stopped = await Promise.race([
          new Promise<'signal'>((resolve) => {
            process.once('SIGINT', () => resolve('signal'));
            process.once('SIGTERM', () => resolve('signal'));
          }),
          server.exited.then(() => 'exited' as const),
        ]);
        if (stopped === 'exited') throw new Error('the Temporal server exited on its own; run with LOG_LEVEL=debug to see its log');
        await server.stop();
        process.stdout.write('Temporal server stopped.\n');
      } finally {
        await throwaway?.stop();
      }
    });
}

function positive(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${flag}: expected a whole number, got "${value}"`);
  return n;
}
