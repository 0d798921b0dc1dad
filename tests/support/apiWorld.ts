import { readSettings, type Settings } from '../../config/settings';
import { createApiKey } from '../../api/apiKeys';
import { buildApiApp } from '../../api/buildApp';
import { signLinkToken, type LinkPurpose } from '../../links/signedLinks';
import { apiClient, type ApiRequest, type ApiResponse } from './apiClient';
import { openDealershipStack, type DealershipStack } from './dealershipStack';
import type { TestDatabase } from './database';
import { createTimeSkippingTestEnv } from './temporalEnv';
import { eventually } from './eventually';
import { queryLeadState } from '../../leads/leadFollowUpClient';
import type { LeadState } from '../../workflows/leadFollowUp/contract';

/**
 * The API on the real stack: a fresh PostgreSQL database with Autohaus Berger seeded, time-skipping
 * Temporal with the engine worker, an SMTP receiver, and the fastify app listening on a free port.
 */
export type ApiWorld = DealershipStack & {
  settings: Settings;
  app: ReturnType<typeof buildApiApp>;
  /** Sends a request to the listening API (inject-like options). */
  call(request: ApiRequest): Promise<ApiResponse>;
  /** A valid key bound to the dealership, as `Authorization` header. */
  auth: { authorization: string };
  /** Resolves once the lead's follow-up workflow has opened it (assigned, SLA set): its first writes are done. */
  leadFollowUpOpened(leadId: string): Promise<LeadState>;
  /** A token as the engine signs it into emails. */
  linkToken(purpose: LinkPurpose, subject: string, expiresAt?: string): string;
  close(): Promise<void>;
};

export async function openApiWorld(): Promise<ApiWorld> {
  const stack = await openDealershipStack(createTimeSkippingTestEnv);
  const { env, db, engine, dealership } = stack;
  // The same public URL and signing secret as the engine worker's settings (tests/support/engineHarness.ts).
  const settings = readSettings({ LOG_LEVEL: 'warn', PUBLIC_BASE_URL: 'https://autohaus-berger.example' });
  const app = buildApiApp({ prisma: db.prisma, client: env.client, taskQueue: engine.taskQueue, settings, logger: false });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const key = await createApiKey(db.prisma, { name: 'DMS-Import', dealerId: dealership.dealer.id });
  return {
    ...stack,
    settings,
    app,
    call: apiClient(address),
    auth: { authorization: `Bearer ${key.key}` },
    leadFollowUpOpened: (leadId) =>
      eventually(`the follow-up of lead ${leadId} has opened`, async () => {
        const state = await queryLeadState(env.client, leadId); // throws until the worker picked it up
        return state.dueAt !== undefined && state;
      }),
    linkToken: (purpose, subject, expiresAt = new Date(Date.now() + 86_400_000).toISOString()) =>
      signLinkToken({ purpose, subject, expiresAt }, settings.LINK_SIGNING_SECRET),
    async close() {
      await app.close();
      await stack.close();
    },
  };
}

/** Row counts of every table the API writes: "nothing was written" means these did not change. */
export async function rowCounts(db: TestDatabase) {
  const p = db.prisma;
  const [customers, vehicles, touchpoints, leads, suppressions, processedEvents, enrollments, messages] = await Promise.all([
    p.customer.count(),
    p.vehicle.count(),
    p.touchpoint.count(),
    p.lead.count(),
    p.suppression.count(),
    p.processedEvent.count(),
    p.campaignEnrollment.count(),
    p.message.count(),
  ]);
  return { customers, vehicles, touchpoints, leads, suppressions, processedEvents, enrollments, messages };
}
