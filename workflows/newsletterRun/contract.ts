import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { NewsletterDefinition } from '../../newsletters/definition';

/** How a run's recipients stand: counted in PostgreSQL from the run's snapshot after every batch. */
export type NewsletterCounts = {
  total: number;
  sent: number;
  /** Skipped recipients by reason (objection, unsubscribed, no_legal_basis, frequency_cap, cancelled …). */
  skipped: Record<string, number>;
  failed: number;
  /** SMTP may or may not have taken it (the worker died mid-conversation); never re-sent. */
  unknown: number;
  /** Waiting for the sending window or the frequency cap; sent in a later pass. */
  deferred: number;
  /** Not yet handled (includes deferred). */
  remaining: number;
};

/** `pausing`: a pause was asked for and the batch on the wire is still being sent; `paused`: nothing is sent until resumed. */
export type NewsletterRunStatus =
  'starting' | 'waiting_to_start' | 'running' | 'pausing' | 'paused' | 'waiting_for_deferred' | 'completed' | 'cancelled' | 'failed';

export type NewsletterProgress = NewsletterCounts & {
  newsletterId: string;
  runId?: string;
  status: NewsletterRunStatus;
  /** Recipients handled per second over the run so far, for the CLI. */
  batches: number;
  /** Why the run stopped, when it `failed`: the activity that gave up and its error (also on the run row and a managers' task). */
  failure?: { activityType: string; cause: string };
};

/** What a continued-as-new execution carries over. */
export type NewsletterCarry = { runId: string; cursor: string | null; paused: boolean; batches: number; retryAt?: string };

export type NewsletterRunInput = {
  /** The definition, pinned when the run (or the schedule) was created. */
  newsletter: NewsletterDefinition;
  trigger: 'schedule' | 'manual';
  /** A one-off run "at a time": the workflow waits until then (ISO instant). */
  notBefore?: string;
  carry?: NewsletterCarry;
};

export const pauseNewsletterSignal = defineSignal('pauseNewsletter');
export const resumeNewsletterSignal = defineSignal('resumeNewsletter');
export const cancelNewsletterSignal = defineSignal('cancelNewsletter');
export const newsletterProgressQuery = defineQuery<NewsletterProgress>('newsletterProgress');

/** Workflow id of a one-off run; scheduled runs get `newsletter-<id>-<scheduled time>` from Temporal. */
export function newsletterRunWorkflowId(newsletterId: string, label: string): string {
  return `newsletter-${newsletterId}-${label}`;
}

/** Schedule id of a recurring newsletter. */
export function newsletterScheduleId(newsletterId: string): string {
  return `newsletter-${newsletterId}`;
}
