import type { Command } from 'commander';
import { settings } from '../../config/settings';
import { createDatabase } from '../../db/client';
import { dkimDnsRecord, loadDkimKeys } from '../../mail/dkim';
import { withTemporalClient } from './support/context';

export function registerMailCommands(program: Command): void {
  program
    .command('dkim-record')
    .description(
      'print the DNS TXT record(s) to publish for the configured DKIM keys (DKIM_SELECTOR + DKIM_PRIVATE_KEY[_PATH], or DKIM_KEYS_FILE)',
    )
    .action(() => {
      const keys = loadDkimKeys(settings());
      if (keys.length === 0)
        throw new Error('DKIM_SELECTOR: no DKIM key is configured (set DKIM_SELECTOR and DKIM_PRIVATE_KEY_PATH, or DKIM_KEYS_FILE)');
      for (const key of keys) {
        const record = dkimDnsRecord(key);
        process.stdout.write(`${record.name}. IN TXT "${record.value}"\n`);
      }
    });

  program
    .command('inbound')
    .description('run only the inbound SMTP endpoint (replies, bounces, complaints) on INBOUND_SMTP_HOST:INBOUND_SMTP_PORT')
    .action(async () => {
      const config = settings();
      const { startInboundEndpoint } = require('../../inbound/smtpEndpoint') as typeof import('../../inbound/smtpEndpoint');
      const database = await createDatabase(config);
      try {
        await withTemporalClient(config, async (client) => {
          const endpoint = await startInboundEndpoint(
            { prisma: database.prisma, client, taskQueue: config.TEMPORAL_TASK_QUEUE, settings: config },
            { host: config.INBOUND_SMTP_HOST, port: config.INBOUND_SMTP_PORT, maxMessageBytes: config.INBOUND_MAX_BYTES },
          );
          process.stdout.write(`inbound SMTP endpoint listening on ${endpoint.url}\n`);
          await new Promise<void>((resolve) => {
            process.once('SIGINT', resolve);
            process.once('SIGTERM', resolve);
          });
          await endpoint.close();
        });
      } finally {
        await database.close();
      }
    });
}
