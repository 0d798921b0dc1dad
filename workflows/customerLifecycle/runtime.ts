import { patched, proxyActivities } from '@temporalio/workflow';
import { DATABASE_ACTIVITY, FAILURE_RECORDING_ACTIVITY, LOCAL_DATABASE_ACTIVITY } from '../shared/activityRetry';
import { proxyLocalActivitiesAsActivities } from '../shared/localActivities';
import type { Activities } from '../../activities';
import type { LifecycleSettings } from './contract';
import type { CarriedState } from './state';

export const activities = proxyActivities<Activities>(DATABASE_ACTIVITY);
const localActivities = proxyLocalActivitiesAsActivities<Activities>(LOCAL_DATABASE_ACTIVITY);

/**
 * Since December 2026 the lifecycle's short database steps (load the customer, record an event, enroll in a
 * campaign, close enrollments, mark lapsed) run as local activities: each was a task queue round trip through the
 * server and a new workflow task, about six history events, where a local activity is one marker. Histories from
 * before the patch replay with the activities they recorded.
 */
export const LOCAL_DATABASE_STEPS = 'lifecycle-local-database-steps';

/** The database steps, local once the patch is in (see LOCAL_DATABASE_STEPS). */
export function databaseSteps(): typeof activities {
  return patched(LOCAL_DATABASE_STEPS) ? localActivities : activities;
}

/** Recording that handling an event gave up outlasts the trouble that made it give up. */
export const failures = proxyActivities<Activities>(FAILURE_RECORDING_ACTIVITY);

/** One run of a customer's lifecycle: its input, settings and the state carried across runs. */
export type LifecycleRuntime = {
  customerId: string;
  settings: LifecycleSettings;
  state: CarriedState;
};
