/**
 * End-to-end newsletter throughput: 10,000 EV owners, segment query → snapshot → render → outbox →
 * SMTP, against raw pooled nodemailer sending one pre-rendered message to the same receiver.
 *
 *   npm run bench:newsletter   (also part of npm run bench)
 *
 * Self-contained: a throwaway PostgreSQL cluster (migrated), the Temporal dev server, and an SMTP
 * receiver in another process that only counts. The worker runs in this process (its SMTP pool in the
 * engine's sender thread); its peak RSS is reported, measured before the raw run. Raw nodemailer runs
 * second, on the main thread with default options, and so profits from the warm-up.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { readSettings } from '../config/settings';
import { connectDatabase } from '../db/client';
import { payloadEncryption } from '../privacy/payloadEncryption';
import { deployMigrations } from '../db/migrationRunner';
import { startThrowawayCluster } from '../infra/postgres/throwawayCluster';
import { resolveTemporalCli } from '../infra/temporal/resolveTemporalCli';
import nodemailer from 'nodemailer';
import { createMailTransport } from '../mail/transport';
import { newsletterRunResult, startNewsletterRun } from '../newsletters/runs';
import { createRenderer } from '../templates/render';
import { sampleBranding } from '../templates/branding';
import { createEngineWorker } from '../worker/createWorker';
import { AROUND_THE_CLOCK } from '../engine/sendingWindow';
import { startCountingReceiver, type CountingReceiver } from './countingSmtpReceiver';
import { seedElectricCarOwners, winterNewsletterForEvOwners } from './electricCarOwners';

const RECIPIENTS = 10_000;
const SMTP_CONNECTIONS = Number(process.env.BENCH_SMTP_CONNECTIONS ?? 10);

const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

async function waitForCount(receiver: CountingReceiver, wanted: number): Promise<void> {
  while ((await receiver.counts()).received < wanted) await new Promise((resolve) => setTimeout(resolve, 20));
}

const newsletter = winterNewsletterForEvOwners('bench-ev-owners', 'Benchmark: E-Auto-Fahrer');

async function main(): Promise<void> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const started = performance.now();
  const [cluster, receiver] = await Promise.all([startThrowawayCluster(), startCountingReceiver()]);
  await deployMigrations({ kind: 'postgres', url: cluster.url });
  const database = await connectDatabase({ kind: 'postgres', url: cluster.url });
  const { prisma } = database;
  const settings = readSettings({
    SMTP_URL: receiver.url,
    LOG_LEVEL: 'warn',
    DATABASE_URL: cluster.url,
    MAIL_FROM: 'Autohaus Berger <service@autohaus-berger.example>',
  });
  // The bench's client encrypts and decrypts payloads like every client of the engine.
  const { executable } = await resolveTemporalCli();
  const temporal = await TestWorkflowEnvironment.createLocal({
    server: { executable, ip: '127.0.0.1' },
    client: { dataConverter: payloadEncryption(prisma, settings).dataConverter },
  });

  // One dealer, one location, 10,000 customers with an electric car each: one SQL statement.
  await seedElectricCarOwners(prisma, RECIPIENTS, 'Autohaus Berger');
  const setupSeconds = (performance.now() - started) / 1000;

  // End to end: the engine worker, the newsletter workflow, 10,000 recipients.
  const transport = createMailTransport(receiver.url, { maxConnections: SMTP_CONNECTIONS, maxMessages: 100 });
  const taskQueue = 'newsletter-bench';
  const worker = await createEngineWorker({
    connection: temporal.nativeConnection,
    namespace: 'default',
    taskQueue,
    deps: { prisma, transport, settings, sendingWindow: AROUND_THE_CLOCK },
  });
  const startedRssMb = process.resourceUsage().maxRSS / 1024;
  const running = worker.run();
  const e2eStart = performance.now();
  const e2eCpu = process.cpuUsage();
  const { workflowId } = await startNewsletterRun({ client: temporal.client, taskQueue }, newsletter, { label: 'bench' });
  const summary = await newsletterRunResult(temporal.client, workflowId);
  await waitForCount(receiver, RECIPIENTS);
  const e2eSeconds = (performance.now() - e2eStart) / 1000;
  const e2eCpuMs = cpuMs(process.cpuUsage(e2eCpu));
  const { received } = await receiver.counts();
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  worker.shutdown();
  await running;
  transport.close();

  // Raw pooled nodemailer on the main thread, as an application would use it: the same kind of
  // message, pre-rendered once, same pool size and receiver.
  const rendered = await createRenderer().renderMessage({
    templateId: 'newsletter-generic',
    language: 'de',
    variables: { ...newsletter.content.de, customer: { salutation: 'ms', firstName: 'Anna', lastName: 'Kundin' } },
    branding: sampleBranding,
  });
  const raw = nodemailer.createTransport({
    pool: true,
    host: '127.0.0.1',
    port: Number(new URL(receiver.url).port),
    maxConnections: SMTP_CONNECTIONS,
    maxMessages: 100,
  });
  const rawStart = performance.now();
  const rawCpu = process.cpuUsage();
  await Promise.all(
    Array.from({ length: RECIPIENTS }, (_, i) =>
      raw.sendMail({
        from: settings.MAIL_FROM,
        to: `raw${i}@example.de`,
        subject: rendered.subject,
        html: rendered.html,
        text: rendered.text,
      }),
    ),
  );
  await waitForCount(receiver, RECIPIENTS * 2);
  const rawSeconds = (performance.now() - rawStart) / 1000;
  const rawCpuMs = cpuMs(process.cpuUsage(rawCpu));
  raw.close();

  const rawRate = RECIPIENTS / rawSeconds;
  const e2eRate = summary.sent / e2eSeconds;
  console.log(
    `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GB RAM, Node ${process.version}, ${os.platform()} ${os.release()}`,
  );
  console.log(`setup (PostgreSQL, migrations, Temporal dev server, ${RECIPIENTS} customers): ${setupSeconds.toFixed(1)} s`);
  console.log(
    `raw pooled nodemailer (${SMTP_CONNECTIONS} connections, pre-rendered): ${RECIPIENTS} msgs in ${rawSeconds.toFixed(2)} s = ${rawRate.toFixed(0)} msg/s`,
  );
  console.log(
    `newsletter end to end (segment → snapshot → render → outbox → SMTP): ${summary.sent} sent (${received} received, ${summary.unknown} unknown, ${summary.failed} failed) in ${e2eSeconds.toFixed(2)} s = ${e2eRate.toFixed(0)} msg/s`,
  );
  console.log(`ratio end-to-end / raw: ${(e2eRate / rawRate).toFixed(2)}×   (targets: ≥ 500 msg/s and ≥ 0.5×)`);
  console.log(
    `this process's CPU per message: raw ${(rawCpuMs / RECIPIENTS).toFixed(2)} ms, end to end ${(e2eCpuMs / summary.sent).toFixed(2)} ms   (load average at the end: ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores)`,
  );
  console.log(
    `worker process peak RSS: ${peakRssMb.toFixed(0)} MB (${startedRssMb.toFixed(0)} MB of it before the first message; this process also ran the migrations and the seed)`,
  );

  await database.close();
  await temporal.teardown();
  receiver.stop();
  await cluster.stop();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
