import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { DateTime } from 'luxon';
import { processStatus } from './processCpu';
import { DEFAULT_ENROLL_CONCURRENCY } from '../import/enrollmentWindow';
import { writeGeneratedPopulation } from '../simulation/population';
import { lifecycleWorkflowId } from '../workflows/customerLifecycle/contract';
import * as checks from './scale/checks';
import { importFile, importSummary, retryNote } from './scale/importFile';
import { resourceSampler } from './scale/resourceSampler';
import { writeDealerGroupCsv } from './scale/dealerGroupCsv';
import { compareSlice } from './scale/sliceComparison';
import { runSixMonthSample, sixMonthSampleOptions, type SampleFlags } from './scale/sixMonthSample';
import { startThrowawayCluster } from '../infra/postgres/throwawayCluster';
import { startScaleWorld, type ScaleWorld } from './scale/world';

/**
 * `npm run bench:scale -- --customers 2000` (issue #15): a dealer group's DMS export through the real import into
 * customer lifecycles on Temporal's real server on PostgreSQL with two `stammkunde worker` processes, while one worker
 * is SIGKILLed and restarted and the server is restarted. Prints rates, the time until every lifecycle sleeps, duplicate
 * checks, worker RSS, history and PostgreSQL bytes per customer against the targets. Then (`--slice`) the first n
 * customers once more on the real server and on the CLI dev server, both without chaos, and the ratio of the two
 * (bench/scale/sliceComparison.ts). Last (`--sample`), six simulated months of a 1,000-customer sample on the
 * time-skipping server: messages, tasks and history growth per customer-year and the longest history
 * (bench/scale/sixMonthSample.ts). `--only sample` runs that phase alone. Not part of `npm test`.
 */
const wholeNumber = (min: number) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`expected a whole number >= ${min}`);
  return n;
};
const flags = new Command('npx tsx bench/scaleBench.ts')
  .option('--customers <n>', 'customers in the DMS export (one car each)', wholeNumber(1), 100_000)
  .option('--locations <n>', "the dealer group's locations", wholeNumber(1), 20)
  .option('--settle-timeout <n>', 'seconds to wait for every lifecycle to sleep', wholeNumber(1), 3600)
  .option('--enroll-concurrency <n>', 'lifecycle events the import keeps under way at once', wholeNumber(1), DEFAULT_ENROLL_CONCURRENCY)
  .option(
    '--slice <n>',
    'the first n customers again, real server vs the CLI dev server, no chaos (capped at --customers; 0: skip)',
    wholeNumber(0),
    10_000,
  )
  .option(
    '--sample <n>',
    'customers simulated for --sample-months on the time-skipping server (capped at --customers; 0: skip)',
    wholeNumber(0),
    1000,
  )
  .option('--sample-months <n>', 'simulated months of the sample', wholeNumber(1), 6)
  .option('--worker-heap-mb <n>', "each worker's V8 old-space ceiling (node --max-old-space-size; default: Node's)", wholeNumber(64))
  .addOption(new Option('--only <phase>', 'run one phase only: the six-month sample (no import run, no slice)').choices(['sample']))
  .parse()
  .opts<{
    customers: number;
    locations: number;
    settleTimeout: number;
    enrollConcurrency: number;
    slice: number;
    sample: number;
    sampleMonths: number;
    only?: 'sample';
    workerHeapMb?: number;
  }>();
const N = flags.customers;
const LOCATIONS = flags.locations;
const SETTLE_TIMEOUT_S = flags.settleTimeout;
const ENROLL_CONCURRENCY = flags.enrollConcurrency;
const SLICE = Math.min(flags.slice, N);
const SEED = 'scale-bench';
const ONLY = flags.only;
const SAMPLE: SampleFlags = { customers: Math.min(flags.sample, N), months: flags.sampleMonths, locations: LOCATIONS, seed: SEED };
if (SAMPLE.customers > 0) sixMonthSampleOptions(SAMPLE); // refuses bad flags now, not after hours of import
const EVENTS_PER_CUSTOMER = 2; // the customer row and the car's delivery
const TARGET = { customersPerSecond: 200, steadyRssMb: 300, historyEvents: 10_000 };

const t0 = Date.now();
const log = (line: string) => process.stdout.write(`[${((Date.now() - t0) / 1000).toFixed(0).padStart(5)} s] ${line}\n`);
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
const out = (line = '') => process.stdout.write(`${line}\n`);

async function main() {
  if (ONLY !== 'sample') await importAndSlice();
  if (SAMPLE.customers > 0) await runSixMonthSample(SAMPLE, { log, out });
}

async function importAndSlice() {
  // As a deployment must: fresh secrets (the workers refuse the public development defaults); the client shares them.
  process.env.LINK_SIGNING_SECRET ??= crypto.randomBytes(48).toString('base64');
  process.env.PAYLOAD_MASTER_KEY ??= crypto.randomBytes(32).toString('base64');
  log(
    `scale bench: ${N} customers, ${LOCATIONS} locations, enrollment window ${ENROLL_CONCURRENCY}, slice ${SLICE}, sample ${SAMPLE.customers}×${SAMPLE.months} months, worker heap ${flags.workerHeapMb ? `${flags.workerHeapMb} MB` : "Node's default"}, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)}`,
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stammkunde-scale-'));
  const today = DateTime.now().setZone('Europe/Berlin').startOf('day');
  const files = writeDealerGroupCsv(dir, { seed: SEED, customers: N, locations: LOCATIONS, today });
  log(`DMS export written: ${files.customers} (${mb(fs.statSync(files.customers).size)}), ${files.vehicles}`);
  // One cluster for the main run and both slice runs, each with databases of its own.
  const cluster = await startThrowawayCluster();
  try {
    const world = await startScaleWorld({ workers: 2, log, cluster, workerHeapMb: flags.workerHeapMb });
    try {
      await run(world, files);
    } finally {
      await world.close();
    }
    if (SLICE > 0)
      await compareSlice(
        {
          cluster,
          fullExport: files,
          customers: SLICE,
          seed: SEED,
          locations: LOCATIONS,
          today,
          enrollConcurrency: ENROLL_CONCURRENCY,
          eventsPerCustomer: EVENTS_PER_CUSTOMER,
          settleTimeoutSeconds: SETTLE_TIMEOUT_S,
          workerHeapMb: flags.workerHeapMb,
          log,
        },
        out,
      );
  } finally {
    await cluster.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function run(world: ScaleWorld, files: { customers: string; vehicles: string }) {
  const { prisma } = world.database;
  const { dealerId } = await writeGeneratedPopulation(prisma, {
    seed: SEED,
    customers: 0,
    locations: LOCATIONS,
    today: DateTime.now(),
  });
  const sampler = resourceSampler(world);
  // One disturbance after the other, as in an operations incident: the server restart waits until the restarted
  // worker polls again (a worker that starts while the server is down exits with "Cannot reach Temporal").
  let chaos = Promise.resolve();
  const at = (row: number, what: string, action: () => Promise<void>) => (rows: number) => {
    if (rows !== row) return;
    chaos = chaos.then(async () => {
      log(`after row ${row}: ${what}`);
      await action().catch((error: Error) => void log(`  ${what} failed: ${error.message}`));
    });
  };
  const kill = at(Math.max(1, Math.floor(N / 4)), 'SIGKILL worker 1 and restart it', () => world.crashWorker(0));
  const restart = at(Math.max(2, Math.floor((2 * N) / 3)), 'restart the Temporal server', () => world.restartServer());

  const importStart = Date.now();
  log('importing customers (starts a lifecycle per customer) …');
  const customers = await importFile(world, {
    dealerId,
    file: files.customers,
    kind: 'customers',
    enrollConcurrency: ENROLL_CONCURRENCY,
    onRow: (rows) => (kill(rows), restart(rows)),
  });
  log(`customers: ${importSummary(customers.report)} in ${customers.seconds.toFixed(1)} s${retryNote(customers.retry)}`);
  log('importing vehicles (signals each lifecycle the delivery) …');
  const vehicles = await importFile(world, { dealerId, file: files.vehicles, kind: 'vehicles', enrollConcurrency: ENROLL_CONCURRENCY });
  log(`vehicles: ${importSummary(vehicles.report)} in ${vehicles.seconds.toFixed(1)} s${retryNote(vehicles.retry)}`);
  await chaos;
  const importSeconds = (Date.now() - importStart) / 1000;

  const customerIds = (await prisma.customer.findMany({ where: { dealerId }, select: { id: true } })).map((c) => c.id);
  const { open, asleepAt } = await checks.untilAsleep(world.client, customerIds, {
    eventsPerCustomer: EVENTS_PER_CUSTOMER,
    timeoutSeconds: SETTLE_TIMEOUT_S,
    log,
    onIdle: sampler.markIdle,
  });
  const settledSeconds = (asleepAt - importStart) / 1000;
  const resources = sampler.stop({ atIdle: open.length === 0 });
  for (const id of open.slice(0, 3)) log(`  not asleep: ${await checks.whyNotSettled(world.client, id)}`);

  // Visibility is eventually consistent: wait (bounded) until it counts every customer's running lifecycle.
  let running = 0;
  for (let i = 0; i < 30 && (running = await checks.runningLifecycles(world.client)) < customerIds.length; i++)
    await new Promise((r) => setTimeout(r, 2000));
  const runs = await checks.lifecycleRuns(world.client);
  const withoutWorkflow = customerIds.filter((id) => !runs.has(lifecycleWorkflowId(id))).length;
  const duplicateWorkflows = [...runs.values()].filter((n) => n > 1).length;
  const messages = await checks.duplicateMessages(prisma, world.smtp);
  const withoutLocation = await prisma.customer.count({ where: { dealerId, locationId: null } });

  const step = Math.max(1, Math.floor(customerIds.length / 50));
  const lifecycleSample = customerIds.filter((_, i) => i % step === 0).map(lifecycleWorkflowId);
  const lifecycleHistories = await checks.historySizes(world.client, lifecycleSample);
  const others = await checks.sampleOtherWorkflows(world.client, 30);
  const otherHistories = await checks.historySizes(world.client, others.ids);
  const historyEventsPerCustomer =
    lifecycleHistories.events / Math.max(1, lifecycleHistories.sampled) +
    (others.total * otherHistories.events) / Math.max(1, otherHistories.sampled) / customerIds.length;
  const historyBytesPerCustomer =
    lifecycleHistories.bytes / Math.max(1, lifecycleHistories.sampled) +
    (others.total * otherHistories.bytes) / Math.max(1, otherHistories.sampled) / customerIds.length;
  const sizes = await checks.databaseBytes(world.cluster.url, Object.values(world.databases));

  const perSecond = customerIds.length / settledSeconds;
  const rows = customers.report.rows + vehicles.report.rows;
  out();
  out(`== scale bench: ${customerIds.length} customers imported of ${N}, ${LOCATIONS} locations (load ${os.loadavg()[0].toFixed(1)}) ==`);
  out(`import rows/s (both files)        ${(rows / (customers.seconds + vehicles.seconds)).toFixed(1)}  (${rows} rows)`);
  out(
    `lifecycles started/s              ${(customers.report.enrolled / customers.seconds).toFixed(1)}  (customer file: ${customers.seconds.toFixed(1)} s)`,
  );
  out(`import + chaos done after         ${importSeconds.toFixed(1)} s`);
  out(
    `every lifecycle asleep after      ${settledSeconds.toFixed(1)} s${open.length ? `  (${open.length} NOT settled at the timeout)` : ''}`,
  );
  out(
    `end to end customers/s            ${perSecond.toFixed(1)}  target >= ${TARGET.customersPerSecond}: ${verdict(perSecond >= TARGET.customersPerSecond)}`,
  );
  out(`customers without a lifecycle     ${withoutWorkflow}  (visibility: ${running} running)`);
  out(`customers with duplicate runs     ${duplicateWorkflows}`);
  out(`customers without a location      ${withoutLocation}  (the export's "Filiale")`);
  out(`outbox rows / sent / SMTP received ${messages.outbox} / ${messages.sent} / ${messages.received}`);
  out(`duplicate outbox keys             ${messages.duplicateKeys}`);
  out(
    `duplicate SMTP copies (Message-ID) ${messages.duplicateReceived}  (${messages.receivedWithoutMessageId} received without Message-ID)`,
  );
  for (const [i, worker] of world.workers.entries()) {
    const status = processStatus(worker.pid);
    out(
      `worker ${i + 1} (pid ${worker.pid})  VmRSS ${status?.rssMb.toFixed(0)} MB steady, VmHWM ${status?.peakMb.toFixed(0)} MB peak` +
        `  target < ${TARGET.steadyRssMb} MB steady: ${verdict((status?.rssMb ?? Infinity) < TARGET.steadyRssMb)}`,
    );
  }
  out(
    `peak VmHWM seen per role (incl. the killed worker): ${JSON.stringify(Object.fromEntries(Object.entries(resources.peakMb).map(([k, v]) => [k, Math.round(v)])))}`,
  );
  out(
    `history events per customer       ${historyEventsPerCustomer.toFixed(1)}  (lifecycle sample ${lifecycleHistories.sampled}, max ${lifecycleHistories.maxEvents}; ${others.total} other workflows, sample ${otherHistories.sampled}, max ${otherHistories.maxEvents})`,
  );
  out(`history bytes per customer        ${historyBytesPerCustomer.toFixed(0)}`);
  const maxEvents = Math.max(lifecycleHistories.maxEvents, otherHistories.maxEvents);
  out(
    `largest sampled history           ${maxEvents} events  target < ${TARGET.historyEvents}: ${verdict(maxEvents < TARGET.historyEvents)}`,
  );
  for (const [name, bytes] of Object.entries(sizes))
    out(`pg_database_size ${name.padEnd(20)} ${mb(bytes)}  = ${(bytes / customerIds.length / 1024).toFixed(1)} KiB per customer`);
  const total = Object.values(sizes).reduce((a, b) => a + b, 0);
  out(
    `PostgreSQL bytes per customer     ${(total / customerIds.length / 1024).toFixed(1)} KiB (all three; includes each empty database's ~7-8 MB baseline)`,
  );
  out(
    `CPU seconds import→asleep         ${Object.entries(resources.cpu)
      .map(([k, v]) => `${k} ${v.toFixed(0)}`)
      .join(', ')}  (of ${(settledSeconds * os.cpus().length).toFixed(0)} available)`,
  );
  out(
    `dev-server side-by-side (--slice)  ${SLICE > 0 ? `the first ${SLICE} customers on both servers, no chaos: below` : 'skipped (--slice 0)'}`,
  );
  out(
    `six-month sample (--sample)       ${SAMPLE.customers > 0 ? `${SAMPLE.customers} customers × ${SAMPLE.months} months on the time-skipping server: below` : 'skipped (--sample 0)'}`,
  );
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
