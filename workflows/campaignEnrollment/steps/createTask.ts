import type { CreateTaskStep } from '../../../campaigns/dsl/steps';
import { databaseSteps, type EnrollmentRuntime } from '../runtime';

/** createTask(role, kind): a to-do for a person at the dealership, recorded as a touchpoint. */
export async function runCreateTask(step: CreateTaskStep, path: string, rt: EnrollmentRuntime): Promise<void> {
  const now = rt.now();
  const result = await databaseSteps().createStaffTask({
    taskKey: `${rt.input.enrollmentId}/${path}`,
    customerId: rt.input.customerId,
    vehicleId: rt.input.vehicleId,
    role: step.role,
    task: step.task,
    note: step.note,
    campaignId: rt.input.definition.id,
    enrollmentId: rt.input.enrollmentId,
    now: now.toUTC().toISO()!,
    dueAt: step.dueIn ? now.plus(step.dueIn).toUTC().toISO()! : undefined,
  });
  // Ids only: the staff member's name is joined from the database by whoever shows this (histories from before this change carry assigneeName).
  const legacy = result as { assigneeName?: string };
  rt.record(
    path,
    step,
    result.assigneeId ? `task for staff ${result.assigneeId}` : legacy.assigneeName ? `task for ${legacy.assigneeName}` : 'task unassigned',
  );
}
