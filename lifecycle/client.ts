import type { Client, WorkflowHandle } from '@temporalio/client';
import { queryEnrollmentState } from '../campaigns/enrollmentClient';
import { signalWithStartOnce } from '../engine/startWorkflowOnce';
import {
  customerEventSignal,
  lifecycleStateQuery,
  lifecycleWorkflowId,
  type CustomerLifecycleInput,
  type LifecycleSettings,
  type LifecycleView,
} from '../workflows/customerLifecycle/contract';
import type { customerLifecycleWorkflow } from '../workflows/customerLifecycle/workflow';
import type { PrismaClient } from '../db/generated/client';
import { parseCustomerEvent, type CustomerEvent, type CustomerEventInput } from './customerEvents';
import { storeEventDetails } from './eventDetails';

export type LifecycleClientDeps = {
  client: Client;
  /** Where the event's personal parts are stored instead of the signal (see eventDetails.ts). */
  prisma: PrismaClient;
  taskQueue: string;
  /** Only for a lifecycle that starts with this event (tests use a low continue-as-new threshold). */
  settings?: Partial<LifecycleSettings>;
};

/** The customer's lifecycle workflow (id `customer-<customerId>`, built by lifecycleWorkflowId only). */
export function lifecycleHandle(client: Client, customerId: string): WorkflowHandle<typeof customerLifecycleWorkflow> {
  return client.workflow.getHandle<typeof customerLifecycleWorkflow>(lifecycleWorkflowId(customerId));
}

/**
 * Delivers an event to the customer's lifecycle, starting it if it is not running (signal-with-start
 * on the id `customer-<customerId>`). The event is validated first; its personal parts are stored in the
 * database and only ids, dates and enums are signalled; a duplicate is ignored by the workflow.
 */
export async function sendCustomerEvent(
  deps: LifecycleClientDeps,
  customerId: string,
  event: CustomerEvent | CustomerEventInput,
): Promise<void> {
  const parsed = parseCustomerEvent(event);
  const signal = await storeEventDetails(deps.prisma, customerId, parsed);
  const input: CustomerLifecycleInput = { customerId, ...(deps.settings ? { settings: deps.settings } : {}) };
  // A lifecycle that has ended (lapsed, erased) starts afresh with the customer's next event.
  await signalWithStartOnce(deps.client, 'customerLifecycleWorkflow', {
    taskQueue: deps.taskQueue,
    workflowId: lifecycleWorkflowId(customerId),
    args: [input],
    signal: customerEventSignal,
    signalArgs: [signal],
    restart: 'after-close',
  });
}

export type JourneyItem = {
  at: string;
  campaignId: string;
  stepPath: string;
  kind: string;
  name: string;
  enrollmentId?: string;
  vehicleId?: string;
};
export type CustomerJourney = Omit<LifecycleView, 'upcoming'> & { upcoming: JourneyItem[] };

/**
 * The customer's current state and every scheduled touchpoint: the lifecycle's own timers plus
 * what each running enrollment will send or ask staff to do next, with dates, sorted by date.
 */
export async function queryCustomerJourney(client: Client, customerId: string): Promise<CustomerJourney> {
  const view = await lifecycleHandle(client, customerId).query(lifecycleStateQuery);
  const upcoming: JourneyItem[] = [...view.upcoming];
  for (const enrollment of view.enrollments) {
    const state = await queryEnrollmentState(client, enrollment.enrollmentId).catch(() => undefined); // finished meanwhile
    if (state?.status !== 'running') continue;
    upcoming.push(...state.upcoming.map((u) => ({ ...u, enrollmentId: enrollment.enrollmentId, vehicleId: enrollment.vehicleId })));
  }
  upcoming.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return { ...view, upcoming };
}
