import { patched } from '@temporalio/workflow';

/**
 * Decides patches in a new run's first workflow task, before any local activity runs.
 *
 * A local activity's result can be recorded in one workflow task while the code that follows it runs in the next
 * (when the task heartbeats because the activity ran long, e.g. on a busy or restarting worker). On replay, core hands
 * the result back inside the earlier task, where a patch marker recorded in the later task is not yet known: a
 * `patched()` called right after a local activity then answers false on replay and true originally, and the replay
 * fails as nondeterministic (seen in the scale bench: "patch marker encountered … but there is no corresponding change
 * command"). A patch decided at the start is known from the first task on, in the original run and in every replay.
 *
 * List here every patch a workflow type may first ask about right after a local activity. Old histories are not
 * affected: there the early call finds no marker, answers false and sends nothing, and the later call behaves as
 * when they were recorded.
 */
export function decidePatchesUpFront(patchIds: readonly string[]): void {
  for (const id of patchIds) patched(id);
}
