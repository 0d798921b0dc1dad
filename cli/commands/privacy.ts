import os from 'node:os';
import type { Command } from 'commander';
import { requireUuid, withDatabase, withTemporalClient } from './support/context';

/**
 * `customer erase <id>` (Art. 17), `customer export <id>` (Art. 15/20) and `keys rotate` (re-wrap
 * the payload data keys under a new PAYLOAD_MASTER_KEY).
 */
export function registerPrivacyCommands(program: Command): void {
  const customer = program.commands.find((c) => c.name() === 'customer') ?? program.command('customer');
  customer
    .command('erase')
    .description(
      'erase a customer (Art. 17 DSGVO): end their workflows, blank their data everywhere, shred their payload key; safe to repeat',
    )
    .argument('<customerId>', 'the customer id (UUID)')
    .option('--requested-by <who>', 'who took the request (default: cli:<your user name>)')
    .option('--requested-at <instant>', 'when the customer asked (ISO 8601; default now)')
    .action(async (customerId: string, flags: { requestedBy?: string; requestedAt?: string }) => {
      requireUuid(customerId, 'customerId');
      const requestedAt = flags.requestedAt ? new Date(flags.requestedAt) : undefined;
      if (requestedAt && Number.isNaN(requestedAt.getTime()))
        throw new Error(`--requested-at: "${flags.requestedAt}" is not an ISO 8601 instant`);
      const { eraseCustomer } = require('../../privacy/erasure') as typeof import('../../privacy/erasure');
      const report = await withDatabase(async ({ prisma, settings }) => {
        const row = await prisma.customer.findUnique({ where: { id: customerId }, select: { dealerId: true } });
        if (!row) throw new Error(`customerId: no customer ${customerId}`);
        return withTemporalClient(
          settings,
          (client) =>
            eraseCustomer(
              { prisma, client, settings },
              { customerId, dealerId: row.dealerId, requestedBy: flags.requestedBy ?? `cli:${os.userInfo().username}`, requestedAt },
            ),
          prisma,
        );
      });
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    });
  customer
    .command('export')
    .description('everything stored about a customer, as JSON on stdout (Art. 15 and 20 DSGVO)')
    .argument('<customerId>', 'the customer id (UUID)')
    .action(async (customerId: string) => {
      requireUuid(customerId, 'customerId');
      const { exportCustomerData } = require('../../privacy/exportCustomer') as typeof import('../../privacy/exportCustomer');
      const data = await withDatabase(({ prisma }) => exportCustomerData(prisma, customerId));
      if (!data) throw new Error(`customerId: no customer ${customerId}`);
      process.stdout.write(`${JSON.stringify(data, null, 2)}\n`);
    });

  program
    .command('keys')
    .description('payload encryption keys')
    .command('rotate')
    .description(
      're-wrap every payload data key under PAYLOAD_MASTER_KEY (the old master key in PAYLOAD_MASTER_KEY_PREVIOUS); safe to repeat',
    )
    .action(async () => {
      const { payloadEncryption } = require('../../privacy/payloadEncryption') as typeof import('../../privacy/payloadEncryption');
      const result = await withDatabase(({ prisma, settings }) => payloadEncryption(prisma, settings).keys.rewrapAll());
      process.stdout.write(`${result.rewrapped} data keys re-wrapped, ${result.alreadyCurrent} already under the current master key\n`);
    });
}
