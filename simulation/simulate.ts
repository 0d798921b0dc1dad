import fs from 'node:fs';
import path from 'node:path';
import type { WorkerOptions } from '@temporalio/worker';
import type { Behaviour } from './behaviour';
import { loadDefinitions } from './definitions';
import { parseSimulationOptions, type SimulationOptionsInput } from './options';
import type { RunFigures } from './report/collect';
import { diffRuns, type CampaignDiff } from './report/diff';
import { renderReportHtml } from './report/html';
import type { ReportLanguage } from './report/labels';
import { runSimulation, type RunResult } from './run';
import type { Sandbox } from './sandbox';

/**
 * `stammkunde simulate`: the next months of the dealer's customers through the real workflows, in
 * a sandbox, before anything is sent. With changed campaign definitions it runs twice (current and
 * changed, same population, seed and behaviour) and reports the difference customer by customer.
 * The report holds no wall-clock value, so the same input gives the same report.
 */
export type SimulationReport = {
  meta: {
    startDate: string;
    startInstant: string;
    months: number;
    seed: string;
    timeZone: string;
    language: ReportLanguage;
    population: { source: 'snapshot' | 'generated'; customers: number };
    behaviour: Behaviour;
    campaigns: Array<{ id: string; version: number }>;
    changedCampaigns: string[];
  };
  figures: RunFigures;
  changedFigures?: RunFigures;
  diff?: CampaignDiff;
};

export type SimulateResult = { report: SimulationReport; timings: Array<RunResult['timings']> };

export async function simulate(
  input: SimulationOptionsInput,
  extra: {
    language?: ReportLanguage;
    workflowBundle?: WorkerOptions['workflowBundle'];
    onWeek?: (run: string, done: number, total: number) => void;
    inspect?: (run: 'current' | 'changed', sandbox: Sandbox) => Promise<void>;
  } = {},
): Promise<SimulateResult> {
  const options = parseSimulationOptions(input);
  const definitions = loadDefinitions(options.changedCampaigns);
  const current = await runSimulation({
    options,
    catalogue: definitions.current,
    workflowBundle: extra.workflowBundle,
    onWeek: (d, t) => extra.onWeek?.('current', d, t),
    inspect: (s) => extra.inspect?.('current', s) ?? Promise.resolve(),
  });
  const changed = definitions.changed
    ? await runSimulation({
        options,
        catalogue: definitions.changed,
        workflowBundle: extra.workflowBundle,
        onWeek: (d, t) => extra.onWeek?.('changed', d, t),
        inspect: (s) => extra.inspect?.('changed', s) ?? Promise.resolve(),
      })
    : undefined;
  const report: SimulationReport = {
    meta: {
      startDate: options.start,
      startInstant: current.figures.startInstant,
      months: options.months,
      seed: options.seed,
      timeZone: options.timeZone,
      language: extra.language ?? 'de',
      population: { source: options.population.source, customers: current.figures.customers },
      behaviour: options.behaviour,
      campaigns: [...definitions.current.values()].map((c) => ({ id: c.id, version: c.version })),
      changedCampaigns: definitions.changedIds,
    },
    figures: current.figures,
    ...(changed
      ? {
          changedFigures: changed.figures,
          diff: diffRuns(current.figures.sentMessages, changed.figures.sentMessages, definitions.changedIds),
        }
      : {}),
  };
  return { report, timings: [current.timings, ...(changed ? [changed.timings] : [])] };
}

/** Writes report.json and report.html into `dir`; returns their paths. */
export function writeReport(report: SimulationReport, dir: string): { json: string; html: string } {
  fs.mkdirSync(dir, { recursive: true });
  const json = path.join(dir, 'report.json');
  const html = path.join(dir, 'report.html');
  fs.writeFileSync(json, `${JSON.stringify(report, null, 1)}\n`);
  fs.writeFileSync(html, renderReportHtml(report));
  return { json, html };
}
