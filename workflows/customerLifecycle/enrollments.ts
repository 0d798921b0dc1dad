import { getExternalWorkflowHandle, patched } from '@temporalio/workflow';
import type { CampaignEventType } from '../../campaigns/dsl/eventTypes';
import { eventsListenedTo } from '../../campaigns/dsl/stepTree';
import { campaignEventSignal, enrollmentWorkflowId, stopEnrollmentSignal, SUPERSEDED_BY_NEXT_CYCLE } from '../campaignEnrollment/contract';
import { workflowNow } from '../shared/clock';
import type { CampaignPlan } from './plan';
import { activities, databaseSteps, LOCAL_DATABASE_STEPS, type LifecycleRuntime } from './runtime';
import type { EnrollmentRef } from './state';

const cycleKey = (campaignId: string, vehicleId?: string) => `${campaignId}/${vehicleId ?? '-'}`;

type EnrollRequest = Parameters<typeof activities.enrollInLifecycleCampaign>[0];

/** Before LOCAL_DATABASE_STEPS: admitted by one activity, started by another (the definition passed through this history). */
async function admitThenStart(request: EnrollRequest) {
  const admission = await activities.admitLifecycleEnrollment(request);
  if (!admission.admitted) return admission;
  await activities.startEnrollmentWorkflow(admission.input);
  return { admitted: true as const, enrollmentId: admission.input.enrollmentId, listensTo: eventsListenedTo(admission.input.definition) };
}

/**
 * Enrolls the customer in a campaign: its own workflow (id from the enrollment id), started once
 * through an activity, so it outlives this run and continue-as-new (see activities/lifecycle/enrollCampaign.ts);
 * its id and the events it listens to stay in state. A new cycle of the same campaign and
 * vehicle supersedes the previous one.
 */
export async function enroll(rt: LifecycleRuntime, plan: CampaignPlan): Promise<EnrollmentRef | undefined> {
  const { state } = rt;
  const key = cycleKey(plan.campaignId, plan.vehicleId);
  const cycle = (state.cycles[key] ?? 0) + 1;
  state.cycles[key] = cycle;
  const previous = state.enrollments.filter((e) => e.campaignId === plan.campaignId && e.vehicleId === plan.vehicleId);
  await stop(rt, previous, SUPERSEDED_BY_NEXT_CYCLE);
  const request = {
    customerId: rt.customerId,
    campaignId: plan.campaignId,
    vehicleId: plan.vehicleId,
    cycle,
    context: plan.context,
    timeZone: state.timeZone,
    now: workflowNow().toISO()!,
    supersedes: previous.map((e) => e.enrollmentId),
  };
  const started = patched(LOCAL_DATABASE_STEPS) ? await databaseSteps().enrollInLifecycleCampaign(request) : await admitThenStart(request);
  if (!started.admitted) return undefined;
  const ref: EnrollmentRef = {
    enrollmentId: started.enrollmentId,
    campaignId: plan.campaignId,
    vehicleId: plan.vehicleId,
    cycle,
    listensTo: started.listensTo,
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
