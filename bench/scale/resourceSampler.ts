import os from 'node:os';
import { postgresCpuSeconds, processStatus } from '../processCpu';
import type { ScaleWorld } from './world';

export type ResourceUse = {
  /** CPU seconds by role: workers, temporal, postgres, bench (import). */
  cpu: Record<string, number>;
  /** The highest VmHWM seen per process role (worker 1, worker 2, temporal). */
  peakMb: Record<string, number>;
  /** The machine's 1-minute load average, the mean of the samples: what else was running beside this run. */
  meanLoad: number;
};

/**
 * CPU seconds and peak memory by role, sampled every second so a killed worker's and a stopped server's count too:
 * the workers, the Temporal server (the real one or the dev server, whichever `world.server` is now), the
 * PostgreSQL cluster with its backends, and this process (the import and its polling).
 */
export function resourceSampler(world: ScaleWorld) {
  const cpu: Record<string, number> = { workers: 0, temporal: 0 };
  const peakMb: Record<string, number> = {};
  const lastCpu = new Map<number, number>();
  const loads: number[] = [];
  const sample = () => {
    loads.push(os.loadavg()[0]);
    const roles: Array<[string, number | undefined]> = [
      ...world.workers.map((w, i) => [`worker ${i + 1}`, w.pid] as [string, number | undefined]),
      ['temporal', world.server.pid],
    ];
    for (const [role, pid] of roles) {
      const status = processStatus(pid);
      if (!status || !pid) continue;
      const key = role.startsWith('worker') ? 'workers' : role;
      cpu[key] += status.cpuSeconds - (lastCpu.get(pid) ?? 0);
      lastCpu.set(pid, status.cpuSeconds);
      peakMb[role] = Math.max(peakMb[role] ?? 0, status.peakMb);
    }
  };
  const pgStart = postgresCpuSeconds(world.cluster.url);
  const selfStart = process.cpuUsage();
  // A baseline: what the workers and the server burned while starting up, before the import, is not this run's.
  // A process that starts later (a restarted worker or server) counts from its start.
  sample();
  for (const key of Object.keys(cpu)) cpu[key] = 0;
  const timer = setInterval(sample, 1000);
  const read = (): ResourceUse => {
    sample();
    const self = process.cpuUsage(selfStart);
    return {
      cpu: { ...cpu, postgres: postgresCpuSeconds(world.cluster.url) - pgStart, 'bench (import)': (self.user + self.system) / 1e6 },
      peakMb: { ...peakMb },
      meanLoad: loads.reduce((a, b) => a + b, 0) / loads.length,
    };
  };
  let atIdle: ResourceUse | undefined;
  return {
    /** Notes the use so far (every lifecycle looks idle); sampling goes on. */
    markIdle(): void {
      atIdle = read();
    },
    /** Stops sampling; returns the use noted by the last markIdle() if `atIdle`, else the use until now. */
    stop(options: { atIdle: boolean } = { atIdle: false }): ResourceUse {
      clearInterval(timer);
      return (options.atIdle && atIdle) || read();
    },
  };
}
