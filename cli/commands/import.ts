import fs from 'node:fs';
import { Option, type Command } from 'commander';
import { importDmsFile, type ImportedChange } from '../../import/importDmsFile';
import { parseMapFlags, readMappingFile, type ImportKind } from '../../import/headerMapping';
import { formatImportReport } from '../../import/importReport';
import { lifecycleEnrollment } from '../../import/lifecycleEnrollment';
import { terminalProgress } from '../../import/progress';
import type { EncodingChoice } from '../../import/encoding';
import { DEFAULT_ENROLL_CONCURRENCY } from '../../import/enrollmentWindow';
import { resolveDealerId, withDatabase, withTemporalClient } from './support/context';

type ImportFlags = {
  mapping?: string;
  map: string[];
  dealer?: string;
  encoding: EncodingChoice;
  enroll: boolean;
  enrollAll?: boolean;
  enrollConcurrency: string;
};

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('import customers or vehicles from a DMS export (";"-separated CSV, UTF-8 or Windows-1252)')
    .argument('<kind>', 'customers or vehicles')
    .argument('<file>', 'the CSV file')
    .option('--mapping <file>', 'JSON file mapping column names to fields: { "Kundennummer": "externalDmsId", … }')
    .option('--map <column=field>', 'map one column (repeatable), e.g. --map "Kdnr=externalDmsId"', collect, [])
    .option('--dealer <id>', 'the dealer to import into (default: the only dealer)')
    .addOption(new Option('--encoding <encoding>', 'file encoding').choices(['auto', 'utf8', 'win1252']).default('auto'))
    .option('--no-enroll', 'do not enroll imported customers into their lifecycle (no Temporal needed)')
    .option('--enroll-all', 'also send lifecycle events for unchanged rows (retry after an enrollment failure)')
    .option(
      '--enroll-concurrency <n>',
      "lifecycle events under way at once (one customer's always in file order)",
      String(DEFAULT_ENROLL_CONCURRENCY),
    )
    .action(async (kind: string, file: string, flags: ImportFlags) => {
      if (kind !== 'customers' && kind !== 'vehicles') throw new Error(`import: kind must be "customers" or "vehicles", not "${kind}"`);
      const mapping = { ...(flags.mapping ? readMappingFile(flags.mapping) : {}), ...parseMapFlags(flags.map) };
      const enrollConcurrency = Number(flags.enrollConcurrency);
      if (!Number.isInteger(enrollConcurrency) || enrollConcurrency < 1)
        throw new Error(`--enroll-concurrency "${flags.enrollConcurrency}": expected a whole number ≥ 1`);
      await withDatabase(async ({ prisma, settings }) => {
        const dealerId = await resolveDealerId(prisma, flags.dealer);
        const run = (enroll?: (change: ImportedChange) => Promise<void>) =>
          importDmsFile(prisma, {
            file,
            kind: kind as ImportKind,
            dealerId,
            encoding: flags.encoding,
            mapping,
            enroll,
            enrollUnchanged: flags.enrollAll,
            enrollConcurrency,
            progress: terminalProgress(fileSize(file)),
          });
        const report = flags.enroll
          ? await withTemporalClient(
              settings,
              (client) => run(lifecycleEnrollment({ client, prisma, taskQueue: settings.TEMPORAL_TASK_QUEUE })),
              prisma,
            )
          : await run();
        process.stdout.write(formatImportReport(report));
        if (report.rejected.length > 0 || report.warnings.length > 0 || report.notEnrolled.length > 0) process.exitCode = 2;
      });
    });
}

function fileSize(file: string): number {
  return fs.existsSync(file) ? fs.statSync(file).size : 0;
}
