import { temporal } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import fs from 'node:fs';
import path from 'node:path';
import { HISTORIES_DIR } from '../support/recordedHistories';
import { prebuiltWorkflowBundle } from '../support/workflowBundle';

/**
 * Herr Neumann's new car is delivered while the worker is busy (the scale run: a worker killed, the server restarted).
 * The lifecycle records the delivery as a local step; its result is written in one workflow task, but the code after
 * it (which patches apply, which campaigns to enroll in) only runs in the next one. Every later replay of his
 * lifecycle (a query, a worker's cache eviction, another worker) must still reach the same decisions: before the
 * lifecycle decided its patches up front, such a replay stopped at "patch marker encountered … but there is no
 * corresponding change command", and his lifecycle answered no query again.
 */
type HistoryJson = { events: Array<Record<string, unknown> & { eventId: string; eventType: string }> };

const readFixture = (name: string): HistoryJson => JSON.parse(fs.readFileSync(path.join(HISTORIES_DIR, `${name}.json`), 'utf8'));

function localActivityType(event: Record<string, unknown>): string | undefined {
  const marker = event.markerRecordedEventAttributes as {
    markerName?: string;
    details?: Record<string, { payloads: Array<{ data: string }> }>;
  };
  if (marker?.markerName !== 'core_local_activity') return undefined;
  return JSON.parse(Buffer.from(marker.details!.data.payloads[0].data, 'base64').toString('utf8')).activity_type;
}

/** Every event id reference (`eventId`, `scheduledEventId`, `workflowTaskCompletedEventId` …) at or after `from` moves by `by`. */
function shiftEventIds(value: unknown, from: number, by: number): unknown {
  if (Array.isArray(value)) return value.map((v) => shiftEventIds(v, from, by));
  if (!value || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, child]) =>
      /EventId$|^eventId$/.test(key) && typeof child === 'string' && Number(child) >= from
        ? [key, String(Number(child) + by)]
        : [key, shiftEventIds(child, from, by)],
    ),
  );
}

/** The history as a busy worker leaves it: a workflow task ends right after the local step `activityType` (its first run). */
function splitAfterLocalStep(history: HistoryJson, activityType: string): HistoryJson {
  const at = history.events.findIndex((e) => localActivityType(e) === activityType);
  if (at < 0) throw new Error(`no local ${activityType} in the history`);
  const lastTask = (type: string) => [...history.events.slice(0, at)].reverse().find((e) => e.eventType === type)!;
  const splitId = Number(history.events[at].eventId) + 1;
  const shifted = shiftEventIds(history.events, splitId, 3) as HistoryJson['events'];
  const task = (offset: number, template: HistoryJson['events'][number], attributes: Record<string, unknown>) => ({
    ...template,
    eventId: String(splitId + offset),
    ...attributes,
  });
  const scheduled = lastTask('EVENT_TYPE_WORKFLOW_TASK_SCHEDULED');
  const started = lastTask('EVENT_TYPE_WORKFLOW_TASK_STARTED');
  const completed = lastTask('EVENT_TYPE_WORKFLOW_TASK_COMPLETED');
  const inserted = [
    task(0, scheduled, {}),
    task(1, started, {
      workflowTaskStartedEventAttributes: { ...(started.workflowTaskStartedEventAttributes as object), scheduledEventId: String(splitId) },
    }),
    task(2, completed, {
      workflowTaskCompletedEventAttributes: {
        ...(completed.workflowTaskCompletedEventAttributes as object),
        scheduledEventId: String(splitId),
        startedEventId: String(splitId + 1),
      },
    }),
  ];
  return { ...history, events: [...shifted.slice(0, at + 1), ...inserted, ...shifted.slice(at + 1)] };
}

describe("a lifecycle whose local step's result and the code after it fell into two workflow tasks", () => {
  it('replays his new-car lifecycle, split after the delivery is recorded, without a nondeterminism error', async () => {
    const split = splitAfterLocalStep(readFixture('lifecycle-new-car'), 'recordCustomerEvent');
    const history = temporal.api.history.v1.History.fromObject(split);
    expect(history.events.filter((e) => e.workflowTaskCompletedEventAttributes).length).toBeGreaterThan(2);
    await expect(
      Worker.runReplayHistory({ workflowBundle: await prebuiltWorkflowBundle() }, history, 'lifecycle-split'),
    ).resolves.toBeUndefined();
  });
});
