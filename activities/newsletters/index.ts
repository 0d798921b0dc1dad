import type { CampaignDeliveryDeps } from '../delivery/deliverCampaignMessage';
import { deliverNewsletterBatch, type DeliverNewsletterBatchInput } from './deliverBatch';
import { markNewsletterRun, openNewsletterRun, type OpenNewsletterRunInput } from './openRun';
import { recordNewsletterRunFailure, type NewsletterRunFailureInput } from './runFailure';

/** The newsletter activities, bound to the same delivery dependencies (outbox, renderer, cap, send slots) as campaigns. */
export function createNewsletterActivities(deps: CampaignDeliveryDeps) {
  return {
    openNewsletterRun: (input: OpenNewsletterRunInput) => openNewsletterRun(deps.prisma, input),
    deliverNewsletterBatch: (input: DeliverNewsletterBatchInput) => deliverNewsletterBatch(deps, input),
    markNewsletterRun: (input: Parameters<typeof markNewsletterRun>[1]) => markNewsletterRun(deps.prisma, input),
    recordNewsletterRunFailure: (input: NewsletterRunFailureInput) => recordNewsletterRunFailure(deps.prisma, input),
  };
}
