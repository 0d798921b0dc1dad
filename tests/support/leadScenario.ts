import { DateTime } from 'luxon';
import { logCallbackOutcome, type OutcomeLogged } from '../../leads/callbackOutcome';
import { submitLead } from '../../leads/intake';
import type { LeadSubmission } from '../../leads/leadSubmission';
import { queryLeadState } from '../../leads/leadFollowUpClient';
import type { SmtpReceiver } from '../../mail/smtpReceiver';
import type { CallbackOutcome, LeadState } from '../../workflows/leadFollowUp/contract';
import { leadWorkflowId } from '../../workflows/leadFollowUp/contract';
import { isPublicHoliday } from '../../time/publicHolidays';
import { openCampaignWorld, type CampaignWorld } from './campaignScenario';
import { addCustomer } from './dealership';
import { eventually } from './eventually';
import { resultWithoutMovingTheClock } from './temporalEnv';

type ReceivedMail = ReturnType<SmtpReceiver['messages']>[number];

/** The campaign world (time-skipping Temporal, PostgreSQL, SMTP, engine worker, Autohaus Berger) plus lead helpers. */
export type LeadWorld = Omit<CampaignWorld, 'resultOf'> & {
  now(): Promise<Date>;
  /** A customer of Sabine Kraus sends a test-drive request from the website form, at the current test time. */
  testDriveRequest(
    lastName: string,
    extra?: Partial<LeadSubmission>,
  ): Promise<{ leadId: string; customerId: string; duplicate: boolean; email: string }>;
  submit(submission: LeadSubmission): ReturnType<typeof submitLead>;
  leadState(leadId: string, ready?: (s: LeadState) => boolean): Promise<LeadState>;
  /** Logs a callback outcome as the callback page does, with an optional note; answers whether the follow-up took it. */
  logOutcome(leadId: string, outcome: CallbackOutcome, staffId?: string, note?: string): Promise<OutcomeLogged>;
  resultOf(leadId: string): Promise<LeadState>;
  /** Staff emails about a customer (their name is in every subject), oldest first. */
  mailsAbout(lastName: string): ReceivedMail[];
  waitForMailAbout(lastName: string, count: number): Promise<ReceivedMail[]>;
  /**
   * The next date (yyyy-MM-dd) with that weekday (1 = Monday) after the test server's current time
   * whose week ahead has no Bavarian public holiday, so a scenario's days are ordinary business days.
   */
  nextWeekday(isoWeekday: number): Promise<string>;
};

/** "Tue 12:00" in Berlin, from a Date header. */
export const berlinTime = (iso: string | null) => DateTime.fromISO(iso ?? '', { zone: 'Europe/Berlin' }).toFormat('ccc HH:mm');
export const recipient = (mail: ReceivedMail) => mail.to[0]?.address.split('@')[0];

export async function openLeadWorld(): Promise<LeadWorld> {
  const world = await openCampaignWorld();
  const now = async () => new Date(await world.env.currentTimeMs());
  const deps = () => ({
    client: world.env.client,
    prisma: world.db.prisma,
    taskQueue: world.engine.taskQueue,
    clock: () => new Date(lastNow),
  });
  let lastNow = Date.now();
  const submit = async (submission: LeadSubmission) => {
    lastNow = (await now()).getTime();
    return submitLead(deps(), submission);
  };
  const about = (lastName: string) => (m: ReceivedMail) => m.subject.includes(lastName);
  return {
    ...world,
    now,
    submit,
    async testDriveRequest(lastName, extra = {}) {
      const customer = await addCustomer(world.db.prisma, world.dealership, { firstName: 'Anna', lastName });
      const result = await submit({
        dealerId: world.dealership.dealer.id,
        locationId: world.dealership.location.id,
        kind: 'test_drive',
        source: 'website',
        customer: { lastName, firstName: 'Anna', email: customer.email!.toUpperCase() },
        message: 'Ich würde den ID.4 gern Probe fahren.',
        vehicleOfInterest: 'VW ID.4 Pro',
        ...extra,
      });
      return { ...result, email: customer.email! };
    },
    leadState: (leadId, ready = () => true) =>
      eventually(`lead ${leadId} in the expected state`, async () => {
        const state = await queryLeadState(world.env.client, leadId); // throws until the worker picked it up
        return ready(state) && state;
      }),
    async logOutcome(leadId, outcome, staffId, note) {
      lastNow = (await now()).getTime();
      return logCallbackOutcome(deps(), { leadId, outcome, staffId, note });
    },
    resultOf: (leadId) => resultWithoutMovingTheClock<LeadState>(world.env, leadWorkflowId(leadId)),
    mailsAbout: (lastName) => world.smtp.messages().filter(about(lastName)),
    waitForMailAbout: (lastName, count) => world.smtp.waitForMessages({ count, where: about(lastName) }, 120_000),
    async nextWeekday(isoWeekday) {
      const t = DateTime.fromMillis(await world.env.currentTimeMs(), { zone: 'Europe/Berlin' });
      let day = t.plus({ days: (isoWeekday - t.weekday + 7) % 7 || 7 });
      while (Array.from({ length: 7 }, (_, i) => day.plus({ days: i }).toISODate()!).some((d) => isPublicHoliday(d, 'BY')))
        day = day.plus({ weeks: 1 });
      return day.toISODate()!;
    },
  };
}
