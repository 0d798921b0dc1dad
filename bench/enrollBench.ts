import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client as PgClient } from 'pg';
import { DateTime } from 'luxon';
import { readSettings } from '../config/settings';
import { DEFAULT_ENROLL_CONCURRENCY } from '../import/enrollmentWindow';
import { importDmsFile } from '../import/importDmsFile';
import { lifecycleEnrollment } from '../import/lifecycleEnrollment';
import { writeGeneratedPopulation } from '../simulation/population';
import { processStatus } from './processCpu';
import { writeDealerGroupCsv } from './scale/dealerGroupCsv';
import { DATABASES, startScaleWorld } from './scale/world';

/**
 * `npx tsx bench/enrollBench.ts --customers 1000` (issue #15): how fast the import starts lifecycles by itself. The
 * scale bench's world (Temporal's server on a throwaway PostgreSQL, payload encryption) without any worker, so no
 * lifecycle runs and nothing competes with the import but the server: the customer file (signal-with-start of a new
 * lifecycle per row) and the vehicle file (a delivery signalled to it). Prints per pass rows/s, the transactions the
 * import caused in Stammkunde's database per row (every Prisma operation of the import and of the payload codec
 * commits one), and CPU milliseconds per row of this process and of the Temporal server.
 */
const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
if (process.argv.includes('--help')) {
  process.stdout.write('npx tsx bench/enrollBench.ts [--customers <n> (default 1000; at most 1000 here)] [--enroll-concurrency <n>]\n');
  process.exit(0);
}
const N = arg('customers', 1000);
const WINDOW = arg('enroll-concurrency', DEFAULT_ENROLL_CONCURRENCY);

async function main() {
  process.env.LINK_SIGNING_SECRET ??= crypto.randomBytes(48).toString('base64');
  process.env.PAYLOAD_MASTER_KEY ??= crypto.randomBytes(32).toString('base64');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stammkunde-enroll-bench-'));
  const world = await startScaleWorld({ workers: 0, log: () => {} });
  const stats = new PgClient({ connectionString: world.cluster.url });
  await stats.connect();
  const commits = async () =>
    Number((await stats.query('SELECT xact_commit FROM pg_stat_database WHERE datname = $1', [DATABASES.stammkunde])).rows[0].xact_commit);
  try {
    const { prisma } = world.database;
    const { dealerId } = await writeGeneratedPopulation(prisma, {
      seed: 'enroll-bench',
      customers: 0,
      locations: 20,
      today: DateTime.now(),
    });
    const files = writeDealerGroupCsv(dir, { seed: 'enroll-bench', customers: N, locations: 20, today: DateTime.now().startOf('day') });
    const enroll = lifecycleEnrollment({ client: world.client, prisma, taskQueue: readSettings().TEMPORAL_TASK_QUEUE });
    process.stdout.write(
      `enroll bench: ${N} customers, window ${WINDOW}, no workers, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)}\n`,
    );
    for (const [label, file, kind] of [
      ['customers (start)', files.customers, 'customers'],
      ['vehicles (signal)', files.vehicles, 'vehicles'],
    ] as const) {
      // pg_stat_database is updated when a backend reports; give the previous pass's counts time to arrive.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const before = { commits: await commits(), cpu: process.cpuUsage(), server: processStatus(world.server.pid)?.cpuSeconds ?? 0 };
      const started = process.hrtime.bigint();
      const report = await importDmsFile(prisma, { file, kind, dealerId, enroll, enrollConcurrency: WINDOW });
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const cpu = process.cpuUsage(before.cpu);
      const server = (processStatus(world.server.pid)?.cpuSeconds ?? 0) - before.server;
      await new Promise((resolve) => setTimeout(resolve, 1500));
      const transactions = (await commits()) - before.commits;
      process.stdout.write(
        `${label.padEnd(18)} ${report.rows} rows in ${seconds.toFixed(1)} s = ${(report.rows / seconds).toFixed(1)} rows/s; ` +
          `${report.enrolled} enrolled, ${report.notEnrolled.length} not; ` +
          `${(transactions / report.rows).toFixed(1)} transactions/row; CPU ms/row: import ${((cpu.user + cpu.system) / 1000 / report.rows).toFixed(1)}, ` +
          `Temporal server ${((server * 1000) / report.rows).toFixed(1)}\n`,
      );
    }
  } finally {
    await stats.end();
    await world.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
