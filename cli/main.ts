#!/usr/bin/env node
import { Command } from 'commander';
import { migrateCommand } from '../db/migrate';
import { registerCampaignCommands } from './commands/campaigns';
import { registerStartCommand } from './commands/start';
import { registerApiCommand } from './commands/api';
import { registerApiKeyCommands } from './commands/apiKey';
import { registerCampaignPreviewCommand } from './commands/campaignPreview';
import { registerCockpitCommands } from './commands/cockpitUser';
import { registerCustomerCommands } from './commands/customerShow';
import { registerImportCommand } from './commands/import';
import { registerLeadCommands } from './commands/leadOutcome';
import { registerLocationCommands } from './commands/locations';
import { registerNewsletterCommands } from './commands/newsletters';
import { registerSimulateCommand } from './commands/simulate';
import { registerWorkerCommand } from './commands/worker';
import { registerTemporalServerCommand } from './commands/temporalServer';
import { registerPrivacyCommands } from './commands/privacy';
import { registerMailCommands } from './commands/mailAuth';

const program = new Command('stammkunde').description('Retention and reactivation campaigns for car dealerships, on Temporal.');
registerStartCommand(program);
registerCampaignCommands(program);
registerCampaignPreviewCommand(program);
registerWorkerCommand(program);
registerTemporalServerCommand(program);
registerMailCommands(program);
registerApiCommand(program);
registerApiKeyCommands(program);
registerCustomerCommands(program);
registerPrivacyCommands(program);
registerImportCommand(program);
registerLeadCommands(program);
registerLocationCommands(program);
registerNewsletterCommands(program);
registerCockpitCommands(program);
registerSimulateCommand(program);
program.addCommand(migrateCommand());

program.parseAsync(process.argv).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
