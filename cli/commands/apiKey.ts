import type { Command } from 'commander';
import { requireUuid, withDatabase } from './support/context';

export function registerApiKeyCommands(program: Command): void {
  const apikey = program.command('apikey').description('keys for the HTTP API');
  apikey
    .command('create')
    .description('create an API key; the key is shown once, only its hash is stored')
    .requiredOption('--name <name>', 'what the key is for, e.g. "Website-Formular"')
    .option('--dealer <id>', 'limit the key to one dealer')
    .action(async (flags: { name: string; dealer?: string }) => {
      if (!flags.name.trim()) throw new Error('apikey create: --name must not be empty');
      if (flags.dealer) requireUuid(flags.dealer, '--dealer');
      const { createApiKey } = require('../../api/apiKeys') as typeof import('../../api/apiKeys');
      await withDatabase(async ({ prisma }) => {
        const created = await createApiKey(prisma, { name: flags.name.trim(), dealerId: flags.dealer });
        process.stdout.write(`API key "${created.name}" (${created.id}) created. Store it now, it is not shown again:\n${created.key}\n`);
      });
    });
}
