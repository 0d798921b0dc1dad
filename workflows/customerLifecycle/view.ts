import { enrollmentWorkflowId } from '../campaignEnrollment/contract';
import type { LifecycleView } from './contract';
import { huDueMonthStart, repurchasePlan, serviceDueDate } from './plan';
import type { LifecycleRuntime } from './runtime';

/** The lifecycle's answer to the state query: status, each vehicle's dates, the enrollments and its own timers. */
export function viewOf(rt: LifecycleRuntime, runEvents: number, erased: boolean): LifecycleView {
  const { state, settings } = rt;
  const upcoming: LifecycleView['upcoming'] = [];
  if (state.status === 'active' && !state.reactivation && state.dormancyCheckAt) {
    upcoming.push({
      at: state.dormancyCheckAt,
      campaignId: 'reactivation',
      stepPath: 'dormancy',
      kind: 'send',
      name: 'reactivation starts if the customer stays silent',
    });
  }
  const safe = <T>(compute: () => T): T | undefined => {
    try {
      return compute();
    } catch {
      return undefined;
    }
  };
  return {
    customerId: rt.customerId,
    status: erased ? 'erased' : state.status,
    vehicles: Object.values(state.vehicles).map((v) => ({
      vehicleId: v.vehicleId,
      make: v.make,
      serviceDueDate: safe(() => serviceDueDate(v, settings)),
      huDueMonth: safe(() => huDueMonthStart(v)),
      repurchaseDate: safe(() => repurchasePlan(v, settings)?.context.repurchaseDate as string | undefined),
    })),
    enrollments: state.enrollments.map((e) => ({
      enrollmentId: e.enrollmentId,
      workflowId: enrollmentWorkflowId(e.enrollmentId),
      campaignId: e.campaignId,
      vehicleId: e.vehicleId,
      cycle: e.cycle,
    })),
    lastInteractionAt: state.lastInteractionAt,
    dormancyCheckAt: state.status === 'active' && !state.reactivation ? state.dormancyCheckAt : undefined,
    reactivation: state.reactivation,
    upcoming,
    eventsHandled: state.eventsHandled,
    runEvents,
  };
}
