import { DateTime } from 'luxon';
import crypto from 'node:crypto';
import type { CampaignEventType } from '../../campaigns/dsl/eventTypes';
import type { CampaignDefinition } from '../../campaigns/dsl/campaign';
import { shippedTemplates } from '../../campaigns/catalogue';
import { validateCampaign } from '../../campaigns/dsl/validate';
import { startEnrollment } from '../../campaigns/startEnrollment';
import { enrollmentHandle, queryEnrollmentState } from '../../campaigns/enrollmentClient';
import { campaignEventSignal, enrollmentWorkflowId, type EnrollmentState } from '../../workflows/campaignEnrollment/contract';
import type { ReceivedMail } from '../../mail/smtpReceiver';
import type { ActivityDeps } from '../../activities';
import { openDealershipStack, type DealershipStack } from './dealershipStack';
import { createLocalTestEnv, createTimeSkippingTestEnv, pinClock, resultWithoutMovingTheClock } from './temporalEnv';

/** One dealership on the real stack: time-skipping Temporal (its clock pinned to SCENARIO_START), a fresh PostgreSQL database, an SMTP receiver, the engine worker. */
export type CampaignWorld = DealershipStack & {
  /** Enrolls at the test server's current time unless `now` says otherwise (re-entry rules compare these). */
  enroll(
    definition: CampaignDefinition,
    customerId: string,
    options?: { context?: Record<string, string>; vehicleId?: string; enrollmentId?: string; now?: Date },
  ): ReturnType<typeof startEnrollment>;
  stateOf(enrollmentId: string): Promise<EnrollmentState>;
  /** Signals an event (e.g. 'service_booked') into a running enrollment, as occurring now in engine time. */
  signalEvent(enrollmentId: string, type: CampaignEventType): Promise<void>;
  /** Awaits the result, skipping time meanwhile. Await one result at a time: concurrent results break time skipping. */
  resultOf(enrollmentId: string): Promise<EnrollmentState>;
  /** The next Tuesday (yyyy-MM-dd) after the test server's current time, so dates are known whatever ran before. */
  nextTuesday(): Promise<string>;
  /** Skips test-server time to a local wall-clock time in Berlin, e.g. '2027-03-02T12:00'. */
  skipTo(localDateTime: string): Promise<void>;
  /** The emails the SMTP receiver got for this address so far. */
  mailsTo(email: string | null): ReceivedMail[];
  /** Waits (patiently, see eventually.ts) until the receiver has `count` emails for this address. */
  waitForMailTo(email: string | null, count?: number): Promise<ReceivedMail[]>;
  close(): Promise<void>;
};

const addressedTo = (email: string | null) => (mail: ReceivedMail) => mail.to.some((t) => t.address === email);

/**
 * `server: 'dev'` runs the world on the Temporal CLI dev server instead (Temporal's own server code, real time, no
 * skipping): for stories whose timing the Java test server gets wrong, such as a signal arriving while a run continues
 * as new (its continue-as-new is not atomic, temporalio/sdk-java#1538).
 */
export async function openCampaignWorld(
  options: Partial<Omit<ActivityDeps, 'prisma' | 'transport' | 'settings'>> = {},
  server: 'time-skipping' | 'dev' = 'time-skipping',
): Promise<CampaignWorld> {
  const stack = await openDealershipStack(async (client) => {
    if (server === 'dev') return createLocalTestEnv(client);
    const env = await createTimeSkippingTestEnv(client);
    await pinClock(env);
    return env;
  }, options);
  const { env, db, smtp, engine } = stack;
  return {
    ...stack,
    enroll: async (definition, customerId, { now, ...extra } = {}) =>
      startEnrollment({
        client: env.client,
        prisma: db.prisma,
        taskQueue: engine.taskQueue,
        definition: validateCampaign(definition, shippedTemplates),
        customerId,
        ...extra,
        now: now ?? new Date(await env.currentTimeMs()),
      }),
    stateOf: (enrollmentId) => queryEnrollmentState(env.client, enrollmentId),
    async signalEvent(enrollmentId, type) {
      const occurredAt = new Date(await env.currentTimeMs()).toISOString();
      await enrollmentHandle(env.client, enrollmentId).signal(campaignEventSignal, { type, eventId: crypto.randomUUID(), occurredAt });
    },
    resultOf: (enrollmentId) => resultWithoutMovingTheClock<EnrollmentState>(env, enrollmentWorkflowId(enrollmentId)),
    async nextTuesday() {
      const now = DateTime.fromMillis(await env.currentTimeMs(), { zone: 'Europe/Berlin' });
      return now.plus({ days: (2 - now.weekday + 7) % 7 || 7 }).toISODate()!;
    },
    async skipTo(localDateTime) {
      const target = DateTime.fromISO(localDateTime, { zone: 'Europe/Berlin' }).toMillis();
      await env.sleep(Math.max(0, target - (await env.currentTimeMs())));
    },
    mailsTo: (email) => smtp.messages().filter(addressedTo(email)),
    waitForMailTo: (email, count = 1) => smtp.waitForMessages({ count, where: addressedTo(email) }, 120_000),
  };
}
