import type { Client, WorkflowHandle } from '@temporalio/client';
import {
  cancelNewsletterSignal,
  newsletterProgressQuery,
  newsletterRunWorkflowId,
  pauseNewsletterSignal,
  resumeNewsletterSignal,
  type NewsletterProgress,
  type NewsletterRunInput,
} from '../workflows/newsletterRun/contract';
import type { NewsletterDefinition } from './definition';

export type NewsletterClientDeps = { client: Client; taskQueue: string };

/**
 * A one-off run of a newsletter: now, or at `at` (the workflow waits durably until then). `label`
 * makes the workflow id (default: the start time), so starting the same label twice is refused.
 */
export async function startNewsletterRun(
  deps: NewsletterClientDeps,
  newsletter: NewsletterDefinition,
  options: { at?: Date; label?: string } = {},
): Promise<{ workflowId: string; handle: WorkflowHandle }> {
  const workflowId = newsletterRunWorkflowId(newsletter.id, options.label ?? new Date().toISOString().replace(/[:.]/g, '-'));
  const input: NewsletterRunInput = { newsletter, trigger: 'manual', ...(options.at ? { notBefore: options.at.toISOString() } : {}) };
  const handle = await deps.client.workflow.start('newsletterRunWorkflow', { taskQueue: deps.taskQueue, workflowId, args: [input] });
  return { workflowId, handle };
}

const handleOf = (client: Client, workflowId: string) => client.workflow.getHandle(workflowId);

/** Total, sent, skipped by reason, failed, unknown, deferred and remaining of a run, live. */
export function newsletterRunProgress(client: Client, workflowId: string): Promise<NewsletterProgress> {
  return handleOf(client, workflowId).query(newsletterProgressQuery);
}

/** Stops sending after the current batch (about two seconds of sending at the rate limit) until resumed. */
export function pauseNewsletterRun(client: Client, workflowId: string): Promise<void> {
  return handleOf(client, workflowId).signal(pauseNewsletterSignal);
}

export function resumeNewsletterRun(client: Client, workflowId: string): Promise<void> {
  return handleOf(client, workflowId).signal(resumeNewsletterSignal);
}

/** Ends the run after the current batch; whoever was not reached yet is recorded as skipped ('cancelled'). */
export function cancelNewsletterRun(client: Client, workflowId: string): Promise<void> {
  return handleOf(client, workflowId).signal(cancelNewsletterSignal);
}

/** The run's final counts once it has finished. */
export function newsletterRunResult(client: Client, workflowId: string): Promise<NewsletterProgress> {
  return handleOf(client, workflowId).result();
}
