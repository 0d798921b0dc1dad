import type { StaffRole } from '../campaigns/dsl/steps';
import type { PrismaClient } from '../db/generated/client';
import { pickPresentStaff } from './leads/staffPicker';

export type CreateStaffTaskInput = {
  taskKey: string;
  customerId: string;
  vehicleId?: string;
  role: StaffRole;
  task: string;
  note?: string;
  campaignId: string;
  /** The campaign enrollment that asked for the task, so the task links back to it. */
  enrollmentId?: string;
  now: string;
  dueAt?: string;
};

/**
 * A to-do for the right person: the customer's own salesperson when the role is sales and they are
 * present, otherwise someone of that role at the customer's location who is not absent. Recorded as
 * a touchpoint so the whole team sees it in the customer's history. Idempotent on taskKey.
 */
export async function createStaffTask(prisma: PrismaClient, input: CreateStaffTaskInput): Promise<{ taskId: string; assigneeId?: string }> {
  const existing = await prisma.staffTask.findUnique({ where: { idempotencyKey: input.taskKey }, include: { assignee: true } });
  if (existing) return { taskId: existing.id, assigneeId: existing.assigneeId ?? undefined };

  const customer = await prisma.customer.findUniqueOrThrow({ where: { id: input.customerId }, include: { dealer: true, location: true } });
  const now = new Date(input.now);
  const assignee = await pickPresentStaff(prisma, {
    timeZone: customer.location?.timeZone ?? customer.dealer.timeZone,
    dealerId: customer.dealerId,
    locationId: customer.locationId,
    role: input.role,
    preferredStaffId: input.role === 'salesperson' ? customer.assignedSalespersonId : null,
    at: now,
  });
  const customerName = [customer.firstName, customer.lastName].filter(Boolean).join(' ');
  const title = `${input.task.replace(/_/g, ' ')}: ${customerName}`;
  const task = await prisma.staffTask.create({
    data: {
      idempotencyKey: input.taskKey,
      dealerId: customer.dealerId,
      role: input.role,
      assigneeId: assignee?.id,
      kind: input.task,
      title,
      details: input.note,
      customerId: customer.id,
      vehicleId: input.vehicleId,
      enrollmentId: input.enrollmentId,
      dueAt: input.dueAt ? new Date(input.dueAt) : undefined,
      createdAt: now,
    },
  });
  await prisma.touchpoint.createMany({
    data: [
      {
        dealerId: customer.dealerId,
        customerId: customer.id,
        staffId: assignee?.id,
        vehicleId: input.vehicleId,
        channel: 'system',
        direction: 'internal',
        department: input.role === 'service_advisor' ? 'service' : 'sales',
        kind: 'task.created',
        summary: `${title} (${input.campaignId})${assignee ? ` → ${assignee.name}` : ''}`,
        occurredAt: now,
        externalEventId: `task:${input.taskKey}`,
      },
    ],
    skipDuplicates: true,
  });
  return { taskId: task.id, assigneeId: task.assigneeId ?? undefined };
}
