import type { Client } from '@temporalio/client';
import { componentLogger } from '../config/logger';
import type { PrismaClient } from '../db/generated/client';
import { seedDemoCockpitUsers, seedDemoLeadHistory, startDemoNewsletterRun, submitDemoReroutedLead } from './demoCockpit';
import { submitDemoLead } from './demoLead';
import { enrollDemoCustomers } from './enrollDemo';
import { seedDemoData } from './seedDemoData';

const log = componentLogger('demo');

export type DemoSeedDeps = { client: Client; prisma: PrismaClient; taskQueue: string; now?: () => Date };

export type DemoSeed = {
  dealerId: string;
  /** A customer with an HU reminder due now: the timeline URL printed at start. */
  showcaseCustomerId?: string;
  leadId: string;
  /** False when the demo dealership was already there (a later start). */
  created: boolean;
};

/**
 * Seeds the demo dealership (Autohaus Sonnenschein, Rosenheim) and sets it in motion: customers
 * enrolled through their lifecycles, silent ones in the reactivation, one lead past its callback
 * SLA, cockpit logins, closed leads for the SLA figures and a paused newsletter run. Safe to run on every start: rows are written once, and every event, enrollment and lead has
 * a fixed id, so nothing is sent twice.
 */
export async function seedDemo(deps: DemoSeedDeps): Promise<DemoSeed> {
  const now = deps.now?.() ?? new Date();
  const dealership = await seedDemoData(deps.prisma, now);
  log.info(
    { dealerId: dealership.dealerId, created: dealership.created },
    dealership.created ? 'demo dealership created' : 'demo dealership already there',
  );
  const enrolled = await enrollDemoCustomers({ ...deps, now }, dealership);
  const lead = await submitDemoLead({ ...deps, now }, dealership);
  log.info({ ...enrolled, leadId: lead.leadId, leadDuplicate: lead.duplicate }, 'demo customers and lead handed to the engine');
  await seedDemoCockpitUsers(deps.prisma, dealership);
  if (dealership.created) {
    await seedDemoLeadHistory(deps.prisma, dealership, now);
    await startDemoNewsletterRun(deps, dealership);
    await submitDemoReroutedLead({ ...deps, now }, dealership);
  }
  const showcase = await deps.prisma.customer.findFirst({
    where: { dealerId: dealership.dealerId, tags: { has: 'hu_due' }, emailConsentBasis: 'existing_customer', objectedAt: null },
    orderBy: { externalDmsId: 'asc' },
    select: { id: true },
  });
  return { dealerId: dealership.dealerId, showcaseCustomerId: showcase?.id, leadId: lead.leadId, created: dealership.created };
}
