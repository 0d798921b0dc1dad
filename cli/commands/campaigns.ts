import type { Command } from 'commander';
import { loadCampaignCatalogue } from '../../campaigns/catalogue';
import { describeDuration } from '../../campaigns/dsl/duration';
import { forEachStep } from '../../campaigns/dsl/steps';

export function registerCampaignCommands(program: Command): void {
  const campaigns = program.command('campaigns').description('the campaigns defined in campaigns/');
  campaigns
    .command('validate')
    .description('validate every campaign definition; exits non-zero naming each campaign, step and problem')
    .action(() => {
      const catalogue = loadCampaignCatalogue();
      process.stdout.write(`${catalogue.size} campaign(s) valid: ${[...catalogue.keys()].join(', ')}\n`);
    });
  campaigns
    .command('list')
    .description('list campaigns with their version and steps')
    .action(() => {
      for (const campaign of loadCampaignCatalogue().values()) {
        process.stdout.write(`${campaign.id} v${campaign.version} — ${campaign.name} (${campaign.legalBasis})\n  ${campaign.audience}\n`);
        forEachStep(campaign.steps, (step, path) => {
          const detail = step.kind === 'send' ? step.template : step.kind === 'wait' ? describeDuration(step.duration) : (step.name ?? '');
          process.stdout.write(`  ${path.padEnd(14)} ${step.kind.padEnd(13)} ${detail}\n`);
        });
      }
    });
}
