import { readSettings } from '../../config/settings';
import { importDmsFile, type ImportedChange } from '../../import/importDmsFile';
import type { ImportReport } from '../../import/importReport';
import { lifecycleEnrollment } from '../../import/lifecycleEnrollment';
import type { ScaleWorld } from './world';

export type TimedImport = { report: ImportReport; seconds: number; retry?: ImportReport };

/**
 * One DMS file through the real import into the world's lifecycles (`stammkunde import`'s path), timed; rows whose
 * lifecycle was unreachable (e.g. during a server restart) are enrolled again as `--enroll-all` would.
 */
export async function importFile(
  world: ScaleWorld,
  options: {
    dealerId: string;
    file: string;
    kind: 'customers' | 'vehicles';
    enrollConcurrency: number;
    onRow?: (rows: number) => void;
  },
): Promise<TimedImport> {
  const { prisma } = world.database;
  const enroll = lifecycleEnrollment({ client: world.client, prisma, taskQueue: readSettings().TEMPORAL_TASK_QUEUE });
  const run = (enrollUnchanged: boolean) =>
    importDmsFile(prisma, {
      file: options.file,
      kind: options.kind,
      dealerId: options.dealerId,
      enroll: enroll as (change: ImportedChange) => Promise<void>,
      enrollUnchanged,
      enrollConcurrency: options.enrollConcurrency,
      progress: { update: (_bytes, rows) => options.onRow?.(rows), done() {} },
    });
  const started = Date.now();
  const report = await run(false);
  const seconds = (Date.now() - started) / 1000;
  let retry: ImportReport | undefined;
  // What `stammkunde import --enroll-all` does after "not enrolled" rows (a lifecycle unreachable, e.g. during the restart).
  if (report.notEnrolled.length > 0) retry = await run(true);
  return { report, seconds, retry };
}

export const importSummary = (r: ImportReport) =>
  `${r.rows} rows, ${r.created} created, ${r.updated} updated, ${r.rejected.length} rejected, ${r.warnings.length} with warnings, ${r.enrolled} enrolled, ${r.notEnrolled.length} not enrolled`;
export const retryNote = (r?: ImportReport) =>
  r ? `; re-run with --enroll-all: ${r.enrolled} enrolled, ${r.notEnrolled.length} still not` : '';
