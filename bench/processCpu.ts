import fs from 'node:fs';

/**
 * CPU seconds of other processes, read from /proc (Linux): the simulation's own Java time-skipping
 * server and its own PostgreSQL cluster, found by the port on their command line, so the servers of
 * other runs on the same machine are not counted.
 */
const TICK = 100; // USER_HZ: clock ticks per second in /proc/<pid>/stat

type Proc = { pid: number; ppid: number; cmd: string; own: number; reapedChildren: number };

function processes(): Proc[] {
  const found: Proc[] = [];
  for (const name of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').replace(/\0/g, ' ').trim();
      const fields = fs.readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1].split(' ');
      found.push({
        pid: Number(name),
        ppid: Number(fields[1]),
        cmd,
        own: (Number(fields[11]) + Number(fields[12])) / TICK,
        reapedChildren: (Number(fields[13]) + Number(fields[14])) / TICK,
      });
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** CPU seconds of the process whose command line matches, plus its children's (live and exited). */
function treeCpuSeconds(matches: (cmd: string) => boolean): number {
  const all = processes();
  const matching = all.filter((p) => matches(p.cmd));
  const roots = matching.filter((p) => !matching.some((m) => m.pid === p.ppid)); // a wrapper script and the java it starts: once
  let total = 0;
  for (const root of roots) {
    total += root.own + root.reapedChildren;
    for (const child of all.filter((p) => p.ppid === root.pid)) total += child.own + child.reapedChildren;
  }
  return total;
}

const portOf = (address: string) => new URL(address.includes('://') ? address : `tcp://${address}`).port;

/** The time-skipping server listening on `address` (host:port): `… io.temporal.testserver.TestServer <port>`. */
export const timeSkippingServerCpuSeconds = (address: string) =>
  treeCpuSeconds((cmd) => /TestServer|temporal-test-server/.test(cmd) && cmd.endsWith(` ${portOf(address)}`));

/** The PostgreSQL cluster serving `url` (postmaster `-p <port>`) with its backends, live and exited. */
export const postgresCpuSeconds = (url: string) => treeCpuSeconds((cmd) => /postgres -D /.test(cmd) && cmd.includes(` -p ${portOf(url)} `));

/** Memory and CPU of one process from /proc (Linux). */
export type ProcessStatus = { peakMb: number; rssMb: number; cpuSeconds: number };

export function processStatus(pid: number | undefined): ProcessStatus | undefined {
  if (!pid) return undefined;
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return { peakMb: kb('VmHWM') / 1024, rssMb: kb('VmRSS') / 1024, cpuSeconds: (Number(stat[11]) + Number(stat[12])) / TICK };
  } catch {
    return undefined; // ended
  }
}
