import {
  WorkflowExecutionAlreadyStartedError,
  type Client,
  type WorkflowHandle,
  type WorkflowHandleWithSignaledRunId,
  type WorkflowSignalWithStartOptions,
  type WorkflowStartOptions,
} from '@temporalio/client';
import type { WithWorkflowArgs } from '@temporalio/common';
import type * as workflows from '../workflows';

/** Every workflow the worker runs, by the name it is registered under (workflows/index.ts), with its function type. */
export type EngineWorkflows = typeof workflows;
export type WorkflowName = keyof EngineWorkflows;

/** How a start treats an id that already has a run. */
export type OnceOptions = {
  /**
   * 'never': a closed run with this id (completed, failed, terminated …) is final, the workflow never starts again
   * for it (reuse policy REJECT_DUPLICATE). 'after-close': a new run may start once the last one has closed.
   */
  restart: 'never' | 'after-close';
};

/** The workflow's handle; `closedBefore`: a run with this id had already closed, nothing was started (restart 'never'). */
export type StartedOnce<N extends WorkflowName> = { handle: WorkflowHandle<EngineWorkflows[N]>; closedBefore: boolean };

/**
 * Starts workflow `name` under a deterministic id unless it already runs: a retried request, a retried activity or a
 * replayed caller finds the running one and counts that as success. The running case is the server's: conflict
 * policy USE_EXISTING returns the running execution instead of an error (the Temporal CLI dev server 1.5.1 and the
 * time-skipping test server 1.38 both honour it, see tests/integration/startWorkflowOnce.test.ts). A run that has
 * already closed is governed by the reuse policy instead, and with `restart: 'never'` the server refuses the start
 * with WorkflowExecutionAlreadyStartedError: the one answer handled here, as `closedBefore`.
 *
 * Arguments are type-checked against the workflow function (`name` is an export of workflows/index.ts).
 */
export async function startWorkflowOnce<N extends WorkflowName>(
  client: Client,
  name: N,
  options: WorkflowStartOptions<EngineWorkflows[N]> & OnceOptions,
): Promise<StartedOnce<N>> {
  const { restart, ...start } = options;
  try {
    const handle = await client.workflow.start<EngineWorkflows[N]>(name, {
      ...(start as WorkflowStartOptions<EngineWorkflows[N]>),
      workflowIdConflictPolicy: 'USE_EXISTING',
      workflowIdReusePolicy: restart === 'never' ? 'REJECT_DUPLICATE' : 'ALLOW_DUPLICATE',
    });
    return { handle, closedBefore: false };
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError) || restart !== 'never') throw error;
    return { handle: client.workflow.getHandle<EngineWorkflows[N]>(start.workflowId), closedBefore: true };
  }
}

/**
 * Signals the workflow with this id, starting it first if it does not run (signal-with-start; a running one is
 * always signalled, so no conflict handling is needed). With `restart: 'never'` a closed run refuses the start and
 * the signal: the answer is then `undefined`.
 */
export async function signalWithStartOnce<N extends WorkflowName, SignalArgs extends unknown[]>(
  client: Client,
  name: N,
  options: WithWorkflowArgs<EngineWorkflows[N], WorkflowSignalWithStartOptions<SignalArgs>> & OnceOptions,
): Promise<WorkflowHandleWithSignaledRunId<EngineWorkflows[N]> | undefined> {
  const { restart, ...start } = options;
  try {
    return await client.workflow.signalWithStart<EngineWorkflows[N], SignalArgs>(name, {
      ...(start as WithWorkflowArgs<EngineWorkflows[N], WorkflowSignalWithStartOptions<SignalArgs>>),
      workflowIdReusePolicy: restart === 'never' ? 'REJECT_DUPLICATE' : 'ALLOW_DUPLICATE',
    });
  } catch (error) {
    if (!(error instanceof WorkflowExecutionAlreadyStartedError) || restart !== 'never') throw error;
    return undefined;
  }
}
