import type { Client } from '@temporalio/client';
import { leadStateQuery, leadWorkflowId, type LeadState } from '../workflows/leadFollowUp/contract';

/** A lead's follow-up state: open/completed/unreachable, assignee, due time, escalation level. */
export function queryLeadState(client: Client, leadId: string): Promise<LeadState> {
  return client.workflow.getHandle(leadWorkflowId(leadId)).query(leadStateQuery);
}
