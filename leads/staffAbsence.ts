import type { Client } from '@temporalio/client';
import { WorkflowNotFoundError } from '@temporalio/client';
import type { PrismaClient } from '../db/generated/client';
import { signalStaffAvailabilityChanged } from './leadFollowUpClient';

/**
 * Call after recording an absence (vacation, sick note): every open lead of that person re-checks
 * its assignee at once and moves to a present colleague. Returns how many leads were told.
 */
export async function notifyStaffAbsence(deps: { client: Client; prisma: PrismaClient }, staffId: string): Promise<number> {
  const open = await deps.prisma.lead.findMany({ where: { assignedToId: staffId, status: 'new' }, select: { id: true } });
  let told = 0;
  for (const { id } of open) {
    try {
      await signalStaffAvailabilityChanged(deps.client, id, staffId);
      told += 1;
    } catch (error) {
      if (!(error instanceof WorkflowNotFoundError)) throw error; // that follow-up has ended
    }
  }
  return told;
}
