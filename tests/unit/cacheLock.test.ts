import { spawnSync } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { withFileLock } from '../../infra/temporal/cacheLock';

describe('two jest workers provisioning the same server at once', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cache-lock-'));
  });
  afterEach(async () => {
    await fs.rm(dir, { recursive: true, force: true });
  });

  it('lets the second one wait until the first has finished its build', async () => {
    const lock = path.join(dir, 'locks', 'temporal-cli.lock');
    const events: string[] = [];
    const build = (who: string) =>
      withFileLock(lock, async () => {
        events.push(`${who} starts`);
        await new Promise((r) => setTimeout(r, 100));
        events.push(`${who} ends`);
      }, { pollMs: 20 });

    await Promise.all([build('first'), build('second')]);

    expect(events).toEqual(['first starts', 'first ends', 'second starts', 'second ends']);
    await expect(fs.stat(lock)).rejects.toThrow();
  });

  it('breaks a lock left behind by a build that crashed', async () => {
    const lock = path.join(dir, 'temporal-cli.lock');
    const deadPid = spawnSync(process.execPath, ['-e', '']).pid;
    await fs.writeFile(lock, JSON.stringify({ pid: deadPid, host: os.hostname(), since: new Date().toISOString() }));

    await expect(withFileLock(lock, async () => 'built', { pollMs: 20, timeoutMs: 2_000 })).resolves.toBe('built');
  });

  it('gives up with a message naming the lock file when the holder never finishes', async () => {
    const lock = path.join(dir, 'temporal-cli.lock');
    await fs.writeFile(lock, JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date().toISOString() }));

    await expect(withFileLock(lock, async () => 'built', { pollMs: 20, timeoutMs: 200 })).rejects.toThrow(
      /waiting for the lock .*temporal-cli\.lock held by pid/,
    );
  });
});
