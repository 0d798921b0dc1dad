import type { NativeConnection } from '@temporalio/worker';
import type { Command } from 'commander';
import { componentLogger } from '../../config/logger';
import { assertLinkSecretFitFor } from '../../config/linkSecret';
import { settings } from '../../config/settings';
import { createDatabase } from '../../db/client';
import { describeTarget } from '../../db/databaseTarget';
import { sendingWindowFromSettings } from '../../engine/sendingWindow';
import { readImapSettings } from '../../inbound/imap/imapSettings';
import { temporalConnectionOptions, withTemporalClient } from './support/context';

const log = componentLogger('cli.worker');

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description('run only the engine worker, against TEMPORAL_ADDRESS, DATABASE_URL (or PGlite) and SMTP_URL')
    .action(async () => {
      const config = settings();
      assertLinkSecretFitFor(config, { role: 'worker' });
      const imap = readImapSettings(process.env, config.INBOUND_MAX_BYTES); // the dealer's mailbox, if configured
      const { NativeConnection } = await import('@temporalio/worker');
      const { createEngineWorker } = require('../../worker/createWorker') as typeof import('../../worker/createWorker');
      const { createMailTransport } = require('../../mail/transport') as typeof import('../../mail/transport');
      let connection: NativeConnection;
      try {
        connection = await NativeConnection.connect(temporalConnectionOptions(config));
      } catch (error) {
        throw new Error(`Cannot reach Temporal at ${config.TEMPORAL_ADDRESS} (TEMPORAL_ADDRESS): ${(error as Error).message}`);
      }
      const database = await createDatabase(config);
      const transport = createMailTransport(config.SMTP_URL);
      const worker = await createEngineWorker({
        connection,
        namespace: config.TEMPORAL_NAMESPACE,
        taskQueue: config.TEMPORAL_TASK_QUEUE,
        deps: { prisma: database.prisma, transport, settings: config, sendingWindow: sendingWindowFromSettings(config).window },
      });
      const { newsletterCatalogue, syncNewsletterSchedules } = require('../../newsletters') as typeof import('../../newsletters');
      await withTemporalClient(
        config,
        (client) => syncNewsletterSchedules(client, newsletterCatalogue, { taskQueue: config.TEMPORAL_TASK_QUEUE }),
        database.prisma,
      );
      const stop = () => {
        if (worker.getState() === 'RUNNING') worker.shutdown(); // the SDK may have begun on the same signal
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      log.info(
        { temporal: config.TEMPORAL_ADDRESS, taskQueue: config.TEMPORAL_TASK_QUEUE, database: describeTarget(database.target) },
        'worker running',
      );
      try {
        if (!imap) await worker.run();
        else {
          // Replies in the dealer's existing mailbox: polled beside the worker, stopped when it stops.
          const { startImapPoller } = require('../../inbound/imap/imapPoller') as typeof import('../../inbound/imap/imapPoller');
          await withTemporalClient(
            config,
            async (client) => {
              const poller = startImapPoller(
                { prisma: database.prisma, client, taskQueue: config.TEMPORAL_TASK_QUEUE, settings: config },
                imap,
              );
              try {
                await worker.run();
              } finally {
                await poller.stop();
              }
            },
            database.prisma,
          );
        }
      } finally {
        transport.close();
        await database.close();
        await connection.close();
      }
    });
}
