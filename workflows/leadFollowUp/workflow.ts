import { ActivityFailure, allHandlersFinished, ApplicationFailure, condition, proxyActivities, setHandler } from '@temporalio/workflow';
import { causeOf } from '../shared/gaveUp';
import type { Activities } from '../../activities';
import { addBusinessDuration } from '../../time/businessClock';
import { DATABASE_ACTIVITY, FAILURE_RECORDING_ACTIVITY, STAFF_MAIL_ACTIVITY } from '../shared/activityRetry';
import { workflowNow } from '../shared/clock';
import {
  CALLBACK_OUTCOMES,
  callbackOutcomeSignal,
  leadStateQuery,
  logCallbackOutcomeUpdate,
  staffAvailabilityChangedSignal,
  takeOverLeadSignal,
  type CallbackOutcomeEvent,
  type LeadFollowUpInput,
  type LeadState,
  type OutcomeReceipt,
} from './contract';
import { stepInstant } from './ladder';

const acts = proxyActivities<Activities>(DATABASE_ACTIVITY);
const mail = proxyActivities<Activities>(STAFF_MAIL_ACTIVITY);
const failures = proxyActivities<Activities>(FAILURE_RECORDING_ACTIVITY);

type LeadMailOrder = Awaited<ReturnType<Activities['openLeadFollowUp']>>['emails'][number];
/** Activity results recorded before lead mails carried ids only (they held rendered variables). */
type RecordedStaffEmail = Parameters<Activities['deliverStaffMessage']>[0];

const nowIso = () => workflowNow().toUTC().toISO()!;

/**
 * A lead that cannot be forgotten: assigned at once, due within the dealer's callback SLA (business
 * time of its location), then escalated step by step (reminder, re-assignment + team lead, manager)
 * until someone logs a callback outcome. 'No answer' schedules retries until the lead is unreachable.
 * The next deadline is an updatable timer: outcomes, take-overs and absence changes wake it early.
 * Everything it holds is ids, dates, enums and counts; the activities load names and addresses.
 * A step that gave up is recorded on the lead (timeline, open-leads page, operator task).
 */
export async function leadFollowUpWorkflow(input: LeadFollowUpInput): Promise<LeadState> {
  const state: LeadState = { leadId: input.leadId, status: 'open', escalationLevel: 0, attempts: 0 };
  const outcomes: CallbackOutcomeEvent[] = [];
  const seenOutcomes = new Set<string>();
  const receipts = new Map<string, OutcomeReceipt>();
  const takeOvers: Array<{ staffId: string; requestId: string }> = [];
  let availabilityChanged = false;
  let failureNo = 0;

  const accept = (event: CallbackOutcomeEvent) => {
    if (seenOutcomes.has(event.outcomeId)) return;
    seenOutcomes.add(event.outcomeId);
    outcomes.push(event);
  };
  setHandler(leadStateQuery, () => ({ ...state }));
  setHandler(callbackOutcomeSignal, accept);
  setHandler(
    logCallbackOutcomeUpdate,
    async (event) => {
      accept(event);
      await condition(() => receipts.has(event.outcomeId));
      return receipts.get(event.outcomeId)!;
    },
    {
      validator: (event) => {
        if (!event || typeof event.outcomeId !== 'string' || event.outcomeId.length === 0) throw new Error('outcomeId: required');
        if (!CALLBACK_OUTCOMES.includes(event.outcome)) throw new Error(`outcome: must be one of ${CALLBACK_OUTCOMES.join(', ')}`);
        if (state.status !== 'open' && !seenOutcomes.has(event.outcomeId))
          throw new Error(`lead ${input.leadId} is no longer open (${state.status})`);
      },
    },
  );
  setHandler(takeOverLeadSignal, (request) => void takeOvers.push(request));
  setHandler(staffAvailabilityChangedSignal, () => void (availabilityChanged = true));

  /** Runs an activity; when it gives up, records that where the dealer sees it and returns undefined. */
  async function guarded<T>(step: string, run: () => Promise<T>): Promise<T | undefined> {
    try {
      return await run();
    } catch (error) {
      if (!(error instanceof ActivityFailure)) throw error;
      failureNo += 1;
      await failures.recordLeadFollowUpFailure({
        leadId: input.leadId,
        step,
        key: `f${failureNo}`,
        ...causeOf(error),
        now: nowIso(),
      });
      return undefined;
    }
  }

  async function deliver(emails: Array<LeadMailOrder | RecordedStaffEmail>): Promise<void> {
    for (const email of emails) {
      if ('variables' in email)
        await mail.deliverStaffMessage({ ...email, now: nowIso() }); // replay of a history recorded before ids-only mails
      else await guarded('deliverLeadMail', () => mail.deliverLeadMail({ ...email, now: nowIso() }));
    }
  }

  const ctx = await guarded('openLeadFollowUp', () => acts.openLeadFollowUp({ leadId: input.leadId, policy: input.policy, now: nowIso() }));
  if (!ctx) {
    // Without its SLA and calendar the follow-up cannot run: the failure is recorded on the lead; the Web UI shows why.
    throw ApplicationFailure.nonRetryable(
      `lead ${input.leadId}: the follow-up could not start (see the lead's timeline and the operator task)`,
      'LeadFollowUpStopped',
    );
  }
  const { calendar, policy } = ctx;
  const ladder = policy.escalation;
  let assignmentNo = 0;
  let cycle = 0;
  let dueReason: 'callback' | 'retry' = 'callback';
  const setAssignee = (a: { id: string } | null) => {
    state.assigneeId = a?.id;
  };
  const restartLadder = (dueAt: string, reason: 'callback' | 'retry') => {
    state.dueAt = dueAt;
    state.escalationLevel = 0;
    state.nextEscalationAt = stepInstant(dueAt, ladder, 0, calendar);
    dueReason = reason;
  };
  setAssignee(ctx.assignee);
  restartLadder(ctx.dueAt, 'callback');
  await deliver(ctx.emails);

  while (state.status === 'open') {
    const next = state.nextEscalationAt;
    const woken = () => outcomes.length > 0 || takeOvers.length > 0 || availabilityChanged;
    if (next === undefined) await condition(woken);
    else if (Date.parse(next) > workflowNow().toMillis()) await condition(woken, Date.parse(next) - workflowNow().toMillis());

    const outcome = outcomes.shift();
    if (outcome) {
      await handleOutcome(outcome);
      continue;
    }
    const takeOver = takeOvers.shift();
    if (takeOver) {
      const taker = await guarded('takeOverLeadActivity', () =>
        acts.takeOverLeadActivity({ leadId: input.leadId, ...takeOver, now: nowIso() }),
      );
      if (taker) {
        setAssignee(taker);
        cycle += 1;
        restartLadder(addBusinessDuration(nowIso(), policy.callbackSla[ctx.kind], calendar), 'callback');
      }
      continue;
    }
    if (availabilityChanged) {
      availabilityChanged = false;
      const moved = await guarded('ensureLeadAssigneePresent', () =>
        acts.ensureLeadAssigneePresent({
          leadId: input.leadId,
          fromStaffId: state.assigneeId,
          assignmentNo: assignmentNo + 1,
          now: nowIso(),
          linkValidityDays: policy.linkValidityDays,
        }),
      );
      if (moved) {
        assignmentNo += 1;
        setAssignee(moved.assignee);
        await deliver(moved.emails);
      }
      continue;
    }
    if (next !== undefined && Date.parse(next) <= workflowNow().toMillis()) await escalate(next);
  }

  // Outcomes logged while the lead was closing are still recorded.
  for (const late of outcomes.splice(0)) {
    await guarded('recordCallbackOutcome', () =>
      acts.recordCallbackOutcome({
        ...outcomeFacts(late),
        leadId: input.leadId,
        now: nowIso(),
        attempts: state.attempts,
        consequence: { kind: 'late' },
      }),
    );
    receipts.set(late.outcomeId, { outcomeId: late.outcomeId, outcome: late.outcome, result: 'late', attempts: state.attempts });
  }
  state.nextEscalationAt = undefined;
  await condition(allHandlersFinished);
  return state;

  async function escalate(firedAt: string): Promise<void> {
    const stepIndex = state.escalationLevel;
    const result = await guarded('runLeadEscalationStep', () =>
      acts.runLeadEscalationStep({
        leadId: input.leadId,
        cycle,
        stepIndex,
        step: ladder[stepIndex]!,
        assigneeId: state.assigneeId,
        assignmentNo,
        dueAt: state.dueAt!,
        dueReason,
        now: nowIso(),
        linkValidityDays: policy.linkValidityDays,
      }),
    );
    state.escalationLevel = stepIndex + 1;
    state.nextEscalationAt = stepInstant(firedAt, ladder, stepIndex + 1, calendar);
    if (!result) return; // recorded; the next rung still fires
    assignmentNo = result.assignmentNo;
    setAssignee(result.assignee);
    await deliver(result.emails);
  }

  /** An outcome as it goes to the activity: the note only when an old signal carried one. */
  function outcomeFacts(event: CallbackOutcomeEvent) {
    return { outcomeId: event.outcomeId, outcome: event.outcome, staffId: event.staffId, ...(event.note ? { note: event.note } : {}) };
  }

  async function handleOutcome(event: CallbackOutcomeEvent): Promise<void> {
    const now = nowIso();
    state.outcome = event.outcome;
    const receipt = (result: OutcomeReceipt['result'], retryAt?: string) =>
      receipts.set(event.outcomeId, {
        outcomeId: event.outcomeId,
        outcome: event.outcome,
        result,
        attempts: state.attempts,
        ...(retryAt ? { retryAt } : {}),
      });
    if (event.outcome !== 'no_answer') {
      state.status = 'completed';
      await guarded('recordCallbackOutcome', () =>
        acts.recordCallbackOutcome({
          ...outcomeFacts(event),
          leadId: input.leadId,
          now,
          attempts: state.attempts,
          consequence: { kind: 'completed' },
        }),
      );
      receipt('completed');
      return;
    }
    state.attempts += 1;
    if (state.attempts >= policy.noAnswer.maxAttempts) {
      state.status = 'unreachable';
      await guarded('recordCallbackOutcome', () =>
        acts.recordCallbackOutcome({
          ...outcomeFacts(event),
          leadId: input.leadId,
          now,
          attempts: state.attempts,
          consequence: { kind: 'unreachable' },
        }),
      );
      receipt('unreachable');
      return;
    }
    const retryAt = addBusinessDuration(now, policy.noAnswer.retryAfter, calendar);
    cycle += 1;
    restartLadder(retryAt, 'retry');
    await guarded('recordCallbackOutcome', () =>
      acts.recordCallbackOutcome({
        ...outcomeFacts(event),
        leadId: input.leadId,
        now,
        attempts: state.attempts,
        consequence: { kind: 'retry', retryAt },
      }),
    );
    receipt('retry', retryAt);
  }
}
