import { ScheduleAlreadyRunning, ScheduleOverlapPolicy, type Client, type ScheduleOptions } from '@temporalio/client';
import { componentLogger } from '../config/logger';
import { newsletterScheduleId, type NewsletterRunInput } from '../workflows/newsletterRun/contract';
import type { NewsletterDefinition } from './definition';
import type { WorkflowName } from '../engine/startWorkflowOnce';
import { scheduleSpecFor } from './scheduleSpec';

const log = componentLogger('newsletters.schedules');
const SCHEDULE_PREFIX = 'newsletter-';

export type NewsletterScheduleSummary = {
  scheduleId: string;
  newsletterId: string;
  paused: boolean;
  note?: string;
  nextRuns: Date[];
  recentRuns: Date[];
};

function scheduleOptionsFor(definition: NewsletterDefinition, taskQueue: string) {
  const input: NewsletterRunInput = { newsletter: definition, trigger: 'schedule' };
  return {
    scheduleId: newsletterScheduleId(definition.id),
    spec: scheduleSpecFor(definition.schedule!),
    action: {
      type: 'startWorkflow' as const,
      workflowType: 'newsletterRunWorkflow' satisfies WorkflowName,
      // Temporal appends the scheduled time, so each run has its own workflow id (and run row).
      workflowId: newsletterScheduleId(definition.id),
      taskQueue,
      args: [input],
    },
    // A newsletter still going out when the next one is due: skip the new one rather than overlap.
    policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '1 day' },
    memo: { newsletterId: definition.id, name: definition.name },
  } satisfies ScheduleOptions;
}

/**
 * Creates or updates one Temporal schedule per scheduled newsletter, idempotently (run it at every
 * worker start or from the CLI). An existing schedule keeps its paused state; its calendar and pinned
 * definition are replaced. Returns the schedule ids it touched.
 */
export async function syncNewsletterSchedules(
  client: Client,
  definitions: NewsletterDefinition[],
  options: { taskQueue: string },
): Promise<{ created: string[]; updated: string[] }> {
  const created: string[] = [];
  const updated: string[] = [];
  for (const definition of definitions.filter((d) => d.schedule)) {
    const wanted = scheduleOptionsFor(definition, options.taskQueue);
    try {
      await client.schedule.create(wanted);
      created.push(wanted.scheduleId);
    } catch (error) {
      if (!(error instanceof ScheduleAlreadyRunning)) throw error;
      await client.schedule.getHandle(wanted.scheduleId).update((previous) => ({
        ...previous,
        spec: wanted.spec,
        action: wanted.action,
        policies: { ...previous.policies, ...wanted.policies },
      }));
      updated.push(wanted.scheduleId);
    }
  }
  log.info({ created, updated }, 'newsletter schedules synced');
  return { created, updated };
}

/** The newsletter schedules on the server, with their next and recent run times. */
export async function listNewsletterSchedules(client: Client): Promise<NewsletterScheduleSummary[]> {
  const summaries: NewsletterScheduleSummary[] = [];
  for await (const schedule of client.schedule.list()) {
    if (!schedule.scheduleId.startsWith(SCHEDULE_PREFIX)) continue;
    summaries.push({
      scheduleId: schedule.scheduleId,
      newsletterId: schedule.scheduleId.slice(SCHEDULE_PREFIX.length),
      paused: schedule.state.paused,
      note: schedule.state.note,
      nextRuns: schedule.info.nextActionTimes,
      recentRuns: schedule.info.recentActions.map((a) => a.scheduledAt),
    });
  }
  return summaries.sort((a, b) => a.scheduleId.localeCompare(b.scheduleId));
}

/** Describes one newsletter's schedule: paused or not, and the next times it fires. */
export async function describeNewsletterSchedule(client: Client, newsletterId: string) {
  const description = await client.schedule.getHandle(newsletterScheduleId(newsletterId)).describe();
  return { paused: description.state.paused, note: description.state.note, nextRuns: description.info.nextActionTimes };
}

export async function pauseNewsletterSchedule(client: Client, newsletterId: string, note = 'paused from the CLI'): Promise<void> {
  await client.schedule.getHandle(newsletterScheduleId(newsletterId)).pause(note);
}

export async function unpauseNewsletterSchedule(client: Client, newsletterId: string, note = 'resumed from the CLI'): Promise<void> {
  await client.schedule.getHandle(newsletterScheduleId(newsletterId)).unpause(note);
}

export async function deleteNewsletterSchedule(client: Client, newsletterId: string): Promise<void> {
  await client.schedule.getHandle(newsletterScheduleId(newsletterId)).delete();
}

/** Fires the schedule now (as if its time had come), e.g. to test a newsletter end to end. */
export async function triggerNewsletterSchedule(client: Client, newsletterId: string): Promise<void> {
  await client.schedule.getHandle(newsletterScheduleId(newsletterId)).trigger(ScheduleOverlapPolicy.ALLOW_ALL);
}
