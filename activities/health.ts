import type { PrismaClient } from '../db/generated/client';

/** Writes one row through Prisma and reads it back: proves worker → database works. */
export async function recordHeartbeat(prisma: PrismaClient, input: { probeId: string; at: string }): Promise<string> {
  await prisma.processedEvent.createMany({
    data: [{ eventId: `health:${input.probeId}`, source: 'health', kind: 'heartbeat' }],
    skipDuplicates: true,
  });
  const row = await prisma.processedEvent.findUniqueOrThrow({ where: { eventId: `health:${input.probeId}` } });
  return row.eventId;
}
