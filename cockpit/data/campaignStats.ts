import type { PrismaClient } from '../../db/generated/client';
import type { CampaignDefinition } from '../../campaigns/dsl/campaign';
import { holdoutComparison, type HoldoutKpi } from '../../api/reports/kpiReport';
import { stepProgress, type EnrollmentTrace } from '../diagram/stepProgress';
import type { StepCounts } from '../diagram/renderJourney';

export type VersionCount = { version: number; active: number; total: number };

/** Enrollments per campaign and pinned version, for the list and the campaign page. */
export async function enrollmentsByVersion(
  prisma: PrismaClient,
  dealerId: string,
  campaignId?: string,
): Promise<Map<string, VersionCount[]>> {
  const rows = await prisma.campaignEnrollment.groupBy({
    by: ['campaignId', 'campaignVersion', 'status'],
    where: { dealerId, ...(campaignId ? { campaignId } : {}) },
    _count: { _all: true },
  });
  const result = new Map<string, VersionCount[]>();
  for (const row of rows) {
    const versions = result.get(row.campaignId) ?? [];
    let entry = versions.find((v) => v.version === row.campaignVersion);
    if (!entry) versions.push((entry = { version: row.campaignVersion, active: 0, total: 0 }));
    entry.total += row._count._all;
    if (row.status === 'active') entry.active += row._count._all;
    result.set(
      row.campaignId,
      versions.sort((a, b) => b.version - a.version),
    );
  }
  return result;
}

export type CampaignResults = {
  sent: number;
  deferredWindow: number;
  deferredCap: number;
  skipped: Array<{ reason: string; count: number }>;
  failed: number;
  holdout: HoldoutKpi | undefined;
  uplift: { value: number; low: number; high: number } | null;
};

/**
 * Sent, deferred and skipped messages from the outbox. A deferred message is an outbox row still
 * queued: without a subject it waits for the sending window (checked before rendering), with one it
 * waits for room under the frequency cap (checked after rendering).
 */
export async function campaignResults(prisma: PrismaClient, dealerId: string, campaignId: string): Promise<CampaignResults> {
  const [rows, queued, holdout] = await Promise.all([
    prisma.message.groupBy({ by: ['status', 'skipReason'], where: { dealerId, campaignId }, _count: { _all: true } }),
    prisma.message.groupBy({ by: ['subject'], where: { dealerId, campaignId, status: 'queued' }, _count: { _all: true } }),
    holdoutComparison(prisma, dealerId, {}),
  ]);
  const count = (status: string) => rows.filter((r) => r.status === status).reduce((sum, r) => sum + r._count._all, 0);
  const kpi = holdout.find((h) => h.campaignId === campaignId);
  return {
    sent: count('sent'),
    deferredWindow: queued.filter((q) => q.subject === null).reduce((s, q) => s + q._count._all, 0),
    deferredCap: queued.filter((q) => q.subject !== null).reduce((s, q) => s + q._count._all, 0),
    skipped: rows
      .filter((r) => r.status === 'skipped')
      .map((r) => ({ reason: r.skipReason ?? 'unknown', count: r._count._all }))
      .sort((a, b) => b.count - a.count),
    failed: count('failed') + count('unknown'),
    holdout: kpi,
    uplift: kpi ? upliftInterval(kpi) : null,
  };
}

/** Treated minus holdout conversion rate with a 95 % Wald interval; null while a group is empty. */
export function upliftInterval(kpi: Pick<HoldoutKpi, 'treated' | 'holdout'>): { value: number; low: number; high: number } | null {
  const { treated: t, holdout: h } = kpi;
  if (t.enrollments === 0 || h.enrollments === 0) return null;
  const pt = t.converted / t.enrollments;
  const ph = h.converted / h.enrollments;
  const se = Math.sqrt((pt * (1 - pt)) / t.enrollments + (ph * (1 - ph)) / h.enrollments);
  const value = pt - ph;
  return { value, low: value - 1.96 * se, high: value + 1.96 * se };
}

/** Per step of the current definition: waiting now, passed, exited by goal (see diagram/stepProgress.ts). */
export async function campaignStepCounts(
  prisma: PrismaClient,
  dealerId: string,
  definition: CampaignDefinition,
): Promise<Map<string, StepCounts>> {
  const where = { dealerId, campaignId: definition.id, campaignVersion: definition.version };
  const [enrollments, messages, tasks] = await Promise.all([
    prisma.campaignEnrollment.findMany({ where, select: { id: true, status: true, exitReason: true } }),
    prisma.message.findMany({
      where: { dealerId, campaignId: definition.id, enrollmentId: { not: null } },
      select: { enrollmentId: true, idempotencyKey: true, status: true },
    }),
    prisma.staffTask.findMany({
      where: { dealerId, enrollment: { campaignId: definition.id } },
      select: { enrollmentId: true, idempotencyKey: true },
    }),
  ]);
  const records = new Map<string, EnrollmentTrace['records']>();
  const add = (enrollmentId: string | null, key: string | null, final: boolean) => {
    if (!enrollmentId || !key?.startsWith(`${enrollmentId}/`)) return;
    const list = records.get(enrollmentId) ?? [];
    list.push({ path: key.slice(enrollmentId.length + 1), final });
    records.set(enrollmentId, list);
  };
  for (const m of messages) add(m.enrollmentId, m.idempotencyKey, m.status !== 'queued' && m.status !== 'sending');
  for (const t of tasks) add(t.enrollmentId, t.idempotencyKey, true);
  return stepProgress(
    definition.steps,
    enrollments.map((e) => ({ status: e.status, exitReason: e.exitReason, records: records.get(e.id) ?? [] })),
  );
}
