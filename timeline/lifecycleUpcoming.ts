import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { queryCustomerJourney, type JourneyItem } from '../lifecycle/client';
import type { TimelineChannel, UpcomingTouchpoint } from './types';

const CHANNEL_OF_STEP: Record<string, TimelineChannel> = { send: 'email', createTask: 'task' };

function upcomingTouchpoint(item: JourneyItem): UpcomingTouchpoint {
  return {
    at: item.at,
    channel: CHANNEL_OF_STEP[item.kind] ?? 'campaign',
    summary: item.name || `${item.campaignId}: ${item.kind}`,
    campaignId: item.campaignId,
    stepPath: item.stepPath,
    stepKind: item.kind,
  };
}

/** The lifecycle's planned touchpoints for the timeline; a customer without a running lifecycle has none. */
export function lifecycleUpcoming(client: Client): (customerId: string) => Promise<UpcomingTouchpoint[]> {
  return async (customerId) => {
    try {
      return (await queryCustomerJourney(client, customerId)).upcoming.map(upcomingTouchpoint);
    } catch (error) {
      if (error instanceof WorkflowNotFoundError) return [];
      throw error;
    }
  };
}
