import type { WorkerOptions } from '@temporalio/worker';
import { DateTime } from 'luxon';
import type { CampaignDefinition } from '../campaigns/dsl/campaign';
import { connectDatabase } from '../db/client';
import { databaseTarget } from '../db/databaseTarget';
import { logCallbackOutcome } from '../leads/callbackOutcome';
import { sendCustomerEvent } from '../lifecycle/client';
import { newsletterCatalogue, startNewsletterRun } from '../newsletters';
import { settings as readSettings } from '../config/settings';
import { seededChance } from './chance';
import { CustomerModel, type PlannedEvent } from './customerModel';
import type { SimulationOptions } from './options';
import { writeGeneratedPopulation } from './population';
import { collectFigures, type RunFigures } from './report/collect';
import { openSandbox, type Sandbox } from './sandbox';
import { copyPseudonymisedSnapshot } from './snapshot';
import { inParallel, startLifecycles } from './startLifecycles';
import { firstInstant, scheduleOccurrences, simulatedWeeks } from './timeline';

/**
 * One simulated run: a fresh sandbox, the population, every lifecycle started at the first instant,
 * the year's newsletter runs waiting for their dates, then week by week: the engine runs (time
 * skips from timer to timer), the customers react at each stop, salespeople log callbacks promptly
 * or late. Figures are read from the sandbox at the end; then the sandbox is thrown away.
 */
export type RunInput = {
  options: SimulationOptions;
  catalogue: Map<string, CampaignDefinition>;
  workflowBundle?: WorkerOptions['workflowBundle'];
  /** Progress for the terminal (week n of m). */
  onWeek?: (done: number, total: number) => void;
  /** Looks into the sandbox after the last week, before it is thrown away (tests check the figures against it). */
  inspect?: (sandbox: Sandbox) => Promise<void>;
};

export type RunResult = { figures: RunFigures; timings: { setupMs: number; simulateMs: number; collectMs: number } };

export async function runSimulation(input: RunInput): Promise<RunResult> {
  const { options } = input;
  const started = Date.now();
  const sandbox = await openSandbox({ catalogue: input.catalogue, workflowBundle: input.workflowBundle });
  try {
    const { env, db } = sandbox;
    const begin = firstInstant(options.start, options.timeZone, await env.currentTimeMs());
    const customerIds = await populate(sandbox, options, begin);
    await env.sleep(Math.max(0, begin.toMillis() - (await env.currentTimeMs())));
    const weeks = simulatedWeeks(begin, options.months);
    const end = weeks[weeks.length - 1].to;

    const deps = { client: env.client, taskQueue: sandbox.taskQueue, prisma: db.prisma };
    await startLifecycles(deps, customerIds, begin);
    for (const newsletter of newsletterCatalogue.filter((n) => n.schedule)) {
      for (const at of scheduleOccurrences(newsletter.schedule!, begin, end)) {
        await startNewsletterRun(deps, newsletter, { at: at.toJSDate(), label: `simulation-${at.toISODate()}` });
      }
    }
    await settle(sandbox);
    const setupMs = Date.now() - started;

    const model = new CustomerModel(options.behaviour, seededChance(options.seed));
    const chance = seededChance(`${options.seed}/staff`);
    const callbacks: Array<{ at: number; leadId: string; key: string; staffId?: string }> = [];
    const knownLeads = new Set<string>();
    const scripted = [...options.scriptedEvents].sort((a, b) =>
      a.on < b.on ? -1 : a.on > b.on ? 1 : a.customerId < b.customerId ? -1 : 1,
    );
    const now = async () => DateTime.fromMillis(await env.currentTimeMs(), { zone: options.timeZone });
    const skipTo = async (at: number) => env.sleep(Math.max(0, at - (await env.currentTimeMs())));
    const send = (planned: PlannedEvent[]) => inParallel(planned, 16, (p) => sendCustomerEvent(deps, p.customerId, p.event));

    for (const week of weeks) {
      // Inside the week: callbacks logged by salespeople and scripted events, in time order.
      for (;;) {
        const nextCallback = callbacks.length ? Math.min(...callbacks.map((c) => c.at)) : Infinity;
        const nextScripted = scripted.length
          ? DateTime.fromISO(`${scripted[0].on}T10:00`, { zone: options.timeZone }).toMillis()
          : Infinity;
        const next = Math.min(nextCallback, nextScripted);
        if (next >= week.to.toMillis()) break;
        await skipTo(next);
        const at = await now();
        if (nextScripted <= nextCallback) {
          const s = scripted.shift()!;
          const vehicle = await db.prisma.vehicle.findFirst({ where: { ownerId: s.customerId }, orderBy: { id: 'asc' } });
          const planned = model.scripted(week.index, s.customerId, s.type, at, vehicle?.id);
          if (planned) await send([planned]);
        } else {
          const due = callbacks.filter((c) => c.at <= at.toMillis());
          for (const c of due) callbacks.splice(callbacks.indexOf(c), 1);
          for (const c of due.sort((a, b) => (a.key < b.key ? -1 : 1))) {
            await logCallbackOutcome(
              { client: env.client, prisma: db.prisma, clock: () => at.toJSDate() },
              { leadId: c.leadId, outcome: 'reached', staffId: c.staffId, outcomeId: `simulation:${c.leadId}` },
            );
          }
        }
        await settle(sandbox);
      }

      await skipTo(week.to.toMillis());
      const received = await CustomerModel.sentBetween(db.prisma, week.from, week.to);
      await send(model.react(week.index, week.to, received));
      await settle(sandbox);
      // Leads that came in this week (a reply to a reactivation, …): the salesperson calls back within the hour, or late.
      const leads = await db.prisma.lead.findMany({
        where: { receivedAt: { gte: week.from.toJSDate(), lte: (await now()).toJSDate() } },
        orderBy: [{ receivedAt: 'asc' }, { customerId: 'asc' }],
      });
      for (const lead of leads.filter((l) => !knownLeads.has(l.id))) {
        knownLeads.add(lead.id);
        // Keyed by who, what and which day, not by the lead's random id or its exact instant (which drifts by real
        // milliseconds from run to run), so the same seed gives the same late callbacks.
        const receivedOn = DateTime.fromJSDate(lead.receivedAt, { zone: options.timeZone }).toISODate();
        const key = `${lead.customerId ?? ''}/${lead.kind}/${receivedOn}`;
        const late = chance.happens(options.behaviour.callbackLate, 'late', key);
        const after = late ? options.behaviour.lateCallbackAfterHours * 3_600_000 : 45 * 60_000;
        callbacks.push({
          at: Math.max(lead.receivedAt.getTime() + after, week.to.toMillis() + 1),
          leadId: lead.id,
          key,
          staffId: lead.assignedToId ?? undefined,
        });
      }
      sandbox.smtp.clear(); // the outbox keeps what the report needs; the sink would only grow
      input.onWeek?.(week.index + 1, weeks.length);
    }
    const simulateMs = Date.now() - started - setupMs;
    await input.inspect?.(sandbox);
    const figures = await collectFigures({
      prisma: db.prisma,
      client: env.client,
      deferrals: sandbox.deliveries.deferrals,
      reactions: model.reactions,
      weeks,
      options,
      catalogue: input.catalogue,
    });
    return { figures, timings: { setupMs, simulateMs, collectMs: Date.now() - started - setupMs - simulateMs } };
  } finally {
    await sandbox.close();
  }
}

/**
 * Waits until the engine has done everything due at the current instant: the time-skipping server
 * moves its clock only when no workflow or activity task is outstanding, so a 1 ms sleep returns
 * exactly when the work triggered now (signals, activities, the tasks they start) is done.
 */
async function settle(sandbox: Sandbox): Promise<void> {
  await sandbox.env.sleep(1);
}

async function populate(sandbox: Sandbox, options: SimulationOptions, begin: DateTime): Promise<string[]> {
  const population = options.population;
  if (population.source === 'generated') {
    const generated = await writeGeneratedPopulation(sandbox.db.prisma, {
      seed: options.seed,
      customers: population.customers,
      locations: population.locations,
      today: begin.startOf('day'),
    });
    return generated.customerIds;
  }
  const target = databaseTarget({ ...readSettings(), DATABASE_URL: population.databaseUrl ?? readSettings().DATABASE_URL });
  const source = await connectDatabase(target);
  try {
    const snapshot = await copyPseudonymisedSnapshot(source.prisma, sandbox.db.prisma, { dealerId: population.dealerId });
    return snapshot.customerIds;
  } finally {
    await source.close();
  }
}
