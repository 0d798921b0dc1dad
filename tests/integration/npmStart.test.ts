import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { demoCast } from '../../demo/demoCast';
import { demoToday } from '../../demo/seedDemoData';
import { inboxMessages, interrupt, processesUsing, recipients, runStart, startConfig, type InboxMessage, type StartConfig, type StartedProcess } from '../support/npmStartProcess';

/**
 * `npm start` on a fresh clone (after the bootstrap the suite already ran): the whole engine
 * with the demo dealership comes up, the inbox receives lifecycle emails and a lead escalation,
 * Ctrl-C stops everything, and a second start on the same data sends nothing again.
 * Real processes throughout: the Temporal dev server, PGlite, the inbox, worker and API.
 */

const RUNNING = 'Stammkunde is running.';
const STAFF_DOMAIN = '@autohaus-sonnenschein.example';
const isEscalation = (m: InboxMessage) => m.subject.startsWith('Eskalation') && recipients(m).includes(STAFF_DOMAIN);
const isCustomerEmail = (m: InboxMessage) => !recipients(m).includes(STAFF_DOMAIN);
const keyOf = (m: InboxMessage) => `${recipients(m)}|${m.subject}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitForInbox(config: StartConfig, done: (messages: InboxMessage[]) => boolean, timeoutMs: number): Promise<InboxMessage[]> {
  const deadline = Date.now() + timeoutMs;
  let messages: InboxMessage[] = [];
  while (Date.now() < deadline) {
    messages = await inboxMessages(config).catch(() => messages);
    if (done(messages)) return messages;
    await sleep(1_000);
  }
  throw new Error(`inbox after ${timeoutMs / 1000} s: ${messages.length} messages\n${messages.map((m) => `  ${recipients(m)}: ${m.subject}`).join('\n')}`);
}

/** Waits until no new message arrived for `quietMs` (at most `maxMs`), so a stop does not cut a send in half. */
async function waitUntilQuiet(config: StartConfig, quietMs: number, maxMs: number): Promise<InboxMessage[]> {
  const deadline = Date.now() + maxMs;
  let messages = await inboxMessages(config);
  let since = Date.now();
  while (Date.now() < deadline && Date.now() - since < quietMs) {
    await sleep(1_000);
    const next = await inboxMessages(config);
    if (next.length !== messages.length) since = Date.now();
    messages = next;
  }
  return messages;
}

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

  it('brings up the demo dealership, emails the due customers and escalates the overdue lead, stops on Ctrl-C and resumes without re-sending', async () => {
    // First start: everything from an empty data dir.
    running = runStart(config);
    await running.waitForOutput(RUNNING, 240_000);
    const printed = running.output();
    expect(printed).toMatch(/Temporal Web UI\s+http:\/\/127\.0\.0\.1:\d+/);
    expect(printed).toContain(`http://127.0.0.1:${config.apiPort}/docs`);
    expect(printed).toContain(`http://127.0.0.1:${config.inboxPort}/`);
    expect(printed).toMatch(/Customer timeline\s+http:\/\/127\.0\.0\.1:\d+\/timeline\/customers\/[0-9a-f-]{36}/);
    expect(printed).toContain('SENDING_WINDOW=always');
    expect(printed).toMatch(/Cockpit\s+http:\/\/127\.0\.0\.1:\d+\/cockpit/);
    expect(printed).toContain('Cockpit demo login: maria.sonnenschein@autohaus-sonnenschein.example / sonnenschein-demo');

    // Within the minute (with room for a loaded machine): lifecycle emails and the escalation.
    await waitForInbox(config, (m) => m.filter(isCustomerEmail).length >= 10 && m.some(isEscalation), 120_000);
    const afterFirstRun = await waitUntilQuiet(config, 20_000, 60_000);
    const subjects = afterFirstRun.map((m) => m.subject);
    expect(subjects.some((s) => s.startsWith('Hauptuntersuchung') || s.startsWith('Main inspection'))).toBe(true);
    expect(subjects.some((s) => s.startsWith('Ihre nächste Inspektion') || s.startsWith('Your next service'))).toBe(true);
    // Nobody without a legal basis for marketing email, or who objected, got one.
    const mustNotHear = demoCast(demoToday(new Date())).filter((c) => c.consent === 'none' || c.consent === 'objected').map((c) => c.email);
    expect(afterFirstRun.filter((m) => mustNotHear.some((email) => recipients(m).includes(email)))).toEqual([]);
    const timeline = await fetch(printed.match(/Customer timeline\s+(\S+)/)![1]);
    expect(timeline.status).toBe(200);

    // Ctrl-C stops everything cleanly, the Temporal dev server included.
    const first = await interrupt(running, 30_000);
    expect(first.code).toBe(0);
    expect(processesUsing(dataDir)).toEqual([]);

    // Second start on the same data: the demo is resumed, nothing is sent twice.
    running = runStart(config);
    await running.waitForOutput(RUNNING, 240_000);
    expect(running.output()).toContain('already there, resumed');
    await sleep(15_000);
    const afterSecondRun = await waitUntilQuiet(config, 5_000, 30_000);
    const keys = afterSecondRun.map(keyOf);
    expect(keys.filter((k, i) => keys.indexOf(k) !== i)).toEqual([]); // no message went out twice
    for (const message of afterFirstRun) expect(keys.filter((k) => k === keyOf(message))).toHaveLength(1);
    const firstKeys = new Set(afterFirstRun.map(keyOf));
    expect(afterSecondRun.filter((m) => !firstKeys.has(keyOf(m))).map(keyOf)).toEqual([]);

    const second = await interrupt(running, 30_000);
    expect(second.code).toBe(0);
    expect(processesUsing(dataDir)).toEqual([]);
  }, 900_000);
});
