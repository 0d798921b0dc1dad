/**
 * `npm run bench:newsletter-scale -- --recipients 50000` (issue #15): one newsletter to 50,000 customers on the
 * production topology (Temporal's server on PostgreSQL, two `stammkunde worker` processes from a prebuilt bundle),
 * mail to a counting SMTP receiver in its own process. Prints the workers' RSS at 10 %, 50 % and 100 % of the run,
 * the run's progress by status as the dealer would query it, its history (continue-as-new keeps every execution
 * bounded), and shows pause, resume and cancel mid-run: paused, no mail leaves; resumed, it goes on; cancelled, the
 * rest is recorded as skipped and nothing more is sent. Not part of `npm test`.
 */
import os from 'node:os';
import { readSettings } from '../config/settings';
import {
  cancelNewsletterRun,
  newsletterRunProgress,
  newsletterRunResult,
  pauseNewsletterRun,
  resumeNewsletterRun,
  startNewsletterRun,
} from '../newsletters/runs';
import type { NewsletterProgress } from '../workflows/newsletterRun/contract';
import { startCountingReceiver } from './countingSmtpReceiver';
import { seedElectricCarOwners, winterNewsletterForEvOwners } from './electricCarOwners';
import { processStatus } from './processCpu';
import { startScaleWorld, type ScaleWorld } from './scale/world';

const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const N = arg('recipients', 50_000);
const OBSERVE_PAUSE_POLLS = 10; // progress polls (0.5 s apart) during which a paused run must not send

const t0 = Date.now();
const log = (line: string) => process.stdout.write(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(5)} s] ${line}\n`);
const poll = () => new Promise((resolve) => setTimeout(resolve, 500));

const newsletter = winterNewsletterForEvOwners('scale-ev-owners', 'Skalierung: E-Auto-Fahrer der Gruppe');

const rssOfWorkers = (world: ScaleWorld) =>
  world.workers
    .map((w) => processStatus(w.pid)?.rssMb ?? NaN)
    .map((mb) => `${mb.toFixed(0)} MB`)
    .join(' / ');
const counts = (p: NewsletterProgress) =>
  `${p.status}: ${p.sent} sent, ${Object.values(p.skipped).reduce((a, b) => a + b, 0)} skipped, ${p.failed} failed, ${p.unknown} unknown, ${p.remaining} remaining of ${p.total}`;

/** The run's executions (continue-as-new chain) and the largest history among them. */
async function historyOf(world: ScaleWorld, workflowId: string) {
  let executions = 0;
  let largest = 0;
  for await (const execution of world.client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) {
    executions += 1;
    const history = await world.client.workflow.getHandle(workflowId, execution.runId).fetchHistory();
    largest = Math.max(largest, history.events?.length ?? 0);
  }
  return { executions, largest };
}

async function main(): Promise<void> {
  const receiver = await startCountingReceiver();
  const world = await startScaleWorld({ workers: 2, log, workerSmtpUrl: receiver.url });
  const deps = { client: world.client, taskQueue: readSettings().TEMPORAL_TASK_QUEUE };
  try {
    await seedElectricCarOwners(world.database.prisma, N, 'Autohaus Gruppe Süd');
    log(`${N} customers with an electric car; workers idle at ${rssOfWorkers(world)}`);

    // Run 1: the whole segment, paused at 30 % and resumed; RSS at 10, 50 and 100 %.
    const started = Date.now();
    const { workflowId } = await startNewsletterRun(deps, newsletter, { label: 'scale' });
    const rss: Array<[string, string]> = [];
    const marks = [0.1, 0.5];
    let pausedAt: number | undefined;
    for (;;) {
      await poll();
      const p = await newsletterRunProgress(world.client, workflowId).catch(() => undefined);
      if (!p || p.total === 0) continue;
      const done = (p.total - p.remaining) / p.total;
      while (marks.length && done >= marks[0]) {
        rss.push([`${Math.round(marks.shift()! * 100)} %`, rssOfWorkers(world)]);
        log(`${rss[rss.length - 1][0]} handled (${counts(p)}): worker RSS ${rss[rss.length - 1][1]}`);
      }
      if (pausedAt === undefined && done >= 0.3) {
        await pauseNewsletterRun(world.client, workflowId);
        let paused = p;
        while (paused.status !== 'paused') {
          await poll();
          paused = await newsletterRunProgress(world.client, workflowId);
        }
        const before = (await receiver.counts()).received;
        for (let i = 0; i < OBSERVE_PAUSE_POLLS; i++) {
          await poll();
          const now = await newsletterRunProgress(world.client, workflowId);
          if (now.sent !== paused.sent || now.status !== 'paused') throw new Error(`sent while paused: ${counts(paused)} → ${counts(now)}`);
        }
        const after = (await receiver.counts()).received;
        if (after !== before) throw new Error(`the receiver got ${after - before} messages while the run was paused`);
        pausedAt = paused.sent;
        log(`paused at ${counts(paused)}; no message left in ${OBSERVE_PAUSE_POLLS / 2} s; resuming`);
        await resumeNewsletterRun(world.client, workflowId);
      }
      if (['completed', 'failed', 'cancelled'].includes(p.status)) break;
    }
    const result = await newsletterRunResult(world.client, workflowId);
    const seconds = (Date.now() - started) / 1000;
    rss.push(['100 %', rssOfWorkers(world)]);
    const history = await historyOf(world, workflowId);
    log(`run 1 ${counts(result)} in ${seconds.toFixed(0)} s`);

    // Run 2: the same newsletter again, cancelled a little way in.
    const second = await startNewsletterRun(deps, newsletter, { label: 'scale-cancelled' });
    let cancelledAt: NewsletterProgress | undefined;
    while (!cancelledAt) {
      await poll();
      const p = await newsletterRunProgress(world.client, second.workflowId).catch(() => undefined);
      if (p && p.total > 0 && p.sent >= Math.min(1000, p.total / 20)) {
        await cancelNewsletterRun(world.client, second.workflowId);
        cancelledAt = p;
      }
    }
    const cancelled = await newsletterRunResult(world.client, second.workflowId);
    log(`run 2 cancelled at ${counts(cancelledAt)}; ended ${counts(cancelled)}`);

    const received = await receiver.counts();
    const sentRows = await world.database.prisma.message.count({ where: { status: 'sent' } });
    const ok = (good: boolean) => (good ? 'ok' : 'FAILED');
    const out = (line: string) => process.stdout.write(`${line}\n`);
    out('');
    out(`newsletter at scale: ${N} recipients, 2 workers, Temporal server on PostgreSQL`);
    out(
      `machine                           ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load ${os.loadavg()[0].toFixed(1)} at the end`,
    );
    out(`run 1                             ${counts(result)} in ${seconds.toFixed(0)} s = ${(result.sent / seconds).toFixed(0)} msg/s`);
    for (const [mark, value] of rss) out(`worker RSS at ${mark.padEnd(6)}              ${value}`);
    out(`run 1 history                     ${history.executions} executions (continue-as-new), largest ${history.largest} events`);
    out(`paused at                         ${pausedAt} sent; nothing sent during ${OBSERVE_PAUSE_POLLS / 2} s paused; resumed to the end`);
    out(
      `run 2 cancelled                   at ${cancelledAt.sent} sent: ended ${cancelled.status} with ${cancelled.sent} sent, ${cancelled.skipped.cancelled ?? 0} skipped as cancelled  ${ok(cancelled.status === 'cancelled' && cancelled.remaining === 0)}`,
    );
    out(
      `received                          ${received.received} (outbox rows sent ${sentRows}), ${received.duplicateMessageIds} Message-IDs twice, ${received.withoutMessageId} without  ${ok(received.received === sentRows && received.duplicateMessageIds === 0)}`,
    );
  } finally {
    await world.close();
    receiver.stop();
  }
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
