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

  it('never lets two builds run at once: whichever takes the lock first, the other waits until it has finished', async () => {
    const lock = path.join(dir, 'locks', 'temporal-cli.lock');
    const events: string[] = [];
    let building = 0;
    let mostAtOnce = 0;
    const build = (who: string) =>
      withFileLock(
        lock,
        async () => {
          building += 1;
          mostAtOnce = Math.max(mostAtOnce, building);
          events.push(`${who} starts`);
          await new Promise((r) => setTimeout(r, 100));
          events.push(`${who} ends`);
          building -= 1;
        },
        { pollMs: 20 },
      );

    await Promise.all([build('first'), build('second'), build('third')]);

    // Which one wins the race depends on the machine; that each build runs alone, start to end, does not.
    expect(mostAtOnce).toBe(1);
    expect(events).toHaveLength(6);
    for (let i = 0; i < events.length; i += 2) {
      const who = events[i].replace(/ starts$/, '');
      expect(events.slice(i, i + 2)).toEqual([`${who} starts`, `${who} ends`]);
    }
    expect(new Set(events.filter((e) => e.endsWith('starts')))).toEqual(new Set(['first starts', 'second starts', 'third starts']));
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
