import type { ActivityInterceptorsFactory } from '@temporalio/worker';
import type { DeliverCampaignMessageInput } from '../activities/delivery/deliverCampaignMessage';
import type { DeliveryOutcome } from '../activities/delivery/sendThroughOutbox';

/**
 * Watches the real delivery activity through a Temporal activity interceptor and counts what the
 * outbox does not keep: deferrals by the sending window and by the frequency cap (a deferred message
 * stays 'queued' and is simply tried again later). Only ids, dates and reasons are kept.
 */
export type Deferral = {
  campaignId: string;
  customerId: string;
  templateId: string;
  reason: 'outside_sending_window' | 'frequency_cap';
  at: string;
};

export class DeliveryObserver {
  readonly deferrals: Deferral[] = [];

  readonly interceptor: ActivityInterceptorsFactory = (ctx) => ({
    inbound: {
      execute: async (input, next) => {
        const result = await next(input);
        if (ctx.info.activityType === 'deliverCampaignMessage')
          this.observe(input.args[0] as DeliverCampaignMessageInput, result as DeliveryOutcome);
        return result;
      },
    },
  });

  private observe(input: DeliverCampaignMessageInput, outcome: DeliveryOutcome): void {
    if (outcome.status !== 'deferred') return;
    this.deferrals.push({
      campaignId: input.campaignId,
      customerId: input.customerId,
      templateId: input.templateId,
      reason: outcome.reason,
      at: input.now,
    });
  }
}
