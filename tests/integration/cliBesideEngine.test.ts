import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { builtInCampaigns } from '../../campaigns/catalogue';
import { ownerFile, type EmbeddedOwner } from '../../db/embeddedOwner';
import { processesUsing, startConfig, type StartConfig, type StartedProcess } from '../support/npmStartProcess';
import { cliBeside, ctrlC, npmStartAtTerminal } from '../support/terminalSession';

/**
 * A new user follows the README: `npm start` in one terminal, and in a second one every CLI
 * command of the README against the running engine — on the same embedded database, with nothing
 * configured. Then Ctrl-C: a clean stop, "Stopped.", exit code 0.
 */
const RUNNING = 'Stammkunde is running.';

describe('the CLI beside a running npm start', () => {
  let dataDir: string;
  let config: StartConfig;
  let running: StartedProcess | undefined;

  beforeAll(async () => {
    dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'stammkunde-beside-'));
    config = await startConfig(dataDir);
  });
  afterAll(async () => {
    if (running && running.child.exitCode === null && running.child.signalCode === null) await ctrlC(running, 30_000);
    await fs.rm(dataDir, { recursive: true, force: true });
  });

  const api = (url: string, key: string) =>
    fetch(`http://127.0.0.1:${config.apiPort}${url}`, { headers: { authorization: `Bearer ${key}` } });

  it('runs every README command against the engine, then stops cleanly on Ctrl-C', async () => {
    running = npmStartAtTerminal(config);
    await running.waitForOutput(RUNNING, 300_000);
    const showcaseId = running.output().match(/Customer timeline\s+\S+\/timeline\/customers\/([0-9a-f-]{36})/)![1];
    const owner = JSON.parse(await fs.readFile(ownerFile(path.join(dataDir, 'pglite')), 'utf8')) as EmbeddedOwner;
    expect(owner).toMatchObject({
      role: 'engine',
      databaseUrl: expect.stringMatching(/^postgresql:\/\/postgres@127\.0\.0\.1:\d+\//),
      temporalAddress: `127.0.0.1:${config.temporalPort}`,
    });

    // apikey create: the key works against the running API at once.
    const created = await cliBeside(config, ['apikey', 'create', '--name', 'Website-Formular']);
    expect(created.stderr).not.toMatch(/Aborted|Error/);
    expect(created.code).toBe(0);
    const key = created.stdout.trim().split('\n').pop()!;
    expect(key).toMatch(/^sk_/);
    expect((await api('/newsletter-runs', key)).status).toBe(200);

    // customer show: what the engine has now, including a change made through the API a moment ago.
    const shown = await cliBeside(config, ['customer', 'show', showcaseId]);
    expect(shown.code).toBe(0);
    const dmsId = shown.stdout.match(/DMS ([\w-]+)\)/)![1];
    const lastName = shown.stdout.split('\n')[0]!.split('  ')[0]!.split(' ').pop()!;
    const put = await fetch(`http://127.0.0.1:${config.apiPort}/customers/${dmsId}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ lastName, phone: '+49 8031 999000' }),
    });
    expect(put.status).toBe(200);
    const again = await cliBeside(config, ['customer', 'show', showcaseId]);
    expect(again.stdout).toContain('phone      +49 8031 999000');
    expect(again.stdout).toMatch(/Upcoming \(\d+\):\n/); // the lifecycle answered, through the engine's Temporal

    // campaigns preview: every built-in campaign, with a demo customer's own data (a leased car for the lease-end offer).
    const database = new pg.Client({ connectionString: owner.databaseUrl });
    await database.connect();
    const leased = await database.query<{ ownerId: string }>(
      `SELECT "ownerId" FROM vehicles WHERE "financingKind" IN ('lease', 'loan', 'balloon_loan') AND "ownerId" IS NOT NULL LIMIT 1`,
    );
    await database.end();
    for (const campaign of builtInCampaigns) {
      const customer = campaign.id === 'repurchase-lease-end' ? leased.rows[0]!.ownerId : showcaseId;
      const preview = await cliBeside(config, [
        'campaigns',
        'preview',
        campaign.id,
        '--customer',
        customer,
        '--out',
        path.join(dataDir, `${campaign.id}.html`),
      ]);
      expect({ campaign: campaign.id, code: preview.code, stderr: preview.stderr }).toEqual({ campaign: campaign.id, code: 0, stderr: '' });
      expect(preview.stdout).toMatch(/Subject: \S/);
      expect(await fs.readFile(path.join(dataDir, `${campaign.id}.html`), 'utf8')).toContain('<html');
    }

    // newsletters run: the id it prints is the one the API's run route takes.
    const run = await cliBeside(config, ['newsletters', 'run', 'tyre-change-autumn']);
    expect(run.code).toBe(0);
    const runId = run.stdout.split('\n')[0]!.trim();
    expect(run.stdout).toMatch(/opened: \d+ recipient\(s\), run [0-9a-f-]{36}/);
    const byPrintedId = await api(`/newsletter-runs/${encodeURIComponent(runId)}`, key);
    expect(byPrintedId.status).toBe(200);
    const summary = (await byPrintedId.json()) as { id: string; workflowId: string };
    expect(summary.workflowId).toBe(runId);
    expect((await api(`/newsletter-runs/${summary.id}`, key)).status).toBe(200);

    const listed = await cliBeside(config, ['newsletters', 'list']);
    expect(listed.stdout).toMatch(/tyre-change-autumn .* next \w{3} \d{1,2} \w{3} \d{4}, \d{2}:\d{2} \((CET|CEST|GMT\+\d)\)/);

    // Ctrl-C: everything stops in order, says so, and npm exits 0. The newsletter run just opened may have a batch
    // on the wire: the worker gives it WORKER_SHUTDOWN_GRACE_SECONDS (30 s) and cancels it at 45 s, so on a busy
    // machine the stop may take a minute; the bound is a guard against a hang, past what the product promises.
    const code = await ctrlC(running, 180_000);
    const output = running.output();
    expect(output).toContain('Stopped.');
    expect(output).not.toMatch(/IllegalStateError|Cannot close connection while Workers hold a reference|Aborted\(\)/);
    expect(code).toBe(0);
    expect(processesUsing(dataDir)).toEqual([]);
    await expect(fs.access(ownerFile(path.join(dataDir, 'pglite')))).rejects.toThrow();

    // With the engine stopped, a command opens the embedded database itself.
    const offline = await cliBeside(config, ['customer', 'show', showcaseId, '--no-lifecycle']);
    expect(offline.code).toBe(0);
    expect(offline.stdout).toContain('+49 8031 999000');
  }, 1_500_000);

  it('says who holds the embedded database when a command can neither open it nor reach the engine', async () => {
    const busyDir = await fs.mkdtemp(path.join(os.tmpdir(), 'stammkunde-busy-'));
    const busy = { ...config, dataDir: busyDir };
    try {
      // Another command (this test process, alive) has the database open.
      await fs.writeFile(
        ownerFile(path.join(busyDir, 'pglite')),
        JSON.stringify({ pid: process.pid, role: 'command', startedAt: new Date().toISOString() }),
      );
      const result = await cliBeside(busy, ['apikey', 'create', '--name', 'x']);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`is open in another stammkunde command (pid ${process.pid}); run this again when it has finished.`);

      // An engine that has the database but whose database server does not answer.
      await fs.writeFile(
        ownerFile(path.join(busyDir, 'pglite')),
        JSON.stringify({
          pid: process.pid,
          role: 'engine',
          databaseUrl: `postgresql://postgres@127.0.0.1:${config.smtpPort}/postgres`,
          startedAt: new Date().toISOString(),
        }),
      );
      const unreachable = await cliBeside(busy, ['customer', 'show', '00000000-0000-4000-8000-000000000000']);
      expect(unreachable.code).toBe(1);
      expect(unreachable.stderr).toMatch(
        /is in use by the running engine \("stammkunde start", pid \d+\), but its database server at .* does not answer/,
      );
    } finally {
      await fs.rm(busyDir, { recursive: true, force: true });
    }
  }, 300_000);
});
