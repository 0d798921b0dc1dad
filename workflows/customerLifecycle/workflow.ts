import { ActivityFailure, allHandlersFinished, condition, continueAsNew, patched, setHandler, workflowInfo } from '@temporalio/workflow';
import { causeOf } from '../shared/gaveUp';
import type { LifecycleEvent } from '../../lifecycle/eventDetails';
import { workflowNow, workflowNowMs } from '../shared/clock';
import {
  customerEventSignal,
  defaultLifecycleSettings,
  lifecycleStateQuery,
  type CustomerLifecycleInput,
  type LifecycleView,
} from './contract';
import { enroll, stop } from './enrollments';
import { CHECK_INS_ONLY_AFTER_RECENT_DELIVERY, handleEvent } from './events';
import { decidePatchesUpFront } from '../shared/patchesUpFront';
import { activities, databaseSteps, failures, type LifecycleRuntime } from './runtime';
import { emptyState, type CarriedState } from './state';
import { viewOf } from './view';

const ms = (iso: string) => Date.parse(iso);

/** The next instant the lifecycle must wake for: the dormancy check or the end of the reactivation's response window. */
function nextDeadline(state: CarriedState): number | undefined {
  if (state.reactivation) return ms(state.reactivation.respondBy);
  if (state.status === 'active' && state.dormancyCheckAt) return ms(state.dormancyCheckAt);
  return undefined;
}

/** Silent for the dormancy period: the reactivation campaign starts, and a response window opens. */
async function startReactivation(rt: LifecycleRuntime): Promise<void> {
  const now = workflowNow();
  const ref = await enroll(rt, { campaignId: 'reactivation', context: {} });
  rt.state.dormancyCheckAt = undefined;
  rt.state.reactivation = {
    enrollmentId: ref?.enrollmentId,
    startedAt: now.toISO()!,
    respondBy: now.plus({ weeks: rt.settings.reactivationResponseWeeks }).toISO()!,
  };
}

/** No reaction within the response window: the customer is marked lapsed (tag 'lapsed'). */
async function lapse(rt: LifecycleRuntime): Promise<void> {
  rt.state.reactivation = undefined;
  rt.state.status = 'lapsed';
  await databaseSteps().markCustomerLapsed({ customerId: rt.customerId, lapsed: true, now: workflowNow().toISO()! });
}

/** DSGVO erasure: personal data blanked, every enrollment stopped, the lifecycle ends. */
async function erase(rt: LifecycleRuntime): Promise<void> {
  await stop(rt, rt.state.enrollments, 'erasure requested');
  await activities.eraseCustomerData({ customerId: rt.customerId, now: workflowNow().toISO()! });
}

/**
 * One customer's whole relationship with the dealer, as one long-running workflow (id
 * `customer-<id>`): receives every event about them, enrolls them in the built-in campaigns at
 * the right time (as child workflows that survive continue-as-new), watches for dormancy, and
 * ends on erasure. Events are queued by the signal handler and handled one at a time, in order.
 */
/** Since December 2026 an event whose handling gave up is recorded and skipped (before: the lifecycle failed). */
const RECORD_EVENT_GIVE_UP = 'record-event-give-up';

export async function customerLifecycleWorkflow(input: CustomerLifecycleInput): Promise<LifecycleView> {
  // Both can first be asked right after a local activity (recording the event, or its failure).
  decidePatchesUpFront([CHECK_INS_ONLY_AFTER_RECENT_DELIVERY, RECORD_EVENT_GIVE_UP]);
  const settings = { ...defaultLifecycleSettings, ...input.settings };
  const pending: LifecycleEvent[] = [...(input.pendingEvents ?? [])];
  let runEvents = 0;
  let erased = false;
  const rt: LifecycleRuntime = { customerId: input.customerId, settings, state: input.carried ?? emptyState('Europe/Berlin') };
  const seen = (eventId: string) => rt.state.processedEventIds.includes(eventId) || pending.some((e) => e.eventId === eventId);

  setHandler(customerEventSignal, (event) => {
    if (!erased && !seen(event.eventId)) pending.push(event);
  });
  setHandler(lifecycleStateQuery, () => viewOf(rt, runEvents, erased));

  if (!input.carried) {
    const customer = await databaseSteps().loadLifecycleCustomer({ customerId: input.customerId });
    if (!customer.found || customer.erased) {
      erased = customer.found;
      return viewOf(rt, runEvents, erased);
    }
    rt.state = emptyState(customer.timeZone);
    if (customer.objected) rt.state.status = 'objected';
    else if (customer.lapsed) rt.state.status = 'lapsed';
  }

  for (;;) {
    const deadline = nextDeadline(rt.state);
    if (pending.length === 0 && (deadline === undefined || deadline > workflowNowMs())) {
      await condition(() => pending.length > 0, deadline === undefined ? undefined : deadline - workflowNowMs());
    }
    while (pending.length > 0) {
      const event = pending.shift()!;
      rt.state.processedEventIds = [...rt.state.processedEventIds, event.eventId].slice(-settings.rememberedEventIds);
      runEvents += 1;
      const recorded = await databaseSteps().recordCustomerEvent({ customerId: rt.customerId, event, now: workflowNow().toISO()! });
      if (recorded.duplicate) continue;
      if (event.type === 'erasure_requested') {
        erased = true;
        await erase(rt);
        rt.state.eventsHandled += 1;
        return viewOf(rt, runEvents, erased);
      }
      try {
        await handleEvent(rt, event, recorded.vehicle);
      } catch (error) {
        // One event whose handling gave up must not end the customer's lifecycle: recorded for the dealer, then the next.
        if (!(error instanceof ActivityFailure) || !patched(RECORD_EVENT_GIVE_UP)) throw error;
        await failures.recordLifecycleFailure({
          customerId: rt.customerId,
          eventId: event.eventId,
          eventType: event.type,
          activityType: error.activityType,
          ...causeOf(error),
          now: workflowNow().toISO()!,
        });
      }
      // Counted once handled: whoever sees the count in a query also finds the event's effects (a lead, a mail, an enrollment).
      rt.state.eventsHandled += 1;
    }
    const now = workflowNowMs();
    if (rt.state.reactivation && ms(rt.state.reactivation.respondBy) <= now) {
      runEvents += 1;
      await lapse(rt);
    } else if (!rt.state.reactivation && rt.state.status === 'active' && rt.state.dormancyCheckAt && ms(rt.state.dormancyCheckAt) <= now) {
      runEvents += 1;
      await startReactivation(rt);
    }
    if (runEvents >= settings.continueAsNewAfter || workflowInfo().continueAsNewSuggested) {
      await condition(allHandlersFinished);
      return continueAsNew<typeof customerLifecycleWorkflow>({
        customerId: input.customerId,
        settings: input.settings,
        carried: rt.state,
        pendingEvents: pending,
      });
    }
  }
}
