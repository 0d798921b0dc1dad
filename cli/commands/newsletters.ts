import type { Command } from 'commander';
import { cliSettings as settings } from './support/context';
import {
  cancelNewsletterRun,
  listNewsletterSchedules,
  newsletterById,
  newsletterCatalogue,
  newsletterRunProgress,
  pauseNewsletterRun,
  resumeNewsletterRun,
  startNewsletterRun,
  syncNewsletterSchedules,
} from '../../newsletters';
import { withTemporalClient } from './support/context';

const print = (line: string) => process.stdout.write(`${line}\n`);

/** `stammkunde newsletters …`: the newsletters defined in newsletters/catalogue.ts, their schedules and runs. */
export function registerNewsletterCommands(program: Command): void {
  const newsletters = program.command('newsletters').description('segment newsletters: schedules and runs');

  newsletters
    .command('list')
    .description('every newsletter with its segment, template and schedule state')
    .action(async () => {
      const config = settings();
      const schedules = await withTemporalClient(config, (client) => listNewsletterSchedules(client)).catch(() => undefined);
      for (const n of newsletterCatalogue) {
        const schedule = schedules?.find((s) => s.newsletterId === n.id);
        const state = schedules === undefined ? 'Temporal not reachable' : schedule ? (schedule.paused ? 'paused' : `next ${schedule.nextRuns[0]?.toISOString() ?? '–'}`) : 'no schedule';
        print(`${n.id.padEnd(28)} ${n.name} — ${state}`);
      }
    });

  newsletters
    .command('sync')
    .description('create or update the Temporal Schedules of every scheduled newsletter (idempotent)')
    .action(async () => {
      const config = settings();
      await withTemporalClient(config, (client) => syncNewsletterSchedules(client, newsletterCatalogue, { taskQueue: config.TEMPORAL_TASK_QUEUE }));
      print(`${newsletterCatalogue.length} newsletter schedule(s) in sync`);
    });

  newsletters
    .command('run <newsletterId>')
    .description('send a newsletter now (or --at an ISO time) as a one-off run; prints the run id')
    .option('--at <iso>', 'start at this time instead of now')
    .action(async (newsletterId: string, options: { at?: string }) => {
      const at = options.at ? new Date(options.at) : undefined;
      if (at && Number.isNaN(at.getTime())) throw new Error(`--at: "${options.at}" is not a date-time (e.g. 2027-10-05T10:00:00+02:00)`);
      const config = settings();
      const { workflowId } = await withTemporalClient(config, (client) =>
        startNewsletterRun({ client, taskQueue: config.TEMPORAL_TASK_QUEUE }, newsletterById(newsletterId), { at }),
      );
      print(workflowId);
    });

  const control = (name: 'pause' | 'resume' | 'cancel', action: typeof pauseNewsletterRun, description: string) =>
    newsletters
      .command(`${name} <runId>`)
      .description(description)
      .action(async (runId: string) => {
        await withTemporalClient(settings(), async (client) => {
          await action(client, runId);
          const progress = await newsletterRunProgress(client, runId);
          print(`${runId}: ${name} requested — sent ${progress.sent} of ${progress.total}, remaining ${progress.remaining}`);
        });
      });
  control('pause', pauseNewsletterRun, 'pause a running newsletter after the current batch');
  control('resume', resumeNewsletterRun, 'resume a paused newsletter');
  control('cancel', cancelNewsletterRun, 'cancel a newsletter run; recipients not yet reached are recorded as skipped');
}
