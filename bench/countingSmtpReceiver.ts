/**
 * An SMTP receiver for benchmarks, in a process of its own so that it takes no CPU from the process being measured:
 * it accepts every message, keeps nothing but the Message-ID header, and answers with counts.
 *
 *   const receiver = await startCountingReceiver();  // spawns `tsx bench/countingSmtpReceiver.ts`
 *   await receiver.counts()                          // { received, duplicateMessageIds, withoutMessageId }
 */
import { spawn } from 'node:child_process';
import readline from 'node:readline';
import { SMTPServer } from 'smtp-server';

export type ReceiverCounts = { received: number; duplicateMessageIds: number; withoutMessageId: number };
export type CountingReceiver = { url: string; counts(): Promise<ReceiverCounts>; stop(): void };

const HEADER_END = '\r\n\r\n';

function runReceiver(): void {
  const seen = new Map<string, number>();
  const counts: ReceiverCounts = { received: 0, duplicateMessageIds: 0, withoutMessageId: 0 };
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    size: 25 * 1024 * 1024,
    onData(stream, _session, callback) {
      let head = '';
      stream.on('data', (chunk: Buffer) => {
        if (!head.includes(HEADER_END) && head.length < 64 * 1024) head += chunk.toString('latin1');
      });
      stream.on('end', () => {
        const headers = head.split(HEADER_END)[0].replace(/\r\n[ \t]+/g, ' ');
        const id = /^message-id:\s*(\S+)/im.exec(headers)?.[1];
        counts.received += 1;
        if (!id) counts.withoutMessageId += 1;
        else {
          const n = (seen.get(id) ?? 0) + 1;
          seen.set(id, n);
          if (n === 2) counts.duplicateMessageIds += 1;
        }
        callback(null, 'queued');
      });
    },
  });
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`port ${(server.server.address() as { port: number }).port}\n`);
  });
  readline.createInterface({ input: process.stdin }).on('line', () => process.stdout.write(`counts ${JSON.stringify(counts)}\n`));
  process.stdin.on('end', () => process.exit(0));
}

/** Starts the receiver process; resolves once it listens. */
export function startCountingReceiver(): Promise<CountingReceiver> {
  const child = spawn(process.execPath, ['--import', 'tsx', __filename, 'receive'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = readline.createInterface({ input: child.stdout! });
  const waiting: Array<(counts: ReceiverCounts) => void> = [];
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`counting SMTP receiver exited (${code})`)));
    lines.on('line', (line) => {
      const space = line.indexOf(' ');
      const [kind, value] = [line.slice(0, space), line.slice(space + 1)];
      if (kind === 'port')
        resolve({
          url: `smtp://127.0.0.1:${value}`,
          counts: () =>
            new Promise((done) => {
              waiting.push(done);
              child.stdin!.write('counts\n');
            }),
          stop: () => child.kill(),
        });
      else if (kind === 'counts') waiting.shift()?.(JSON.parse(value) as ReceiverCounts);
    });
  });
}

if (require.main === module && process.argv[2] === 'receive') runReceiver();
