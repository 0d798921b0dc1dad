import { proxyActivities } from '@temporalio/workflow';
import type { Activities } from '../activities';
import { workflowNow } from './shared/clock';

const { recordHeartbeat } = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds' });

/** The smallest proof the engine works end to end: Temporal → worker → activity → database. */
export async function healthCheckWorkflow(probeId: string): Promise<string> {
  return recordHeartbeat({ probeId, at: workflowNow().toISO()! });
}
