import fs from 'node:fs';

/** Memory and CPU of one process from /proc (Linux). */
export type ProcessStatus = { peakMb: number; rssMb: number; cpuSeconds: number };

const TICK = 100; // USER_HZ

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
