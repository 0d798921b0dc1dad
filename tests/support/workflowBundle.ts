import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { bundleWorkflows } from '../../worker/workflowBundle';

let bundle: Promise<WorkflowBundleWithSourceMap> | undefined;

/** Bundles workflows/ once per test file instead of once per worker. */
export function prebuiltWorkflowBundle(): Promise<WorkflowBundleWithSourceMap> {
  bundle ??= bundleWorkflows();
  return bundle;
}
