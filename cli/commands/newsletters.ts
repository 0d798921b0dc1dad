import type { Command } from 'commander';
import { DateTime } from 'luxon';
import { cliSettings as settings, resolveDealerId, withDatabase } from './support/context';
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
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const OPEN_WAIT_MS = 60_000;

/** The dealership's time zone (the only dealer's, or Europe/Berlin when the database has none or cannot be reached). */
async function dealerTimeZone(): Promise<string> {
  return withDatabase(async ({ prisma }) => {
    const dealer = await prisma.dealer.findUnique({ where: { id: await resolveDealerId(prisma) } });
    return dealer?.timeZone ?? 'Europe/Berlin';
  }).catch(() => 'Europe/Berlin');
}

const localTime = (at: Date, zone: string) =>
  DateTime.fromJSDate(at, { zone }).toFormat("ccc d LLL yyyy, HH:mm '('ZZZZ')'", { locale: 'en-GB' });

/** A run id as the API shows it (UUID) or as `newsletters run` prints it (the workflow id): the workflow id. */
async function runWorkflowId(runId: string): Promise<string> {
  if (!UUID.test(runId)) return runId;
  const run = await withDatabase(({ prisma }) => prisma.newsletterRun.findUnique({ where: { id: runId }, select: { workflowId: true } }));
  if (!run?.workflowId) throw new Error(`runId: no newsletter run ${runId}`);
  return run.workflowId;
}

/** Waits (up to a minute) until the run has opened: its row and recipient snapshot exist, so every surface knows the id. */
async function waitUntilOpened(workflowId: string): Promise<{ id: string; recipients: number } | undefined> {
  return withDatabase(async ({ prisma }) => {
    const deadline = Date.now() + OPEN_WAIT_MS;
    for (;;) {
      const run = await prisma.newsletterRun.findUnique({
        where: { workflowId },
        select: { id: true, _count: { select: { recipients: true } } },
      });
      if (run) return { id: run.id, recipients: run._count.recipients };
      if (Date.now() > deadline) return undefined;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  });
}

/** `stammkunde newsletters …`: the newsletters defined in newsletters/catalogue.ts, their schedules and runs. */
export function registerNewsletterCommands(program: Command): void {
  const newsletters = program.command('newsletters').description('segment newsletters: schedules and runs');

  newsletters
    .command('list')
    .description('every newsletter with its segment, template and schedule state')
    .action(async () => {
      const config = settings();
      const schedules = await withTemporalClient(config, (client) => listNewsletterSchedules(client)).catch(() => undefined);
      const zone = await dealerTimeZone();
      for (const n of newsletterCatalogue) {
        const schedule = schedules?.find((s) => s.newsletterId === n.id);
        const next = schedule?.nextRuns[0];
        const state =
          schedules === undefined
            ? 'Temporal not reachable'
            : schedule
              ? schedule.paused
                ? 'paused'
                : `next ${next ? localTime(next, zone) : '–'}`
              : 'no schedule';
        print(`${n.id.padEnd(28)} ${n.name} — ${state}`);
      }
    });

  newsletters
    .command('sync')
    .description('create or update the Temporal Schedules of every scheduled newsletter (idempotent)')
    .action(async () => {
      const config = settings();
      await withTemporalClient(config, (client) =>
        syncNewsletterSchedules(client, newsletterCatalogue, { taskQueue: config.TEMPORAL_TASK_QUEUE }),
      );
      print(`${newsletterCatalogue.length} newsletter schedule(s) in sync`);
    });

  newsletters
    .command('run <newsletterId>')
    .description(
      'send a newsletter now (or --at an ISO time) as a one-off run; prints the run id (GET /newsletter-runs/{id} and pause/resume/cancel take it)',
    )
    .option('--at <iso>', 'start at this time instead of now')
    .action(async (newsletterId: string, options: { at?: string }) => {
      const at = options.at ? new Date(options.at) : undefined;
      if (at && Number.isNaN(at.getTime())) throw new Error(`--at: "${options.at}" is not a date-time (e.g. 2027-10-05T10:00:00+02:00)`);
      const config = settings();
      const { workflowId } = await withTemporalClient(config, (client) =>
        startNewsletterRun({ client, taskQueue: config.TEMPORAL_TASK_QUEUE }, newsletterById(newsletterId), { at }),
      );
      print(workflowId);
      if (at && at.getTime() > Date.now()) {
        print(`starts ${localTime(at, await dealerTimeZone())}`);
        return;
      }
      const opened = await waitUntilOpened(workflowId);
      print(
        opened ? `opened: ${opened.recipients} recipient(s), run ${opened.id}` : 'not opened within a minute yet: is the worker running?',
      );
    });

  const control = (name: 'pause' | 'resume' | 'cancel', action: typeof pauseNewsletterRun, description: string) =>
    newsletters
      .command(name)
      .description(description)
      .argument('<runId>', 'the run id: as `newsletters run` printed it, or the UUID of the API')
      .action(async (runId: string) => {
        const workflowId = await runWorkflowId(runId);
        await withTemporalClient(settings(), async (client) => {
          await action(client, workflowId);
          const progress = await newsletterRunProgress(client, workflowId);
          print(`${runId}: ${name} requested — sent ${progress.sent} of ${progress.total}, remaining ${progress.remaining}`);
        });
      });
  control('pause', pauseNewsletterRun, 'pause a running newsletter after the current batch');
  control('resume', resumeNewsletterRun, 'resume a paused newsletter');
  control('cancel', cancelNewsletterRun, 'cancel a newsletter run; recipients not yet reached are recorded as skipped');
}
