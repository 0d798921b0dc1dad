import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../freePort';

/**
 * A throwaway IMAP server for tests: Debian's Dovecot with its own config, a passwd-file user and a
 * Maildir in a temp dir, cleartext IMAP on 127.0.0.1 and a free port. `stop()` ends it and deletes the dir.
 * As root the mail user is the `dovecot` system user (Dovecot refuses to serve mail as root); otherwise
 * everything runs as the calling user.
 */
export interface ThrowawayImapServer {
  host: string;
  port: number;
  user: string;
  password: string;
  dir: string;
  /** Stops the server and starts it again on the same port with the same mail (a provider's maintenance). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const DOVECOT = '/usr/sbin/dovecot';

/** apt-get that waits (bounded) for another apt process's lock instead of failing at once. */
const { aptGet } = require('../aptGet') as { aptGet(args: string[], options?: { say?: (message: string) => void }): void };

const isRoot = () => process.getuid?.() === 0;

/** Dovecot's binary, installing Debian's `dovecot-imapd` first when it is missing and we may. */
export function ensureDovecot(): string {
  if (fs.existsSync(DOVECOT) && fs.existsSync('/usr/lib/dovecot/imap')) return DOVECOT;
  if (!isRoot()) throw new Error('Dovecot not found: install it with `sudo apt-get install -y dovecot-imapd`');
  const install = () => aptGet(['install', '-y', '--no-install-recommends', 'dovecot-imapd']);
  try {
    install();
  } catch {
    aptGet(['update']);
    install();
  }
  return DOVECOT;
}

function idOf(name: string): { uid: number; gid: number } {
  const id = (flag: string) => spawnSync('id', [flag, name], { encoding: 'utf8' });
  const uid = id('-u');
  const gid = id('-g');
  if (uid.status !== 0 || gid.status !== 0) throw new Error(`no \`${name}\` OS user; reinstall dovecot-core`);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

export async function startThrowawayImapServer(options: { user?: string; password?: string } = {}): Promise<ThrowawayImapServer> {
  const binary = ensureDovecot();
  const user = options.user ?? 'autohaus';
  const password = options.password ?? 'imap-test-password';
  const me = os.userInfo();
  const mailOwner = isRoot() ? idOf('dovecot') : { uid: me.uid, gid: me.gid };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stammkunde-imap-'));
  fs.chmodSync(dir, 0o755); // Dovecot's unprivileged processes must reach the sockets below it
  const home = path.join(dir, 'home');
  fs.mkdirSync(home);
  fs.chownSync(home, mailOwner.uid, mailOwner.gid);
  fs.writeFileSync(path.join(dir, 'passwd'), `${user}:{PLAIN}${password}:${mailOwner.uid}:${mailOwner.gid}::${home}\n`);

  const launch = async (port: number): Promise<ChildProcess> => {
    const configFile = path.join(dir, 'dovecot.conf');
    fs.writeFileSync(configFile, dovecotConfig(dir, port, isRoot() ? undefined : me.username));
    const child = spawn(binary, ['-F', '-c', configFile], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    child.stderr!.on('data', (chunk) => (output += chunk));
    try {
      await waitForGreeting(port, child, () => output);
      return child;
    } catch (error) {
      await ended(child);
      throw Object.assign(new Error(`Dovecot did not start: ${(error as Error).message}`), {
        log: readIfThere(path.join(dir, 'dovecot.log')) + output,
      });
    }
  };

  let port = 0;
  let child: ChildProcess | undefined;
  for (let attempt = 1; !child; attempt++) {
    port = await freePort();
    try {
      child = await launch(port);
    } catch (error) {
      const log = (error as { log?: string }).log ?? '';
      if (attempt < 3 && /Address already in use/i.test(log)) continue;
      fs.rmSync(dir, { recursive: true, force: true });
      throw new Error(`${(error as Error).message}\n${log.slice(-2000)}`);
    }
  }
  const killNow = () => child?.kill('SIGKILL');
  process.once('exit', killNow);
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    dir,
    restart: async () => {
      if (child) await ended(child);
      child = await launch(port);
    },
    stop: async () => {
      process.removeListener('exit', killNow);
      if (child) await ended(child);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Cleartext IMAP on 127.0.0.1:<port> only; Maildir with "/" as the folder separator; nothing outside `dir`. */
function dovecotConfig(dir: string, port: number, unprivilegedUser?: string): string {
  const internal = unprivilegedUser ?? 'dovecot';
  const login = unprivilegedUser ?? 'dovenull';
  return `base_dir = ${dir}/run
state_dir = ${dir}/state
instance_name = stammkunde-test-${port}
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
default_internal_user = ${internal}
default_login_user = ${login}
first_valid_uid = 1
mail_location = maildir:~/Maildir
namespace inbox {
  inbox = yes
  separator = /
}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = passwd-file
  args = username_format=%u ${dir}/passwd
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }${unprivilegedUser ? '\n  chroot =' : ''}
}
`;
}

/** Resolves when the server greets with "* OK" (Dovecot forks its login processes after the master starts). */
async function waitForGreeting(port: number, child: ChildProcess, output: () => string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`dovecot exited with ${child.exitCode}: ${output().trim()}`);
    const greeting = await new Promise<string>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      let text = '';
      socket.setTimeout(2000, () => socket.destroy());
      socket.on('data', (chunk) => {
        text += chunk;
        if (text.includes('\n')) socket.destroy();
      });
      socket.on('error', () => undefined);
      socket.on('close', () => resolve(text));
    });
    if (greeting.startsWith('* OK')) return;
    if (Date.now() > deadline) throw new Error(`no IMAP greeting on 127.0.0.1:${port} within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function ended(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

const readIfThere = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '');
