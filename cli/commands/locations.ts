import type { Command } from 'commander';
import { requireUuid, withDatabase } from './support/context';

/** Locations (opening hours, escalation mailbox) and the dealer's defaults, through locations/locationSettings.ts like the API. */
export function registerLocationCommands(program: Command): void {
  const parseHours = (json: string | undefined, flag: string) => {
    if (json === undefined) return undefined;
    try {
      return JSON.parse(json) as unknown;
    } catch {
      throw new Error(`${flag}: must be JSON, e.g. '{"mon":[{"from":"09:00","to":"18:00"}]}'`);
    }
  };
  const locations = program.command('locations').description("a dealer's locations");
  locations
    .command('create')
    .description("create a location; without --hours it opens at the dealer's default hours; a week that never opens is refused")
    .requiredOption('--dealer <id>', 'the dealer (UUID)')
    .requiredOption('--name <name>', 'e.g. "München-Laim"')
    .requiredOption('--state <code>', 'federal state, e.g. BY')
    .option('--hours <json>', 'weekly opening hours as JSON')
    .option('--escalation-email <address>', "the location's escalation mailbox")
    .action(async (flags: { dealer: string; name: string; state: string; hours?: string; escalationEmail?: string }) => {
      requireUuid(flags.dealer, '--dealer');
      const { createLocation } = require('../../locations/locationSettings') as typeof import('../../locations/locationSettings');
      const location = await withDatabase(({ prisma }) =>
        createLocation(prisma, flags.dealer, {
          name: flags.name,
          federalState: flags.state as 'BY',
          openingHours: parseHours(flags.hours, '--hours'),
          ...(flags.escalationEmail ? { escalationEmail: flags.escalationEmail } : {}),
        }),
      );
      process.stdout.write(`Location "${location.name}" created: ${location.id}\n`);
    });
  locations
    .command('set')
    .description("change a location's opening hours or escalation mailbox")
    .argument('<locationId>', 'the location (UUID)')
    .option('--hours <json>', 'weekly opening hours as JSON ("{}": the dealer\'s default hours)')
    .option('--escalation-email <address>', "the location's escalation mailbox")
    .action(async (locationId: string, flags: { hours?: string; escalationEmail?: string }) => {
      requireUuid(locationId, 'locationId');
      const { updateLocation } = require('../../locations/locationSettings') as typeof import('../../locations/locationSettings');
      const hours = parseHours(flags.hours, '--hours');
      const location = await withDatabase(({ prisma }) =>
        updateLocation(prisma, locationId, {
          ...(hours !== undefined ? { openingHours: hours } : {}),
          ...(flags.escalationEmail ? { escalationEmail: flags.escalationEmail } : {}),
        }),
      );
      process.stdout.write(`Location "${location.name}" updated\n`);
    });
  program
    .command('dealer')
    .description("the dealer's settings")
    .command('set')
    .argument('<dealerId>', 'the dealer (UUID)')
    .option('--escalation-email <address>', 'where an escalation goes when nobody of the ladder is at work')
    .option('--default-hours <json>', 'opening hours for locations that configure none')
    .action(async (dealerId: string, flags: { escalationEmail?: string; defaultHours?: string }) => {
      requireUuid(dealerId, 'dealerId');
      const { updateDealerSettings } = require('../../locations/locationSettings') as typeof import('../../locations/locationSettings');
      const dealer = await withDatabase(({ prisma }) =>
        updateDealerSettings(prisma, dealerId, {
          ...(flags.escalationEmail ? { escalationEmail: flags.escalationEmail } : {}),
          defaultOpeningHours: parseHours(flags.defaultHours, '--default-hours'),
        }),
      );
      process.stdout.write(
        `Dealer "${dealer.name}" updated${dealer.escalationEmail ? `; escalation mailbox ${dealer.escalationEmail}` : ''}\n`,
      );
    });
}
