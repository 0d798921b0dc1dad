import crypto from 'node:crypto';
import type { Command } from 'commander';
import { requireUuid, resolveDealerId, withDatabase } from './support/context';

export function registerCockpitCommands(program: Command): void {
  const cockpit = program.command('cockpit').description("the dealer's web cockpit (/cockpit)");
  cockpit
    .command('user')
    .description('cockpit logins')
    .command('create')
    .description(
      'create a cockpit user (or reset an existing one with the same email); prints a generated password unless --password is given',
    )
    .requiredOption('--email <email>', 'login email')
    .requiredOption('--name <name>', 'full name, shown in the cockpit')
    .requiredOption('--role <role>', 'principal, team_lead, marketing or service_advisor')
    .option('--dealer <id>', 'the dealer (default: the only dealer in the database)')
    .option('--location <id...>', "a team lead's location(s)")
    .option('--password <password>', 'at least 10 characters (default: generated and printed once)')
    .option('--language <lang>', 'de or en', 'de')
    .action(
      async (flags: {
        email: string;
        name: string;
        role: string;
        dealer?: string;
        location?: string[];
        password?: string;
        language: string;
      }) => {
        if (flags.dealer) requireUuid(flags.dealer, '--dealer');
        for (const id of flags.location ?? []) requireUuid(id, '--location');
        const { createCockpitUser } = require('../../cockpit/auth/users') as typeof import('../../cockpit/auth/users');
        const password = flags.password ?? crypto.randomBytes(12).toString('base64url');
        await withDatabase(async ({ prisma }) => {
          const dealerId = await resolveDealerId(prisma, flags.dealer);
          const user = await createCockpitUser(prisma, {
            dealerId,
            email: flags.email,
            name: flags.name,
            role: flags.role as never,
            password,
            locationIds: flags.location ?? [],
            language: flags.language as never,
          });
          process.stdout.write(
            `Cockpit user ${user.email} (${user.role}) ready.${flags.password ? '' : ` Password (shown once): ${password}`}\n`,
          );
        });
      },
    );
}
