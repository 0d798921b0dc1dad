import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import pg from 'pg';
import type { PrismaClient } from '../../db/generated/client';
import type { SmtpReceiver } from '../../mail/smtpReceiver';
import { lifecycleHandle } from '../../lifecycle/client';
import { lifecycleStateQuery } from '../../workflows/customerLifecycle/contract';

const LIFECYCLE = `WorkflowType = "customerLifecycleWorkflow"`;

/** Runs `task` over `items`, `parallel` at a time. */
export async function eachLimited<T>(items: T[], parallel: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < items.length) await task(items[next++]);
    }),
  );
}

/**
 * How many customers are not yet asleep. The product's guarantee (workflows/customerLifecycle/contract.ts
 * LifecycleView.eventsHandled): an event counted there is fully handled, its activities done and its effects in the
 * database. A lifecycle that has handled every event the import sent it (here: its customer row and its car's delivery)
 * has nothing left to do but wait on its timers (service, HU, lease end, dormancy) and on the next signal.
 * A query that fails (no workflow, worker busy or restarting) counts as not settled.
 */
export async function unsettledCustomers(client: Client, customerIds: string[], eventsPerCustomer: number): Promise<string[]> {
  const open: string[] = [];
  await eachLimited(customerIds, 16, async (id) => {
    const view = await lifecycleHandle(client, id)
      .query(lifecycleStateQuery)
      .catch(() => undefined);
    if (!view || view.eventsHandled < eventsPerCustomer) open.push(id);
  });
  return open;
}

/**
 * Whether a lifecycle looks idle to the server, without asking the worker: running, no workflow task and no activity
 * pending. Cheap (the server reads its mutable state; a query replays the history on a worker that has evicted the
 * run), so it is what the bench polls; unsettledCustomers then confirms through the query. A lifecycle waiting out a
 * long local-activity backoff looks idle here and is caught by the confirmation.
 */
async function looksIdle(client: Client, customerId: string): Promise<boolean> {
  const description = await lifecycleHandle(client, customerId)
    .describe()
    .catch(() => undefined);
  if (!description || description.status.name !== 'RUNNING') return false;
  const { raw } = description;
  return !raw.pendingWorkflowTask && (raw.pendingActivities ?? []).length === 0;
}

/**
 * Polls every 2 s until every customer's lifecycle is asleep or `timeoutSeconds` have passed, logging the count, and
 * returns the customers still not asleep and when the last one fell asleep. The server's view (looksIdle) is polled
 * first; once it shows every lifecycle idle, one pass of the lifecycleState query confirms it (unsettledCustomers), and
 * any it does not confirm are polled again. At 10,000 customers a query per lifecycle per pass could not finish a
 * pass while the workers were busy.
 */
export async function untilAsleep(
  client: Client,
  customerIds: string[],
  options: {
    eventsPerCustomer: number;
    timeoutSeconds: number;
    log: (line: string) => void;
    /** Called each time the server shows every lifecycle idle, before the query pass (to read the CPU spent until then). */
    onIdle?: () => void;
  },
): Promise<{ open: string[]; asleepAt: number }> {
  let unconfirmed = customerIds;
  let polled = customerIds;
  let open = customerIds;
  let asleepAt = Date.now();
  const deadline = Date.now() + options.timeoutSeconds * 1000;
  while (open.length > 0 && Date.now() < deadline) {
    const busy: string[] = [];
    await eachLimited(polled, 32, async (id) => {
      if (!(await looksIdle(client, id))) busy.push(id);
    });
    options.log(`  ${customerIds.length - busy.length}/${customerIds.length} lifecycles idle on the server`);
    if (busy.length > 0) {
      open = polled = busy;
      await new Promise((r) => setTimeout(r, 2000));
      continue;
    }
    asleepAt = Date.now();
    options.onIdle?.();
    // Every customer not yet confirmed, not only the last ones polled.
    open = polled = unconfirmed = await unsettledCustomers(client, unconfirmed, options.eventsPerCustomer);
    const took = ((Date.now() - asleepAt) / 1000).toFixed(1);
    options.log(`  ${customerIds.length - open.length}/${customerIds.length} lifecycles asleep on their timers (by query, ${took} s)`);
  }
  return { open, asleepAt: open.length > 0 ? Date.now() : asleepAt };
}

/** What a lifecycle that is not asleep is doing: its handled events and its pending activities and children. */
export async function whyNotSettled(client: Client, customerId: string): Promise<string> {
  const handle = lifecycleHandle(client, customerId);
  const view = await handle.query(lifecycleStateQuery).catch((error: Error) => ({ error: error.message }));
  const { raw } = await handle.describe();
  const pending = (raw.pendingActivities ?? []).map((a) => `${a.activityType?.name} attempt ${a.attempt} ${a.lastFailure?.message ?? ''}`);
  const handled = 'error' in view ? view.error : `eventsHandled ${view.eventsHandled}, runEvents ${view.runEvents}`;
  return `${handle.workflowId}: ${handled}; pending activities: ${pending.join(' | ') || 'none'}; children: ${raw.pendingChildren?.length ?? 0}`;
}

/** Every customer lifecycle run visibility knows (any status), by workflow id: a customer with two runs has a duplicate. */
export async function lifecycleRuns(client: Client): Promise<Map<string, number>> {
  const runs = new Map<string, number>();
  for await (const execution of client.workflow.list({ query: LIFECYCLE, pageSize: 1000 }))
    runs.set(execution.workflowId, (runs.get(execution.workflowId) ?? 0) + 1);
  return runs;
}

export async function runningLifecycles(client: Client): Promise<number> {
  return (await client.workflow.count(`${LIFECYCLE} AND ExecutionStatus = "Running"`)).count;
}

/** Outbox rows sharing an idempotency key, and Message-IDs the SMTP receiver got more than once. */
export async function duplicateMessages(prisma: PrismaClient, smtp: SmtpReceiver) {
  const outbox = await prisma.message.count();
  const sent = await prisma.message.count({ where: { status: 'sent' } });
  const keys = await prisma.message.groupBy({ by: ['idempotencyKey'], _count: { _all: true } });
  const received = smtp.messages();
  const copies = new Map<string, number>();
  for (const mail of received) if (mail.messageId) copies.set(mail.messageId, (copies.get(mail.messageId) ?? 0) + 1);
  return {
    outbox,
    sent,
    received: received.length,
    duplicateKeys: keys.filter((k) => k._count._all > 1).length,
    duplicateReceived: [...copies.values()].filter((n) => n > 1).length,
    receivedWithoutMessageId: received.filter((m) => !m.messageId).length,
  };
}

/** Events and encoded bytes of the histories of a sample of workflows (lifecycles and the enrollments they started). */
export async function historySizes(client: Client, workflowIds: string[]) {
  const sizes: Array<{ events: number; bytes: number }> = [];
  await eachLimited(workflowIds, 4, async (id) => {
    const history = await client.workflow.getHandle(id).fetchHistory();
    const bytes = temporal.api.history.v1.History.encode(history).finish().length;
    sizes.push({ events: history.events?.length ?? 0, bytes });
  });
  const sum = (f: (s: { events: number; bytes: number }) => number) => sizes.reduce((a, s) => a + f(s), 0);
  return {
    sampled: sizes.length,
    events: sum((s) => s.events),
    bytes: sum((s) => s.bytes),
    maxEvents: Math.max(0, ...sizes.map((s) => s.events)),
  };
}

/** Workflow ids of a sample of other workflows than the lifecycles (the campaign enrollments they started). */
export async function sampleOtherWorkflows(client: Client, limit: number): Promise<{ ids: string[]; total: number }> {
  const query = `WorkflowType != "customerLifecycleWorkflow"`;
  const total = (await client.workflow.count(query)).count;
  const ids: string[] = [];
  for await (const execution of client.workflow.list({ query, pageSize: limit })) {
    ids.push(execution.workflowId);
    if (ids.length >= limit) break;
  }
  return { ids, total };
}

export async function databaseBytes(serverUrl: string, names: string[]): Promise<Record<string, number>> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    const sizes: Record<string, number> = {};
    for (const name of names)
      sizes[name] = Number((await admin.query('SELECT pg_database_size($1) AS bytes', [name])).rows[0].bytes as string);
    return sizes;
  } finally {
    await admin.end();
  }
}
