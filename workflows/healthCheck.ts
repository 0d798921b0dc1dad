import { proxyActivities } from '@temporalio/workflow';
import { DATABASE_ACTIVITY } from './shared/activityRetry';
import type { Activities } from '../activities';
import { workflowNow } from './shared/clock';

const { recordHeartbeat } = proxyActivities<Activities>(DATABASE_ACTIVITY);

/** The smallest proof the engine works end to end: Temporal → worker → activity → database. */
export async function healthCheckWorkflow(probeId: string): Promise<string> {
  return recordHeartbeat({ probeId, at: workflowNow().toISO()! });
}
