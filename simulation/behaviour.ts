import { z } from 'zod';

/**
 * How simulated customers and staff react, as probabilities. "Per week" means: in each simulated week
 * after the stimulus, until the customer reacted or the stimulus is `reactionWindowWeeks` old.
 * The defaults are deliberately modest, close to what German dealers report for reminder mail
 * (a service reminder fills the workshop over the following weeks, a win-back mail is answered by a few
 * per cent); every report says which values it ran with.
 */
const probability = z.number().min(0, { message: 'must be between 0 and 1' }).max(1, { message: 'must be between 0 and 1' });

export const behaviourSchema = z.strictObject({
  /** After a service reminder or follow-up: books (and has) the service in that week. */
  serviceBookingPerWeek: probability.default(0.2),
  /** After an HU reminder: has the HU done in that week. */
  huDonePerWeek: probability.default(0.25),
  /** After a reactivation message: replies in that week (the engine then opens a lead for the salesperson). */
  reactivationReplyPerWeek: probability.default(0.03),
  /** After a repurchase or lease-end offer: replies in that week (opens a lead too). */
  repurchaseReplyPerWeek: probability.default(0.04),
  /** Per marketing message received: objects to advertising (unsubscribes) in the week it arrived. */
  unsubscribePerMessage: probability.default(0.004),
  /** Per lead: the salesperson logs the callback late, after the SLA (escalations follow), instead of within the hour. */
  callbackLate: probability.default(0.25),
  /** How late a late callback is logged, in calendar hours after the lead came in. */
  lateCallbackAfterHours: z
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(52),
  /** How many weeks a reminder or offer can still trigger a reaction. */
  reactionWindowWeeks: z.number().int().min(1).max(26).default(6),
});

export type Behaviour = z.output<typeof behaviourSchema>;
export type BehaviourInput = z.input<typeof behaviourSchema>;

export const defaultBehaviour: Behaviour = behaviourSchema.parse({});

/** Which templates are the stimulus for which reaction. */
export const stimuli = {
  service: ['service-reminder', 'service-reminder-followup', 'first-service-invitation'],
  hu: ['hu-reminder', 'hu-reminder-second'],
  reactivation: ['reactivation-1', 'reactivation-2'],
  repurchase: ['repurchase-lease-end', 'repurchase-vehicle-age'],
} as const;
