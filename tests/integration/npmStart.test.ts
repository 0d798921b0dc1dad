import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demoCast } from '../../demo/demoCast';
import { demoToday } from '../../demo/seedDemoData';
import { Client, Connection } from '@temporalio/client';
import { connectDatabase } from '../../db/client';
import { eventually } from '../support/eventually';
import {
  bareMessageId,
  inboxFiles,
  inboxMessages,
  interrupt,
  processesUsing,
  recipients,
  runStart,
  startConfig,
  type InboxMessage,
  type StartConfig,
  type StartedProcess,
} from '../support/npmStartProcess';

/**
 * `npm start` on a fresh clone (after the bootstrap the suite already ran): the whole engine
 * with the demo dealership comes up, the inbox receives lifecycle emails and a lead escalation,
 * Ctrl-C (at whatever point the engine is) stops everything, and a second start on the same data sends the rest:
 * across both runs every due email arrives exactly once.
 * Real processes throughout: the Temporal dev server, PGlite, the inbox, worker and API.
 */

const RUNNING = 'Stammkunde is running.';
const STAFF_DOMAIN = '@autohaus-sonnenschein.example';
const isEscalation = (m: InboxMessage) => m.subject.startsWith('Eskalation') && recipients(m).includes(STAFF_DOMAIN);
const isCustomerEmail = (m: InboxMessage) => !recipients(m).includes(STAFF_DOMAIN);

/**
 * The engine has done everything that is due: every open workflow on its Temporal server waits for a timer or a
 * signal (no workflow task, no activity pending). Then every due email is in the outbox and answered by SMTP.
 */
async function engineSettled(config: StartConfig): Promise<boolean> {
  const connection = await Connection.connect({ address: `127.0.0.1:${config.temporalPort}` });
  try {
    const client = new Client({ connection });
    for await (const execution of client.workflow.list({ query: 'ExecutionStatus = "Running"' })) {
      const described = await client.workflow.getHandle(execution.workflowId, execution.runId).describe();
      if (described.raw.pendingWorkflowTask || (described.raw.pendingActivities ?? []).length > 0) return false;
    }
    return true;
  } finally {
    await connection.close();
  }
}

/** The outbox as the engine left it in the data dir's PGlite database (read after the engine has exited). */
async function outboxOf(dataDir: string) {
  const database = await connectDatabase({ kind: 'pglite', dataDir: path.join(dataDir, 'pglite') });
  try {
    return await database.prisma.message.findMany({
      select: { idempotencyKey: true, status: true, messageIdHeader: true, recipientEmail: true },
    });
  } finally {
    await database.close();
  }
}

/** The exit code of a Ctrl-C, with what the engine printed last when it was not 0 (the reason is in there). */
const stopOf = (stop: { code: number | null }, started: StartedProcess) =>
  stop.code === 0 ? { code: 0 } : { code: stop.code, lastOutput: started.output().slice(-6000) };

describe('npm start on a fresh clone', () => {
  let dataDir: string;
  let config: StartConfig;
  let running: StartedProcess | undefined;

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'stammkunde-start-'));
    config = await startConfig(dataDir);
  });

  afterAll(async () => {
    if (running && running.child.exitCode === null) await interrupt(running, 20_000);
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  it('brings up the demo dealership, emails the due customers and escalates the overdue lead, stops on Ctrl-C and resumes: every due email exactly once', async () => {
    // First start: everything from an empty data dir.
    running = runStart(config);
    await running.waitForOutput(RUNNING, 600_000);
    const printed = running.output();
    expect(printed).toMatch(/Temporal Web UI\s+http:\/\/127\.0\.0\.1:\d+/);
    expect(printed).toContain(`http://127.0.0.1:${config.apiPort}/docs`);
    expect(printed).toContain(`http://127.0.0.1:${config.inboxPort}/`);
    expect(printed).toMatch(/Customer timeline\s+http:\/\/127\.0\.0\.1:\d+\/timeline\/customers\/[0-9a-f-]{36}/);
    expect(printed).toContain('SENDING_WINDOW=always');
    expect(printed).toMatch(/Cockpit\s+http:\/\/127\.0\.0\.1:\d+\/cockpit/);
    expect(printed).toContain('Cockpit demo login: maria.sonnenschein@autohaus-sonnenschein.example / sonnenschein-demo');

    // Within the minute (with room for a loaded machine): lifecycle emails and the escalation.
    const afterFirstRun = await eventually(
      'lifecycle emails and the escalation in the inbox',
      async () => {
        const messages = await inboxMessages(config);
        const subjects = messages.map((m) => m.subject);
        const huReminder = subjects.some((s) => s.startsWith('Hauptuntersuchung') || s.startsWith('Main inspection'));
        const serviceReminder = subjects.some((s) => s.startsWith('Ihre nächste Inspektion') || s.startsWith('Your next service'));
        // The demo promises both reminders and the escalation; the order they arrive in is up to the worker.
        return messages.filter(isCustomerEmail).length >= 10 && huReminder && serviceReminder && messages.some(isEscalation) && messages;
      },
      240_000,
    );
    const timeline = await fetch(printed.match(/Customer timeline\s+(\S+)/)![1]);
    expect(timeline.status).toBe(200);

    // Ctrl-C while the engine may still be sending: it stops everything cleanly, the Temporal dev server included.
    const first = await interrupt(running, 180_000);
    expect(stopOf(first, running)).toEqual({ code: 0 });
    expect(processesUsing(dataDir)).toEqual([]);

    // Second start on the same data: the demo is resumed and the engine finishes what is due.
    running = runStart(config);
    await running.waitForOutput(RUNNING, 600_000);
    expect(running.output()).toContain('already there, resumed');
    await eventually('the engine done with everything due', () => engineSettled(config), 300_000);
    const second = await interrupt(running, 180_000);
    expect(stopOf(second, running)).toEqual({ code: 0 });
    expect(processesUsing(dataDir)).toEqual([]);

    // Across both runs: every email the outbox sent arrived exactly once, none twice, none in doubt.
    const outbox = await outboxOf(dataDir);
    const inbox = await inboxFiles(dataDir);
    const arrived = inbox.map((m) => m.messageId);
    expect(arrived.filter((id, i) => arrived.indexOf(id) !== i)).toEqual([]);
    const sent = outbox.filter((m) => m.status === 'sent');
    expect(sent.map((m) => bareMessageId(m.messageIdHeader)).sort()).toEqual([...arrived].sort());
    expect(outbox.filter((m) => m.status === 'sending' || m.status === 'unknown')).toEqual([]);
    expect(arrived.length).toBeGreaterThanOrEqual(afterFirstRun.length);
    // Nobody without a legal basis for marketing email, or who objected, got one.
    const mustNotHear = demoCast(demoToday(new Date()))
      .filter((c) => c.consent === 'none' || c.consent === 'objected')
      .map((c) => c.email);
    expect(inbox.filter((m) => mustNotHear.some((email) => m.to.join(',').includes(email)))).toEqual([]);
  }, 2_400_000);
});
