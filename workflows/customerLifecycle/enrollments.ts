import { getExternalWorkflowHandle } from '@temporalio/workflow';
import type { CampaignEventType } from '../../campaigns/dsl/eventTypes';
import { forEachStep } from '../../campaigns/dsl/stepTree';
import {
  campaignEventSignal,
  enrollmentWorkflowId,
  stopEnrollmentSignal,
  SUPERSEDED_BY_NEXT_CYCLE,
  type CampaignEnrollmentInput,
} from '../campaignEnrollment/contract';
import { workflowNow } from '../shared/clock';
import type { CampaignPlan } from './plan';
import { activities, type LifecycleRuntime } from './runtime';
import type { EnrollmentRef } from './state';

/** Events a campaign reacts to: its exit goals and the events its steps wait for. */
function eventsOf(definition: CampaignEnrollmentInput['definition']): CampaignEventType[] {
  const events = new Set<CampaignEventType>(definition.exitOn);
  forEachStep(definition.steps, (step) => {
    if (step.kind === 'waitForEvent') events.add(step.event);
  });
  return [...events];
}

const cycleKey = (campaignId: string, vehicleId?: string) => `${campaignId}/${vehicleId ?? '-'}`;

/**
 * Enrolls the customer in a campaign: its own workflow (id from the enrollment id), started once
 * through an activity, so it outlives this run and continue-as-new (see activities/lifecycle/startWorkflows.ts);
 * its id stays in state. A new cycle of the same campaign and
 * vehicle supersedes the previous one.
 */
export async function enroll(rt: LifecycleRuntime, plan: CampaignPlan): Promise<EnrollmentRef | undefined> {
  const { state } = rt;
  const key = cycleKey(plan.campaignId, plan.vehicleId);
  const cycle = (state.cycles[key] ?? 0) + 1;
  state.cycles[key] = cycle;
  const previous = state.enrollments.filter((e) => e.campaignId === plan.campaignId && e.vehicleId === plan.vehicleId);
  await stop(rt, previous, SUPERSEDED_BY_NEXT_CYCLE);
  const admission = await activities.admitLifecycleEnrollment({
    customerId: rt.customerId,
    campaignId: plan.campaignId,
    vehicleId: plan.vehicleId,
    cycle,
    context: plan.context,
    timeZone: state.timeZone,
    now: workflowNow().toISO()!,
    supersedes: previous.map((e) => e.enrollmentId),
  });
  if (!admission.admitted) return undefined;
  const input = admission.input;
  await activities.startEnrollmentWorkflow(input);
  const ref: EnrollmentRef = {
    enrollmentId: input.enrollmentId,
    campaignId: plan.campaignId,
    vehicleId: plan.vehicleId,
    cycle,
    listensTo: eventsOf(input.definition),
  };
  state.enrollments.push(ref);
  return ref;
}

/** Signals each enrollment; one that has already finished is forgotten. */
async function signalEach(rt: LifecycleRuntime, refs: EnrollmentRef[], send: (ref: EnrollmentRef) => Promise<void>): Promise<void> {
  const finished = new Set<string>();
  await Promise.all(
    refs.map((ref) =>
      send(ref).catch(() => {
        finished.add(ref.enrollmentId);
      }),
    ),
  );
  rt.state.enrollments = rt.state.enrollments.filter((e) => !finished.has(e.enrollmentId));
}

/** Stops enrollments at once (their workflows end, no timer of theirs can email anyone) and forgets them. */
export async function stop(rt: LifecycleRuntime, refs: EnrollmentRef[], reason: string): Promise<void> {
  if (refs.length === 0) return;
  await signalEach(rt, refs, (ref) =>
    getExternalWorkflowHandle(enrollmentWorkflowId(ref.enrollmentId)).signal(stopEnrollmentSignal, { reason }),
  );
  const stopped = new Set(refs.map((r) => r.enrollmentId));
  rt.state.enrollments = rt.state.enrollments.filter((e) => !stopped.has(e.enrollmentId));
}

/** Forwards campaign events to the enrollments that listen for them (vehicle events only to that vehicle's). */
export async function forward(
  rt: LifecycleRuntime,
  event: { eventId: string; occurredAt: string },
  types: CampaignEventType[],
  vehicleId?: string,
): Promise<void> {
  const vehicleScoped: CampaignEventType[] = ['service_visit_done', 'hu_done', 'vehicle_sold', 'service_booked'];
  for (const type of types) {
    const targets = rt.state.enrollments.filter(
      (e) => e.listensTo.includes(type) && (!vehicleScoped.includes(type) || !vehicleId || !e.vehicleId || e.vehicleId === vehicleId),
    );
    await signalEach(rt, targets, (ref) =>
      getExternalWorkflowHandle(enrollmentWorkflowId(ref.enrollmentId)).signal(campaignEventSignal, {
        type,
        eventId: `${event.eventId}:${type}`,
        occurredAt: event.occurredAt,
      }),
    );
  }
}
