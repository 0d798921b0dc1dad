#!/usr/bin/env node
import { Command } from 'commander';
import { migrateCommand } from '../db/migrate';
import { registerCampaignCommands } from './commands/campaigns';
import { registerStartCommand } from './commands/start';

const program = new Command('stammkunde').description('Retention and reactivation campaigns for car dealerships, on Temporal.');
registerStartCommand(program);
registerCampaignCommands(program);
program.addCommand(migrateCommand());

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
