import { patched, proxyActivities } from '@temporalio/workflow';
import { FAILURE_RECORDING_ACTIVITY, LOCAL_DATABASE_ACTIVITY, MAIL_ACTIVITY } from '../shared/activityRetry';
import type { DateTime } from 'luxon';
import { proxyLocalActivitiesAsActivities } from '../shared/localActivities';
import type { Activities } from '../../activities';
import type { CampaignEventType } from '../../campaigns/dsl/eventTypes';
import type { Step } from '../../campaigns/dsl/steps';
import { sleepUntil, workflowNow } from '../shared/clock';
import type { CampaignEnrollmentInput, CampaignEvent, EnrollmentState } from './contract';

/** Thrown by a step to end the whole campaign (goal reached, objection, date passed …). */
export class CampaignExit extends Error {
  constructor(readonly reason: string) {
    super(`campaign exited: ${reason}`);
    this.name = 'CampaignExit';
  }
}

/** One nesting level of step lists being executed; the stack lets a query project what comes next. */
export type Frame = { steps: Step[]; prefix: string; index: number };

// Retry policies come from workflows/shared/activityRetry.ts (mail-sized: the SMTP relay may be down for hours).
export const activities = proxyActivities<Activities>(MAIL_ACTIVITY);
const localActivities = proxyLocalActivitiesAsActivities<Activities>(LOCAL_DATABASE_ACTIVITY);

/**
 * Since December 2026 an enrollment's database-only steps (a branch's decision, a staff task, the closing
 * record) run as local activities: one history marker instead of a task queue round trip and a new workflow
 * task each. Sends stay ordinary activities: the SMTP relay may be down for hours. Older histories replay
 * with the activities they recorded.
 */
const LOCAL_DATABASE_STEPS = 'enrollment-local-database-steps';

/** The database-only steps, local once the patch is in (see LOCAL_DATABASE_STEPS). */
export function databaseSteps(): typeof activities {
  return patched(LOCAL_DATABASE_STEPS) ? localActivities : activities;
}

/** Recording that a step gave up outlasts the trouble that made it give up. */
export const failures = proxyActivities<Activities>(FAILURE_RECORDING_ACTIVITY);

export type EnrollmentRuntime = {
  input: CampaignEnrollmentInput;
  state: EnrollmentState;
  frames: Frame[];
  events: CampaignEvent[];
  now(): DateTime;
  /** Sleeps to `instant`, showing it as the enrollment's wake time meanwhile. */
  sleepUntil(instant: DateTime): Promise<void>;
  record(path: string, step: Step, outcome: string): void;
  eventsSince(type: CampaignEventType, since: number): CampaignEvent | undefined;
};

export function createRuntime(input: CampaignEnrollmentInput): EnrollmentRuntime {
  const state: EnrollmentState = {
    enrollmentId: input.enrollmentId,
    campaignId: input.definition.id,
    campaignVersion: input.definition.version,
    status: 'running',
    taken: [],
    upcoming: [],
  };
  const runtime: EnrollmentRuntime = {
    input,
    state,
    frames: [],
    events: [],
    now: () => workflowNow(input.timeZone),
    async sleepUntil(instant) {
      state.wakeAt = instant.toUTC().toISO() ?? undefined;
      try {
        await sleepUntil(instant);
      } finally {
        state.wakeAt = undefined;
      }
    },
    record(path, step, outcome) {
      state.taken.push({ path, kind: step.kind, name: step.name, outcome, at: workflowNow().toISO()! });
    },
    eventsSince(type, since) {
      return runtime.events.find((e) => e.type === type && Date.parse(e.occurredAt) >= since);
    },
  };
  return runtime;
}
