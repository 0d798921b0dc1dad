import type { Client } from '@temporalio/client';
import { createCockpitUser } from '../cockpit/auth/users';
import { submitLead } from '../leads/intake';
import type { CockpitRole, PrismaClient } from '../db/generated/client';
import { newsletterById } from '../newsletters';
import { startPausedNewsletterRun } from '../newsletters/runs';
import { newsletterRunWorkflowId } from '../workflows/newsletterRun/contract';
import { demoUuid } from './enrollDemo';
import type { DemoDealership } from './seedDemoData';

/** The demo's cockpit logins; the password is printed at `npm start` (demo only). */
export const DEMO_PASSWORD = 'sonnenschein-demo';
const DOMAIN = 'autohaus-sonnenschein.example';
export const DEMO_USERS: Array<{ email: string; name: string; role: CockpitRole }> = [
  { email: `maria.sonnenschein@${DOMAIN}`, name: 'Maria Sonnenschein', role: 'principal' },
  { email: `thomas.brandl@${DOMAIN}`, name: 'Thomas Brandl', role: 'team_lead' },
  { email: `lena.hofer@${DOMAIN}`, name: 'Lena Hofer', role: 'marketing' },
  { email: `stefan.obermeier@${DOMAIN}`, name: 'Stefan Obermeier', role: 'service_advisor' },
];
const DEMO_RUN_LABEL = 'demo';
export const DEMO_NEWSLETTER_WORKFLOW_ID = newsletterRunWorkflowId('tyre-change-autumn', DEMO_RUN_LABEL);

/** Cockpit users for the demo dealership (the team lead for its one location), created once. */
export async function seedDemoCockpitUsers(prisma: PrismaClient, dealership: DemoDealership): Promise<void> {
  for (const user of DEMO_USERS) {
    if (await prisma.cockpitUser.findUnique({ where: { email: user.email } })) continue;
    await createCockpitUser(prisma, {
      ...user,
      dealerId: dealership.dealerId,
      password: DEMO_PASSWORD,
      locationIds: user.role === 'team_lead' ? [dealership.locationId] : [],
    });
  }
}

/** Closed leads of the last two weeks, so the SLA figures on the overview have something to show. */
export async function seedDemoLeadHistory(prisma: PrismaClient, dealership: DemoDealership, now: Date): Promise<void> {
  const hours = (h: number) => new Date(now.getTime() - h * 3_600_000);
  const customers = await prisma.customer.findMany({
    where: { dealerId: dealership.dealerId },
    orderBy: { externalDmsId: 'asc' },
    take: 4,
    select: { id: true },
  });
  const history = [
    { kind: 'offer' as const, receivedHoursAgo: 30, contactedAfterMinutes: 45 },
    { kind: 'trade_in' as const, receivedHoursAgo: 54, contactedAfterMinutes: 200 },
    { kind: 'test_drive' as const, receivedHoursAgo: 170, contactedAfterMinutes: 60 },
    { kind: 'service' as const, receivedHoursAgo: 200, contactedAfterMinutes: 1500 },
  ];
  await prisma.lead.createMany({
    data: history.map((h, i) => ({
      id: demoUuid(`lead/history/${i}`),
      dealerId: dealership.dealerId,
      locationId: dealership.locationId,
      customerId: customers[i]?.id,
      assignedToId: dealership.salespeople[1 + (i % 2)]!.id,
      source: i % 2 ? 'mobile.de' : 'website',
      externalId: `demo-history-${i}`,
      kind: h.kind,
      status: 'contacted' as const,
      receivedAt: hours(h.receivedHoursAgo),
      firstContactAt: new Date(hours(h.receivedHoursAgo).getTime() + h.contactedAfterMinutes * 60_000),
    })),
    skipDuplicates: true,
  });
}

/**
 * The autumn tyre-change newsletter as a run that waits paused for marketing to resume it in the
 * cockpit: started with the pause signal, so it snapshots its recipients and sends nothing yet.
 * Started once; a later start finds the workflow id taken and leaves it alone.
 */
export async function startDemoNewsletterRun(deps: { client: Client; taskQueue: string }, dealership: DemoDealership): Promise<void> {
  await startPausedNewsletterRun(deps, { ...newsletterById('tyre-change-autumn'), dealerId: dealership.dealerId }, DEMO_RUN_LABEL);
}

/**
 * A trade-in request from a customer of the salesperson on holiday: the follow-up routes it to a
 * present colleague at once, which the cockpit's staff page shows. Fixed lead id: submitted once.
 */
export async function submitDemoReroutedLead(
  deps: { client: Client; prisma: PrismaClient; taskQueue: string; now: Date },
  dealership: DemoDealership,
) {
  const absent = dealership.salespeople[0]!;
  const customer = await deps.prisma.customer.findFirst({
    where: { dealerId: dealership.dealerId, assignedSalespersonId: absent.id, objectedAt: null, erasedAt: null, email: { not: null } },
    orderBy: { externalDmsId: 'asc' },
  });
  if (!customer) return undefined;
  return submitLead(
    { client: deps.client, prisma: deps.prisma, taskQueue: deps.taskQueue },
    {
      leadId: demoUuid('lead/trade-in-rerouted'),
      dealerId: dealership.dealerId,
      locationId: dealership.locationId,
      kind: 'trade_in',
      source: 'website',
      externalId: 'demo-web-form-0002',
      customer: {
        salutation: customer.salutation === 'ms' ? 'ms' : 'mr',
        firstName: customer.firstName ?? undefined,
        lastName: customer.lastName,
        email: customer.email!,
      },
      message: 'Was bekomme ich noch für meinen Wagen, wenn ich einen neuen nehme?',
      receivedAt: deps.now.toISOString(),
    },
  );
}
