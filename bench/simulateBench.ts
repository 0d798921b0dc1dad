/**
 * How fast the campaign simulation runs the real workflows: 1,000 customers × 36 months (target
 * under 60 s) and 10,000 customers × 12 months (target under 10 minutes), each a generated population
 * in its own sandbox. Prints wall time by phase, customer-years per second, history events per
 * customer-year, and where the CPU went (this process: worker + driver; the Java time-skipping
 * server; PostgreSQL), so a slow run says which side bounds it.
 *
 *   npx tsx bench/simulateBench.ts [--only small|large] [--small 1000x36] [--large 10000x12]
 */
import fs from 'node:fs';
import os from 'node:os';
import { DateTime } from 'luxon';
import { bundleWorkflows } from '../worker/workflowBundle';
import { simulate } from '../simulation/simulate';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const size = (text: string) => {
  const [customers, months] = text.split('x').map(Number);
  return { customers, months };
};
const cases = [
  { name: 'small', ...size(arg('small') ?? '1000x36'), targetSeconds: 60 },
  { name: 'large', ...size(arg('large') ?? '10000x12'), targetSeconds: 600 },
].filter((c) => !arg('only') || c.name === arg('only'));

/** Clock ticks per second in /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICK = 100;

/** CPU seconds used so far by the processes whose command line matches. */
function cpuSecondsOf(pattern: RegExp): number {
  let total = 0;
  for (const pid of fs.readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (!pattern.test(cmd)) continue;
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / TICK;
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

async function main() {
  const bundle = await bundleWorkflows();
  const start = DateTime.now().setZone('Europe/Berlin').plus({ days: 1 }).toISODate()!;
  process.stdout.write(`campaign simulation bench on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}\n`);
  for (const c of cases) {
    const cpuBefore = process.cpuUsage();
    const javaBefore = cpuSecondsOf(/TestServer/);
    const started = Date.now();
    let javaCpu = 0;
    let postgresCpu = 0;
    const { report, timings } = await simulate(
      {
        population: { source: 'generated', customers: c.customers, locations: Math.max(1, Math.round(c.customers / 5000)) },
        start,
        months: c.months,
        seed: 'bench',
      },
      {
        workflowBundle: bundle,
        onWeek: (_run, done, total) => process.stderr.write(`\r${c.name}: week ${done}/${total}`),
        // Read before the sandbox (and with it the Java server and the cluster) is thrown away.
        inspect: async () => {
          javaCpu = cpuSecondsOf(/TestServer/) - javaBefore;
          postgresCpu = cpuSecondsOf(/postgres: .*stammkunde_sim_/); // the sandbox database's backends
        },
      },
    );
    process.stderr.write('\n');
    const seconds = (Date.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const t = timings[0];
    const customerYears = (c.customers * c.months) / 12;
    const sent = Object.values(report.figures.messagesPerWeek).reduce((n, v) => n + v.reduce((a, b) => a + b, 0), 0);
    process.stdout.write(
      [
        `${c.customers} customers × ${c.months} months: ${seconds.toFixed(1)} s (target < ${c.targetSeconds} s: ${seconds < c.targetSeconds ? 'met' : 'missed'})`,
        `  setup ${(t.setupMs / 1000).toFixed(1)} s (sandbox, population, lifecycles started), simulation ${(t.simulateMs / 1000).toFixed(1)} s, figures ${(t.collectMs / 1000).toFixed(1)} s`,
        `  ${(customerYears / seconds).toFixed(1)} customer-years/s; ${sent} messages; ${report.figures.history.eventsPerCustomerYear} history events per customer-year (sample of ${report.figures.history.sampledCustomers}); longest history ${report.figures.history.longestHistoryEvents} events`,
        `  CPU: this process (worker + driver) ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s, time-skipping server ${javaCpu.toFixed(1)} s, PostgreSQL ${postgresCpu.toFixed(1)} s (in ${seconds.toFixed(1)} s wall on ${os.cpus().length} cores)`,
      ].join('\n') + '\n',
    );
  }
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
