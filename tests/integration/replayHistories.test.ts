import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import fs from 'node:fs';
import path from 'node:path';
import { forEachStep, type Step, type StepKind } from '../../campaigns/dsl/steps';
import * as workflows from '../../workflows';
import { prebuiltWorkflowBundle } from '../support/workflowBundle';

/**
 * Histories recorded from the scenarios (RECORD_HISTORIES=1, see tests/support/recordedHistories.ts): every
 * workflow type, every campaign step kind, a lead escalated and re-routed, callback outcomes taken as Updates, a
 * newsletter paused and resumed, a lifecycle that continued as new. They are replayed against the current workflow code: a change that would break
 * running workflows (nondeterminism) fails here, before it is deployed.
 */
const dir = path.resolve(__dirname, '../fixtures/histories');
const files = fs
  .readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .sort();

/** The files hold the History message as protobufjs writes JSON (enum names, longs and bytes as strings). */
function readHistory(file: string) {
  return temporal.api.history.v1.History.fromObject(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
}

/** What a history was recorded from: its workflow type, and for an enrollment the step kinds of its pinned campaign. */
function describeHistory(file: string) {
  const started = readHistory(file).events[0].workflowExecutionStartedEventAttributes!;
  const input = JSON.parse(Buffer.from(started.input!.payloads![0].data!).toString('utf8'));
  const stepKinds = new Set<StepKind>();
  if (input?.definition?.steps) forEachStep(input.definition.steps as Step[], (step) => stepKinds.add(step.kind));
  return { workflowType: started.workflowType!.name!, stepKinds };
}

describe('recorded workflow histories still replay on the current code', () => {
  const recorded = files.map(describeHistory);

  it('has a recorded history of every workflow type the worker runs', () => {
    const types = new Set(recorded.map((r) => r.workflowType));
    expect(Object.keys(workflows).filter((type) => !types.has(type))).toEqual([]);
  });

  it('has enrollment histories that take every campaign step kind', () => {
    const kinds = new Set(recorded.flatMap((r) => [...r.stepKinds]));
    const every: StepKind[] = ['send', 'wait', 'waitUntil', 'waitForEvent', 'branch', 'createTask'];
    expect(every.filter((kind) => !kinds.has(kind))).toEqual([]);
  });

  it('has a history with an accepted Update (a callback outcome logged on a running lead)', () => {
    const withUpdate = files.filter((file) => readHistory(file).events.some((e) => e.workflowExecutionUpdateAcceptedEventAttributes));
    expect(withUpdate).not.toEqual([]);
  });

  it('replays every history without a nondeterminism error', async () => {
    const histories = files.map((file) => ({ workflowId: file.replace(/\.json$/, ''), history: readHistory(file) }));
    const failures: string[] = [];
    let replayed = 0;
    for await (const result of Worker.runReplayHistories({ workflowBundle: await prebuiltWorkflowBundle() }, histories)) {
      replayed += 1;
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
    expect(replayed).toBe(files.length);
  });
});
