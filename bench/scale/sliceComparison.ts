import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import type { ThrowawayCluster } from '../../infra/postgres/throwawayCluster';
import { writeGeneratedPopulation } from '../../simulation/population';
import * as checks from './checks';
import { writeDealerGroupCsv, type DealerGroupFiles } from './dealerGroupCsv';
import { importFile, importSummary, retryNote } from './importFile';
import { resourceSampler } from './resourceSampler';
import type { TemporalKind } from './scaleTemporal';
import { startScaleWorld } from './world';

/**
 * The scale bench's `--slice`: the first n customers of the same generated export through the same import into the
 * same two compiled workers and a fresh Stammkunde database in the same PostgreSQL cluster, once on Temporal's real
 * server on PostgreSQL and once on the CLI dev server (SQLite), both without chaos, back to back; the ratio of the two
 * says what the production server costs against the one `npm start` runs.
 */
export type SliceOptions = {
  cluster: ThrowawayCluster;
  /** The main run's export: the slice's files must be its first n customers. */
  fullExport: DealerGroupFiles;
  customers: number;
  seed: string;
  locations: number;
  today: DateTime;
  enrollConcurrency: number;
  eventsPerCustomer: number;
  settleTimeoutSeconds: number;
  workerHeapMb?: number;
  log: (line: string) => void;
};

export type SliceFigures = {
  kind: TemporalKind;
  customers: number;
  notAsleep: number;
  settledSeconds: number;
  customersPerSecond: number;
  lifecyclesStartedPerSecond: number;
  /** CPU seconds by role from the import's start until every lifecycle slept. */
  cpu: Record<string, number>;
  cpuPerCustomer: number;
  meanLoad: number;
};

/** Writes the slice's export and checks that its rows are the full export's first rows, i.e. the same customers. */
export function writeSliceExport(dir: string, options: SliceOptions): DealerGroupFiles {
  const slice = writeDealerGroupCsv(dir, {
    seed: options.seed,
    customers: options.customers,
    locations: options.locations,
    today: options.today,
  });
  for (const kind of ['customers', 'vehicles'] as const) {
    const part = fs.readFileSync(slice[kind], 'utf8');
    const whole = fs.readFileSync(options.fullExport[kind], 'utf8');
    if (!whole.startsWith(part)) throw new Error(`the ${options.customers}-customer slice's ${kind} are not the export's first rows`);
  }
  return slice;
}

export async function runSlice(kind: TemporalKind, files: DealerGroupFiles, options: SliceOptions): Promise<SliceFigures> {
  const { log } = options;
  log(`slice on the ${kind === 'server' ? 'Temporal server' : 'CLI dev server'}: ${options.customers} customers, no chaos`);
  const world = await startScaleWorld({
    workers: 2,
    log,
    temporal: kind,
    cluster: options.cluster,
    workerHeapMb: options.workerHeapMb,
    databases: { stammkunde: `stammkunde_slice_${kind}`, temporal: 'temporal_slice', visibility: 'temporal_visibility_slice' },
  });
  try {
    const { prisma } = world.database;
    const { dealerId } = await writeGeneratedPopulation(prisma, {
      seed: options.seed,
      customers: 0,
      locations: options.locations,
      today: DateTime.now(),
    });
    const sampler = resourceSampler(world);
    const importStart = Date.now();
    const common = { dealerId, enrollConcurrency: options.enrollConcurrency };
    const customers = await importFile(world, { ...common, file: files.customers, kind: 'customers' });
    log(`  customers: ${importSummary(customers.report)} in ${customers.seconds.toFixed(1)} s${retryNote(customers.retry)}`);
    const vehicles = await importFile(world, { ...common, file: files.vehicles, kind: 'vehicles' });
    log(`  vehicles: ${importSummary(vehicles.report)} in ${vehicles.seconds.toFixed(1)} s${retryNote(vehicles.retry)}`);
    const customerIds = (await prisma.customer.findMany({ where: { dealerId }, select: { id: true } })).map((c) => c.id);
    const { open, asleepAt } = await checks.untilAsleep(world.client, customerIds, {
      eventsPerCustomer: options.eventsPerCustomer,
      timeoutSeconds: options.settleTimeoutSeconds,
      log,
      onIdle: sampler.markIdle,
    });
    const settledSeconds = (asleepAt - importStart) / 1000;
    const { cpu, meanLoad } = sampler.stop({ atIdle: open.length === 0 });
    for (const id of open.slice(0, 3)) log(`  not asleep: ${await checks.whyNotSettled(world.client, id)}`);
    const cpuTotal = Object.values(cpu).reduce((a, b) => a + b, 0);
    return {
      kind,
      customers: customerIds.length,
      notAsleep: open.length,
      settledSeconds,
      customersPerSecond: customerIds.length / settledSeconds,
      lifecyclesStartedPerSecond: customers.report.enrolled / customers.seconds,
      cpu,
      cpuPerCustomer: cpuTotal / Math.max(1, customerIds.length),
      meanLoad,
    };
  } finally {
    await world.close();
  }
}

/** One line per figure: `real x / dev y = ratio`, the ratio real/dev. */
export function printSliceComparison(out: (line?: string) => void, real: SliceFigures, dev: SliceFigures): void {
  const line = (label: string, a: number, b: number, digits: number, note = '') =>
    out(`${label.padEnd(34)} real ${a.toFixed(digits)} / dev ${b.toFixed(digits)} = ${b > 0 ? (a / b).toFixed(2) : 'n/a'}${note}`);
  out();
  out(
    `== the same ${real.customers}-customer slice, no chaos: Temporal server on PostgreSQL vs the CLI dev server (SQLite) (load ${os.loadavg()[0].toFixed(1)}) ==`,
  );
  for (const figures of [real, dev])
    if (figures.notAsleep > 0 || figures.customers !== real.customers)
      out(`${figures.kind}: ${figures.customers} customers, ${figures.notAsleep} NOT asleep at the timeout`);
  line('every lifecycle asleep after (s)', real.settledSeconds, dev.settledSeconds, 1);
  line('end to end customers/s', real.customersPerSecond, dev.customersPerSecond, 2);
  line('lifecycles started/s', real.lifecyclesStartedPerSecond, dev.lifecyclesStartedPerSecond, 1);
  for (const role of Object.keys(real.cpu)) line(`CPU seconds ${role}`, real.cpu[role], dev.cpu[role] ?? 0, 1);
  line('CPU seconds per customer (all)', real.cpuPerCustomer, dev.cpuPerCustomer, 3);
  out(
    `${'machine load during the run'.padEnd(34)} real ${real.meanLoad.toFixed(1)} / dev ${dev.meanLoad.toFixed(1)}  (1-min average, mean)`,
  );
}

/** Both slice runs, real server first, each in a world of its own; the files in a temp dir removed after. */
export async function compareSlice(options: SliceOptions, out: (line?: string) => void): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stammkunde-slice-'));
  try {
    const files = writeSliceExport(dir, options);
    options.log(`slice export: the first ${options.customers} customers of the same export (${files.customers})`);
    const real = await runSlice('server', files, options);
    const dev = await runSlice('dev', files, options);
    printSliceComparison(out, real, dev);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
