import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import type { LifecycleSettings } from './contract';
import type { CarriedState } from './state';

export const activities = proxyActivities<Activities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '5 seconds', backoffCoefficient: 2, maximumInterval: '10 minutes' },
});

/** One run of a customer's lifecycle: its input, settings and the state carried across runs. */
export type LifecycleRuntime = {
  customerId: string;
  settings: LifecycleSettings;
  state: CarriedState;
};
