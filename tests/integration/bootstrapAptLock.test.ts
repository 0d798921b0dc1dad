import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * `npm test` on a fresh machine installs PostgreSQL and Chromium with apt while another apt run
 * (unattended upgrades, a colleague's install) may hold the lock. The bootstrap's apt-get waits for
 * the lock, says so, and goes on when it is free; when it stays taken, it gives up after a bound
 * with a message naming the holder. apt-get here is a stand-in taking the same kind of lock (flock).
 */
const ROOT = path.resolve(__dirname, '../..');
let dir: string;
let lockFile: string;
let fakeAptGet: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apt-lock-'));
  lockFile = path.join(dir, 'lock-frontend');
  fakeAptGet = path.join(dir, 'apt-get');
  fs.writeFileSync(
    fakeAptGet,
    `#!/bin/bash
exec 9>"${lockFile}"
if ! flock -n 9; then
  echo "E: Could not get lock ${lockFile}. It is held by process $(cat "${lockFile}.pid") (apt-get)" >&2
  echo "E: Unable to acquire the dpkg frontend lock (${lockFile}), is another process using it?" >&2
  exit 100
fi
echo "apt-get $*" >> "${dir}/ran"
`,
    { mode: 0o755 },
  );
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Another apt run: holds the lock until its stdin closes. Resolves once the lock is taken. */
function holdLock(): Promise<ChildProcess> {
  const holder = spawn('bash', ['-c', `exec 9>"${lockFile}"; flock 9; echo $$ > "${lockFile}.pid"; echo held; read -r _`], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    holder.stdout!.once('data', () => resolve(holder));
    holder.once('error', reject);
  });
}

type Run = { child: ChildProcess; stderr: () => string; exited: Promise<number | null>; says(pattern: RegExp): Promise<void> };
function runAptGet(args: string[], env: Record<string, string> = {}): Run {
  const child = spawn(process.execPath, ['-e', `require('./infra/aptGet').aptGet(${JSON.stringify(args)}, { pollMs: 100 })`], {
    cwd: ROOT,
    env: { ...process.env, STAMMKUNDE_APT_GET: fakeAptGet, ...env },
    stdio: ['ignore', 'inherit', 'pipe'],
  });
  let stderr = '';
  const listeners: Array<() => void> = [];
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    listeners.forEach((l) => l());
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    child,
    stderr: () => stderr,
    exited,
    says: (pattern) =>
      new Promise((resolve, reject) => {
        const check = () => pattern.test(stderr) && resolve();
        listeners.push(check);
        check();
        void exited.then(() => (pattern.test(stderr) ? resolve() : reject(new Error(`exited without saying ${pattern}: ${stderr}`))));
      }),
  };
}

describe('bootstrap installs packages while another apt process holds the lock', () => {
  it('waits for the lock, says so, and installs once it is free', async () => {
    const holder = await holdLock();
    const run = runAptGet(['install', '-y', 'postgresql']);
    await run.says(/process \d+ \(apt-get\) holds the apt lock; waiting for it \(at most 600 s\)/);
    expect(fs.existsSync(path.join(dir, 'ran'))).toBe(false);
    holder.stdin!.end(); // the other apt run finishes
    expect(await run.exited).toBe(0);
    expect(run.stderr()).toMatch(/the apt lock is free again/);
    expect(fs.readFileSync(path.join(dir, 'ran'), 'utf8')).toBe('apt-get install -y postgresql\n');
  });

  it('gives up after the bound with a message naming the holder and how to wait longer', async () => {
    const holder = await holdLock();
    try {
      const run = runAptGet(['update'], { STAMMKUNDE_APT_LOCK_TIMEOUT_S: '1' });
      expect(await run.exited).toBe(1);
      expect(run.stderr()).toMatch(
        /`apt-get update`: process \d+ \(apt-get\) still holds the apt lock after \d+ s; let it finish \(or stop it\) and run again, or wait longer with STAMMKUNDE_APT_LOCK_TIMEOUT_S/,
      );
    } finally {
      holder.stdin!.end();
    }
  });
});
