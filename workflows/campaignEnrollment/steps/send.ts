import { DateTime } from 'luxon';
import type { SendStep } from '../../../campaigns/dsl/steps';
import { activities, CampaignExit, type EnrollmentRuntime } from '../runtime';

/** Skip reasons after which no later message of this campaign could be sent either. */
const reasonsThatEndTheCampaign = new Set(['objection', 'erased', 'unsubscribed', 'no_legal_basis', 'suppressed', 'no_email']);

/**
 * send(template): delivery goes through one idempotent activity keyed by (enrollment, step).
 * When the activity answers "not now" (outside the sending window, frequency cap) the workflow
 * sleeps until the given instant and asks again with the same key.
 */
export async function runSend(step: SendStep, path: string, rt: EnrollmentRuntime): Promise<void> {
  const { input } = rt;
  const idempotencyKey = `${input.enrollmentId}/${path}`;
  for (;;) {
    const outcome = await activities.deliverCampaignMessage({
      idempotencyKey,
      customerId: input.customerId,
      vehicleId: input.vehicleId,
      templateId: step.template,
      legalBasis: input.definition.legalBasis,
      campaignId: input.definition.id,
      campaignVersion: input.definition.version,
      campaignPriority: input.definition.options.priority,
      enrollmentId: input.enrollmentId,
      stepPath: path,
      context: input.context,
      onFrequencyCap: step.onFrequencyCap ?? 'defer',
      now: rt.now().toUTC().toISO()!,
    });
    if (outcome.status === 'deferred') {
      rt.record(path, step, `deferred: ${outcome.reason}`);
      await rt.sleepUntil(DateTime.fromISO(outcome.retryAt));
      continue;
    }
    rt.record(path, step, outcome.status === 'skipped' ? `skipped: ${outcome.reason}` : outcome.status);
    if (outcome.status === 'skipped' && reasonsThatEndTheCampaign.has(outcome.reason)) throw new CampaignExit(outcome.reason);
    return;
  }
}
