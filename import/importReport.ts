import type { DetectedEncoding } from './encoding';
import type { ImportKind } from './headerMapping';

export type RowProblem = { line: number; reason: string };

/** What an import did, row by row where something went wrong. */
export type ImportReport = {
  file: string;
  kind: ImportKind;
  encoding: DetectedEncoding;
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Rows that failed validation: nothing of them was imported. */
  rejected: RowProblem[];
  /** Valid rows deliberately left alone (e.g. an erased customer). */
  skipped: RowProblem[];
  /** Rows imported, but with a value that was left out and should be fixed in the DMS (an unknown location …). */
  warnings: RowProblem[];
  /** Rows imported but not enrolled into their lifecycle (the lifecycle was unreachable …). */
  notEnrolled: RowProblem[];
  enrolled: number;
  ignoredColumns: string[];
};

export function emptyReport(file: string, kind: ImportKind, encoding: DetectedEncoding): ImportReport {
  return {
    file,
    kind,
    encoding,
    rows: 0,
    created: 0,
    updated: 0,
    unchanged: 0,
    rejected: [],
    skipped: [],
    warnings: [],
    notEnrolled: [],
    enrolled: 0,
    ignoredColumns: [],
  };
}

const ENCODING_NAMES: Record<DetectedEncoding, string> = { utf8: 'UTF-8', win1252: 'Windows-1252' };

/** The report as a person reads it on the terminal. */
export function formatImportReport(report: ImportReport): string {
  const lines = [
    `Import of ${report.kind} from ${report.file} (${ENCODING_NAMES[report.encoding]})`,
    `  ${report.rows} rows: ${report.created} created, ${report.updated} updated, ${report.unchanged} unchanged, ${report.rejected.length} rejected, ${report.skipped.length} skipped${report.warnings.length ? `, ${report.warnings.length} with warnings` : ''}`,
    `  ${report.enrolled} lifecycle event(s) sent`,
  ];
  if (report.ignoredColumns.length > 0) lines.push(`  ignored columns: ${report.ignoredColumns.join(', ')}`);
  const section = (title: string, problems: RowProblem[]) => {
    if (problems.length === 0) return;
    lines.push(`${title}:`);
    for (const p of problems) lines.push(`  line ${p.line}: ${p.reason}`);
  };
  section('Rejected rows', report.rejected);
  section('Skipped rows', report.skipped);
  section('Imported with warnings', report.warnings);
  section('Imported but not enrolled (re-run with --enroll-all once the lifecycle is reachable)', report.notEnrolled);
  return lines.join('\n') + '\n';
}
