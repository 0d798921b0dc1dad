import type { PrismaClient } from '../db/generated/client';
import { Prisma } from '../db/generated/client';
import { segmentCondition, type SegmentScope } from './compileSegment';
import type { Segment } from './segmentSchema';

/** How many customers are in the segment right now (for previews and the CLI). */
export async function countSegment(prisma: PrismaClient, segment: Segment, scope: SegmentScope): Promise<number> {
  const rows = await prisma.$queryRaw<
    Array<{ n: bigint }>
  >`SELECT count(*) AS n FROM customers c WHERE ${segmentCondition(segment, scope)}`;
  return Number(rows[0].n);
}

/** One page of the segment's customer ids in id order, after `afterId`: for previews and tests, never the whole list at once. */
export async function segmentCustomerIds(
  prisma: PrismaClient,
  segment: Segment,
  scope: SegmentScope,
  page: { afterId?: string; limit?: number } = {},
): Promise<string[]> {
  const after = page.afterId ? Prisma.sql`AND c.id > ${page.afterId}::uuid` : Prisma.empty;
  const rows = await prisma.$queryRaw<Array<{ id: string }>>`
    SELECT c.id::text AS id FROM customers c WHERE ${segmentCondition(segment, scope)} ${after} ORDER BY c.id LIMIT ${page.limit ?? 1000}`;
  return rows.map((r) => r.id);
}
