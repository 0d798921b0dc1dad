import { proxyActivities } from '@temporalio/workflow';
import { DATABASE_ACTIVITY, FAILURE_RECORDING_ACTIVITY } from '../shared/activityRetry';
import type { Activities } from '../../activities';
import type { LifecycleSettings } from './contract';
import type { CarriedState } from './state';

export const activities = proxyActivities<Activities>(DATABASE_ACTIVITY);
/** Recording that handling an event gave up outlasts the trouble that made it give up. */
export const failures = proxyActivities<Activities>(FAILURE_RECORDING_ACTIVITY);

/** One run of a customer's lifecycle: its input, settings and the state carried across runs. */
export type LifecycleRuntime = {
  customerId: string;
  settings: LifecycleSettings;
  state: CarriedState;
};
