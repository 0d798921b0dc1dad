import { proxyActivities } from '@temporalio/workflow';
import { DATABASE_ACTIVITY } from '../shared/activityRetry';
import type { Activities } from '../../activities';
import type { LifecycleSettings } from './contract';
import type { CarriedState } from './state';

export const activities = proxyActivities<Activities>(DATABASE_ACTIVITY);

/** One run of a customer's lifecycle: its input, settings and the state carried across runs. */
export type LifecycleRuntime = {
  customerId: string;
  settings: LifecycleSettings;
  state: CarriedState;
};
