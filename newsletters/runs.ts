import { WorkflowNotFoundError, type Client, type WorkflowHandle } from '@temporalio/client';
import { signalWithStartOnce } from '../engine/startWorkflowOnce';
import {
  cancelNewsletterSignal,
  newsletterProgressQuery,
  newsletterRunWorkflowId,
  pauseNewsletterSignal,
  resumeNewsletterSignal,
  type NewsletterProgress,
  type NewsletterRunInput,
} from '../workflows/newsletterRun/contract';
import type { newsletterRunWorkflow } from '../workflows/newsletterRun/workflow';
import type { NewsletterDefinition } from './definition';

/** The one way the engine talks to a newsletter run's workflow (ids from newsletterRunWorkflowId, or the schedule's). */
export type NewsletterClientDeps = { client: Client; taskQueue: string };
type NewsletterRunHandle = WorkflowHandle<typeof newsletterRunWorkflow>;

/**
 * A one-off run of a newsletter: now, or at `at` (the workflow waits durably until then). `label`
 * makes the workflow id (default: the start time), so starting the same label twice is refused
 * (WorkflowExecutionAlreadyStartedError), while the first run goes on and after it has finished.
 */
export async function startNewsletterRun(
  deps: NewsletterClientDeps,
  newsletter: NewsletterDefinition,
  options: { at?: Date; label?: string } = {},
): Promise<{ workflowId: string; handle: NewsletterRunHandle }> {
  const workflowId = newsletterRunWorkflowId(newsletter.id, options.label ?? new Date().toISOString().replace(/[:.]/g, '-'));
  const input: NewsletterRunInput = { newsletter, trigger: 'manual', ...(options.at ? { notBefore: options.at.toISOString() } : {}) };
  const handle = await deps.client.workflow.start<typeof newsletterRunWorkflow>('newsletterRunWorkflow', {
    taskQueue: deps.taskQueue,
    workflowId,
    args: [input],
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
  });
  return { workflowId, handle };
}

/**
 * A run that waits paused, with its recipients snapshotted, until someone resumes it (started with the pause
 * signal). Started once: a later call finds it running, or finished, and leaves it alone. Signal-with-start would
 * pause a running one again (someone may have resumed it), and servers refuse conflict policy FAIL for it, so the
 * run is looked up first; two calls racing past that both only pause it.
 */
export async function startPausedNewsletterRun(
  deps: NewsletterClientDeps,
  newsletter: NewsletterDefinition,
  label: string,
): Promise<{ workflowId: string }> {
  const workflowId = newsletterRunWorkflowId(newsletter.id, label);
  const input: NewsletterRunInput = { newsletter, trigger: 'manual' };
  const exists = await handleOf(deps.client, workflowId)
    .describe()
    .then(
      () => true,
      (error: unknown) => {
        if (error instanceof WorkflowNotFoundError) return false;
        throw error;
      },
    );
  if (exists) return { workflowId };
  await signalWithStartOnce(deps.client, 'newsletterRunWorkflow', {
    taskQueue: deps.taskQueue,
    workflowId,
    args: [input],
    signal: pauseNewsletterSignal,
    signalArgs: [],
    restart: 'never',
  });
  return { workflowId };
}

const handleOf = (client: Client, workflowId: string): NewsletterRunHandle =>
  client.workflow.getHandle<typeof newsletterRunWorkflow>(workflowId);

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
