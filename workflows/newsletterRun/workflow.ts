import { ActivityFailure, condition, continueAsNew, patched, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';

import { BATCH_ACTIVITY, DATABASE_ACTIVITY, FAILURE_RECORDING_ACTIVITY } from '../shared/activityRetry';
import { causeOf } from '../shared/gaveUp';
import { DateTime } from 'luxon';
import type { Activities } from '../../activities';
import { sleepUntil, workflowNow } from '../shared/clock';
import {
  cancelNewsletterSignal,
  newsletterProgressQuery,
  pauseNewsletterSignal,
  resumeNewsletterSignal,
  type NewsletterCounts,
  type NewsletterProgress,
  type NewsletterRunInput,
} from './contract';

const quick = proxyActivities<Activities>(DATABASE_ACTIVITY);

/** A batch heartbeats after every chunk and while waiting for the rate limit; a dead worker's batch moves on after 20 s. */
const batches = proxyActivities<Activities>(BATCH_ACTIVITY);
const failures = proxyActivities<Activities>(FAILURE_RECORDING_ACTIVITY);

/** Since December 2026 a run whose batch gave up is recorded as failed for the dealer (before: the workflow failed, the row said running). */
const RECORD_NEWSLETTER_GIVE_UP = 'record-newsletter-give-up';

const MAX_BATCH = 500;
/** Keeps the event history bounded: after this many batches the run continues as new. */
const BATCHES_PER_EXECUTION = 200;

/** About two seconds of sending per batch at the run's rate (at most 500), so pause and cancel act quickly. */
function batchSize(ratePerSecond: number | undefined): number {
  return ratePerSecond === undefined ? MAX_BATCH : Math.min(MAX_BATCH, Math.max(10, Math.ceil(ratePerSecond * 2)));
}

const emptyCounts = (): NewsletterCounts => ({ total: 0, sent: 0, skipped: {}, failed: 0, unknown: 0, deferred: 0, remaining: 0 });

/**
 * One newsletter run: snapshot the segment's recipients, then send in batches (one activity each),
 * honouring pause, resume and cancel between batches. Recipients deferred by the sending window or
 * the frequency cap are tried again in a later pass, at the earliest moment one of them may go out.
 * Returns (and stores on the run row) the final counts.
 */
export async function newsletterRunWorkflow(input: NewsletterRunInput): Promise<NewsletterProgress> {
  const { newsletter } = input;
  const state: NewsletterProgress = {
    newsletterId: newsletter.id,
    status: 'starting',
    batches: input.carry?.batches ?? 0,
    ...emptyCounts(),
  };
  let paused = input.carry?.paused ?? false;
  let cancelled = false;
  let batchOnTheWire = false;
  setHandler(newsletterProgressQuery, () => ({
    ...state,
    skipped: { ...state.skipped },
    // "paused" only once no batch is sending any more: a dealer who sees it may rely on it.
    status: paused && !isFinal(state) ? (batchOnTheWire ? 'pausing' : 'paused') : state.status,
  }));
  setHandler(pauseNewsletterSignal, () => void (paused = true));
  setHandler(resumeNewsletterSignal, () => void (paused = false));
  setHandler(cancelNewsletterSignal, () => void (cancelled = true));
  const now = () => workflowNow().toISO()!;

  if (input.notBefore && !input.carry) {
    state.status = 'waiting_to_start';
    await Promise.race([sleepUntil(DateTime.fromISO(input.notBefore)), condition(() => cancelled)]);
  }
  const opened = input.carry
    ? { runId: input.carry.runId, counts: undefined }
    : await quick.openNewsletterRun({ workflowId: workflowInfo().workflowId, newsletter, trigger: input.trigger, now: now() });
  const runId = opened.runId;
  state.runId = runId;
  if (opened.counts) Object.assign(state, opened.counts);

  let cursor = input.carry?.cursor ?? null;
  let retryAt = input.carry?.retryAt;
  let pacedFrom: number | undefined;
  let executionBatches = 0;
  let pausedInDatabase = false;
  const deliverAll = async () => {
    for (;;) {
      state.status = 'running';
      if (paused && !cancelled) {
        await quick.markNewsletterRun({ runId, status: 'paused', now: now() });
        pausedInDatabase = true;
        await condition(() => !paused || cancelled);
      }
      if (cancelled) break;
      if (pausedInDatabase) {
        await quick.markNewsletterRun({ runId, status: 'running', now: now() });
        pausedInDatabase = false;
      }
      if (executionBatches >= BATCHES_PER_EXECUTION) {
        await continueAsNew<typeof newsletterRunWorkflow>({ ...input, carry: { runId, cursor, paused, batches: state.batches, retryAt } });
      }
      batchOnTheWire = true;
      const result = await batches
        .deliverNewsletterBatch({
          runId,
          newsletter,
          afterId: cursor,
          limit: batchSize(newsletter.ratePerSecond),
          pacedFrom,
          now: now(),
        })
        .finally(() => void (batchOnTheWire = false));
      pacedFrom = result.pacedUntil;
      executionBatches += 1;
      state.batches += 1;
      Object.assign(state, result.counts);
      if (result.retryAt && (!retryAt || result.retryAt < retryAt)) retryAt = result.retryAt;
      if (result.lastId !== null) {
        cursor = result.lastId;
        continue;
      }
      // A pass is over. Deferred recipients wait for the moment the first of them may go out.
      if (result.counts.deferred === 0 || !retryAt) break;
      state.status = 'waiting_for_deferred';
      await Promise.race([sleepUntil(DateTime.fromISO(retryAt)), condition(() => cancelled)]);
      cursor = null;
      retryAt = undefined;
    }
  };
  try {
    await deliverAll();
  } catch (error) {
    if (!(error instanceof ActivityFailure) || !patched(RECORD_NEWSLETTER_GIVE_UP)) throw error;
    // A batch gave up: the run ends as failed, visibly (run row, a task for the managers), with who was reached so far.
    const { cause, causeType } = causeOf(error);
    const counts = await failures.recordNewsletterRunFailure({ runId, activityType: error.activityType, cause, causeType, now: now() });
    Object.assign(state, counts, { status: 'failed', failure: { activityType: error.activityType, cause } });
    return { ...state };
  }
  const final = await quick.markNewsletterRun({ runId, status: cancelled ? 'cancelled' : 'completed', now: now() });
  Object.assign(state, final, { status: cancelled ? 'cancelled' : 'completed' });
  return { ...state };
}

const isFinal = (state: NewsletterProgress) => ['completed', 'cancelled', 'failed'].includes(state.status);
