import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { simulationStartDate } from '../../simulation/options';
import { simulate, writeReport } from '../../simulation/simulate';

/**
 * `stammkunde simulate`: runs the coming months of the dealer's customers (a pseudonymised snapshot
 * of the configured database, or a generated population) through the real workflows in a sandbox
 * and writes an HTML and a JSON report. Nothing is sent to anyone.
 */
type SimulateFlags = {
  generate?: string;
  locations?: string;
  dealer?: string;
  start?: string;
  months: string;
  seed: string;
  campaigns?: string;
  gitRef?: string;
  behaviour?: string;
  script?: string;
  out: string;
  language: string;
};

const readJson = (file: string, flag: string): unknown => {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${flag}: cannot read ${file} as JSON (${(error as Error).message})`);
  }
};

export function registerSimulateCommand(program: Command): void {
  program
    .command('simulate')
    .description(
      'simulate the coming months of real (pseudonymised) or generated customers through the real campaigns, in a sandbox; writes report.html and report.json',
    )
    .option('--generate <customers>', 'a generated population of this size instead of a snapshot of the database')
    .option('--locations <n>', 'locations of the generated dealership', '1')
    .option('--dealer <id>', 'snapshot: only this dealer')
    .option('--start <yyyy-mm-dd>', 'first simulated day (default: today)')
    .option('--months <n>', 'horizon in months', '12')
    .option('--seed <seed>', 'seed of the behaviour model and the generated population', 'stammkunde')
    .option('--campaigns <dir>', 'compare with the campaign definitions exported by the modules in this directory')
    .option('--git-ref <ref>', 'compare with the campaign definitions at this git ref')
    .option('--behaviour <file.json>', 'behaviour probabilities (see simulation/behaviour.ts; missing keys keep their defaults)')
    .option('--script <file.json>', 'scripted events: [{ "customerId": "…", "on": "2027-05-03", "type": "objection" }]')
    .option('--out <dir>', 'where the report goes', path.join('.data', 'simulation'))
    .option('--language <de|en>', 'language of the report', 'de')
    .action(async (flags: SimulateFlags) => {
      if (flags.campaigns && flags.gitRef) throw new Error('give --campaigns or --git-ref, not both');
      if (flags.language !== 'de' && flags.language !== 'en') throw new Error(`--language: must be de or en (got "${flags.language}")`);
      const started = Date.now();
      const { report, timings } = await simulate(
        {
          population: flags.generate
            ? { source: 'generated', customers: Number(flags.generate), locations: Number(flags.locations) }
            : { source: 'snapshot', ...(flags.dealer ? { dealerId: flags.dealer } : {}) },
          start: flags.start ?? simulationStartDate(),
          months: Number(flags.months),
          seed: flags.seed,
          ...(flags.behaviour ? { behaviour: readJson(flags.behaviour, '--behaviour') as never } : {}),
          ...(flags.script ? { scriptedEvents: readJson(flags.script, '--script') as never } : {}),
          ...(flags.campaigns ? { changedCampaigns: { kind: 'directory', path: flags.campaigns } } : {}),
          ...(flags.gitRef ? { changedCampaigns: { kind: 'gitRef', ref: flags.gitRef } } : {}),
        },
        { language: flags.language, onWeek: (run, done, total) => process.stderr.write(`\r${run}: week ${done}/${total}`) },
      );
      process.stderr.write('\n');
      const files = writeReport(report, flags.out);
      const c = report.figures.compliance;
      process.stdout.write(
        [
          `Simulated ${report.meta.population.customers} customers for ${report.meta.months} months from ${report.meta.startDate} in ${((Date.now() - started) / 1000).toFixed(1)} s (${timings.length} run${timings.length > 1 ? 's' : ''}).`,
          `Marketing emails: ${c.marketingSent}; without legal basis: ${c.withoutLegalBasis}; after objection: ${c.afterObjection}; to suppressed addresses: ${c.toSuppressedAddress}.`,
          ...(report.diff
            ? [
                `Changed campaigns ${report.diff.changedCampaigns.join(', ') || '(none)'}: ${report.diff.affectedCustomers.length} customers affected.`,
              ]
            : []),
          `Report: ${files.html}`,
          `Figures: ${files.json}`,
        ].join('\n') + '\n',
      );
    });
}
