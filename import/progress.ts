/** A one-line progress display on a terminal ("\r" rewrites it); silent when output is not a TTY. */
export type Progress = { update(bytesRead: number, rows: number): void; done(): void };

export function terminalProgress(totalBytes: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY || totalBytes < 256 * 1024) return { update() {}, done() {} };
  let lastShown = 0;
  return {
    update(bytesRead, rows) {
      const now = Date.now();
      if (now - lastShown < 100) return;
      lastShown = now;
      const share = Math.min(1, bytesRead / totalBytes);
      const width = 30;
      const bar = '#'.repeat(Math.round(share * width)).padEnd(width, '.');
      stream.write(`\r[${bar}] ${(share * 100).toFixed(0).padStart(3)}%  ${rows} rows`);
    },
    done() {
      stream.write('\r\x1b[K');
    },
  };
}
