import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DateTime } from 'luxon';
import { connectDatabase } from '../db/client';
import type { PrismaClient } from '../db/generated/client';
import { runAdminStatement, urlForDatabase } from '../db/migrationAdapters';
import { deployMigrations } from '../db/migrationRunner';
import { importDmsFile } from '../import/importDmsFile';
import type { ImportReport } from '../import/importReport';
import { startThrowawayCluster } from '../infra/postgres/throwawayCluster';
import { writeGeneratedPopulation } from '../simulation/population';
import { writeDealerGroupCsv } from './scale/dealerGroupCsv';

/**
 * `npx tsx bench/importBench.ts --customers 1000` (issue #15): the DMS import's own path, without Temporal. The scale
 * bench's dealer-group export is imported into a throwaway PostgreSQL with an enrollment that answers after
 * `--enroll-ms` (default 0), then imported again (nothing changes the second time). Prints rows per second, Prisma
 * operations (database round trips) per row, CPU per row and this process's peak RSS for each pass, so a change to
 * the import's queries can be measured by itself. `--customers-only`: only the first pass (for a long file's memory).
 */
const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
if (process.argv.includes('--help')) {
  process.stdout.write('npx tsx bench/importBench.ts [--customers <n> (default 1000)] [--enroll-ms <ms> (default 0)] [--customers-only]\n');
  process.exit(0);
}
const N = arg('customers', 1000);
const ENROLL_MS = arg('enroll-ms', 0);
const CUSTOMERS_ONLY = process.argv.includes('--customers-only');

async function main() {
  const cluster = await startThrowawayCluster();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stammkunde-import-bench-'));
  try {
    const url = urlForDatabase(cluster.url, 'import_bench');
    await runAdminStatement(cluster.url, 'CREATE DATABASE "import_bench"');
    await deployMigrations({ kind: 'postgres', url });
    const database = await connectDatabase({ kind: 'postgres', url });
    let operations = 0;
    const counted = database.prisma.$extends({
      query: {
        $allOperations({ args, query }) {
          operations++;
          return query(args);
        },
      },
    }) as unknown as PrismaClient;
    const { dealerId } = await writeGeneratedPopulation(database.prisma, {
      seed: 'import-bench',
      customers: 0,
      locations: 20,
      today: DateTime.now(),
    });
    const files = writeDealerGroupCsv(dir, { seed: 'import-bench', customers: N, locations: 20, today: DateTime.now().startOf('day') });
    let enrolled = 0;
    const pass = async (label: string, file: string, kind: 'customers' | 'vehicles') => {
      operations = 0;
      const started = process.hrtime.bigint();
      const cpu = process.cpuUsage();
      let peakRss = process.memoryUsage().rss;
      const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 100);
      const enroll = async () => {
        if (ENROLL_MS > 0) await new Promise((resolve) => setTimeout(resolve, ENROLL_MS));
        enrolled++;
      };
      const report: ImportReport = await importDmsFile(counted, { file, kind, dealerId, enroll }).finally(() => clearInterval(sampler));
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const cpuMs = (({ user, system }) => (user + system) / 1000)(process.cpuUsage(cpu));
      process.stdout.write(
        `${label.padEnd(20)} ${String(report.rows).padStart(6)} rows  ${(report.rows / seconds).toFixed(0).padStart(6)} rows/s  ` +
          `${(operations / report.rows).toFixed(2)} Prisma operations per row  ${(cpuMs / report.rows).toFixed(1)} ms CPU per row  ` +
          `peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MB  ` +
          `(${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.rejected.length} rejected, ${report.enrolled} enrolled)\n`,
      );
    };
    process.stdout.write(
      `import bench: ${N} customers with one car each, enrollment answers after ${ENROLL_MS} ms, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)}\n`,
    );
    await pass('customers, first', files.customers, 'customers');
    if (!CUSTOMERS_ONLY) {
      await pass('vehicles, first', files.vehicles, 'vehicles');
      await pass('customers, again', files.customers, 'customers');
      await pass('vehicles, again', files.vehicles, 'vehicles');
    }
    await database.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    await cluster.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: Error) => {
    process.stderr.write(`${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
