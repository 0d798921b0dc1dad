import { condition, proxyActivities, setHandler } from '@temporalio/workflow';
import type { Activities } from '../../activities';
import { addBusinessDuration } from '../../time/businessTime';
import { workflowNow } from '../shared/clock';
import {
  callbackOutcomeSignal,
  leadStateQuery,
  staffAvailabilityChangedSignal,
  takeOverLeadSignal,
  type CallbackOutcomeEvent,
  type LeadFollowUpInput,
  type LeadState,
} from './contract';
import { stepInstant } from './ladder';

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '2 minutes',
  // Database or SMTP trouble retries with backoff, without limit: a lead must never be dropped.
  retry: { initialInterval: '10 seconds', backoffCoefficient: 2, maximumInterval: '15 minutes' },
});

type StaffEmails = Awaited<ReturnType<Activities['openLeadFollowUp']>>['emails'];

const nowIso = () => workflowNow().toUTC().toISO()!;

async function deliver(emails: StaffEmails): Promise<void> {
  for (const email of emails) await acts.deliverStaffMessage({ ...email, now: nowIso() });
}

/**
 * A lead that cannot be forgotten: assigned at once, due within the dealer's callback SLA (business
 * time of its location), then escalated step by step (reminder, re-assignment + team lead, manager)
 * until someone logs a callback outcome. 'No answer' schedules retries until the lead is unreachable.
 * The next deadline is an updatable timer: outcomes, take-overs and absence changes wake it early.
 */
export async function leadFollowUpWorkflow(input: LeadFollowUpInput): Promise<LeadState> {
  const state: LeadState = { leadId: input.leadId, status: 'open', escalationLevel: 0, attempts: 0 };
  const outcomes: CallbackOutcomeEvent[] = [];
  const seenOutcomes = new Set<string>();
  const takeOvers: Array<{ staffId: string; requestId: string }> = [];
  let availabilityChanged = false;

  setHandler(leadStateQuery, () => ({ ...state }));
  setHandler(callbackOutcomeSignal, (event) => {
    if (seenOutcomes.has(event.outcomeId)) return;
    seenOutcomes.add(event.outcomeId);
    outcomes.push(event);
  });
  setHandler(takeOverLeadSignal, (request) => void takeOvers.push(request));
  setHandler(staffAvailabilityChangedSignal, () => void (availabilityChanged = true));

  const ctx = await acts.openLeadFollowUp({ leadId: input.leadId, policy: input.policy, now: nowIso() });
  const { calendar, policy } = ctx;
  const ladder = policy.escalation;
  let assignmentNo = 0;
  let cycle = 0;
  let dueReason: 'callback' | 'retry' = 'callback';
  const setAssignee = (a: { id: string; name: string } | null) => {
    state.assigneeId = a?.id;
    state.assigneeName = a?.name;
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
      const taker = await acts.takeOverLeadActivity({ leadId: input.leadId, ...takeOver, now: nowIso() });
      if (taker) {
        setAssignee(taker);
        cycle += 1;
        restartLadder(addBusinessDuration(nowIso(), policy.callbackSla[ctx.kind], calendar), 'callback');
      }
      continue;
    }
    if (availabilityChanged) {
      availabilityChanged = false;
      const moved = await acts.ensureLeadAssigneePresent({ leadId: input.leadId, fromStaffId: state.assigneeId, assignmentNo: assignmentNo + 1, now: nowIso(), linkValidityDays: policy.linkValidityDays });
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
    await acts.recordCallbackOutcome({ ...late, leadId: input.leadId, now: nowIso(), attempts: state.attempts, consequence: { kind: 'late' } });
  }
  state.nextEscalationAt = undefined;
  return state;

  async function escalate(firedAt: string): Promise<void> {
    const stepIndex = state.escalationLevel;
    const result = await acts.runLeadEscalationStep({
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
    });
    assignmentNo = result.assignmentNo;
    setAssignee(result.assignee);
    state.escalationLevel = stepIndex + 1;
    state.nextEscalationAt = stepInstant(firedAt, ladder, stepIndex + 1, calendar);
    await deliver(result.emails);
  }

  async function handleOutcome(event: CallbackOutcomeEvent): Promise<void> {
    const now = nowIso();
    state.outcome = event.outcome;
    if (event.outcome !== 'no_answer') {
      state.status = 'completed';
      await acts.recordCallbackOutcome({ ...event, leadId: input.leadId, now, attempts: state.attempts, consequence: { kind: 'completed' } });
      return;
    }
    state.attempts += 1;
    if (state.attempts >= policy.noAnswer.maxAttempts) {
      state.status = 'unreachable';
      await acts.recordCallbackOutcome({ ...event, leadId: input.leadId, now, attempts: state.attempts, consequence: { kind: 'unreachable' } });
      return;
    }
    const retryAt = addBusinessDuration(now, policy.noAnswer.retryAfter, calendar);
    cycle += 1;
    restartLadder(retryAt, 'retry');
    await acts.recordCallbackOutcome({ ...event, leadId: input.leadId, now, attempts: state.attempts, consequence: { kind: 'retry', retryAt } });
  }
}
