/**
 * How fast the campaign simulation runs the real workflows: 1,000 customers × 36 months (target
 * under 60 s) and 10,000 customers × 12 months (target under 10 minutes), each a generated population
 * in its own sandbox. Prints wall time by phase, the machine's load, customer-years per second, history
 * events per customer-year, and where the CPU went (this process: worker + driver; the sandbox's own
 * Java time-skipping server; its own PostgreSQL), so a slow run says which side bounds it.
 *
 *   npx tsx bench/simulateBench.ts [--only small|large] [--small 1000x36] [--large 10000x12]
 */
import os from 'node:os';
import { simulationStartDate } from '../simulation/options';
import { simulate } from '../simulation/simulate';
import { bundleWorkflows } from '../worker/workflowBundle';
import { postgresCpuSeconds, timeSkippingServerCpuSeconds } from './processCpu';

const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};
const size = (text: string) => {
  const [customers, months] = text.split('x').map(Number);
  return { customers, months };
};
const targets = [
  { name: 'small', customers: 1000, months: 36, targetSeconds: 60 },
  { name: 'large', customers: 10_000, months: 12, targetSeconds: 600 },
];
const cases = targets
  .map((t) => ({ ...t, ...(arg(t.name) ? size(arg(t.name)!) : {}) }))
  .filter((c) => !arg('only') || c.name === arg('only'));

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

async function main() {
  const bundle = await bundleWorkflows();
  const start = simulationStartDate(1);
  process.stdout.write(
    `campaign simulation bench on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, Node ${process.version}, load ${load()}\n`,
  );
  for (const c of cases) {
    const target = targets.find((t) => t.name === c.name)!;
    const isTarget = c.customers === target.customers && c.months === target.months;
    const cpuBefore = process.cpuUsage();
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
        onWeek: (_run, done, total) => {
          if (done % 4 === 0 || done === total)
            process.stderr.write(
              `${c.name}: week ${done}/${total} after ${((Date.now() - started) / 1000).toFixed(0)} s, load ${load()}\n`,
            );
        },
        // Read before the sandbox (and with it the Java server and the cluster) is thrown away.
        inspect: async (_run, sandbox) => {
          javaCpu = timeSkippingServerCpuSeconds(sandbox.env.connection.options.address);
          if (sandbox.db.target.kind === 'postgres') postgresCpu = postgresCpuSeconds(sandbox.db.target.url);
        },
      },
    );
    const seconds = (Date.now() - started) / 1000;
    const cpu = process.cpuUsage(cpuBefore);
    const ownCpu = (cpu.user + cpu.system) / 1e6;
    const t = timings[0];
    const customerYears = (c.customers * c.months) / 12;
    const events = report.figures.history.eventsPerCustomerYear * customerYears;
    const sent = Object.values(report.figures.messagesPerWeek).reduce((n, v) => n + v.reduce((a, b) => a + b, 0), 0);
    const verdict = isTarget ? (seconds < c.targetSeconds ? 'met' : 'missed') : `not the target size ${target.customers}×${target.months}`;
    const perCy = (s: number) => ((s / customerYears) * 1000).toFixed(0);
    process.stdout.write(
      [
        `${c.customers} customers × ${c.months} months: ${seconds.toFixed(1)} s (target < ${c.targetSeconds} s: ${verdict}), load at the end ${load()}`,
        `  setup ${(t.setupMs / 1000).toFixed(1)} s (sandbox, population, lifecycles started), simulation ${(t.simulateMs / 1000).toFixed(1)} s, figures ${(t.collectMs / 1000).toFixed(1)} s`,
        `  ${(customerYears / seconds).toFixed(2)} customer-years/s; ${sent} messages; ${report.figures.history.eventsPerCustomerYear} history events per customer-year (sample of ${report.figures.history.sampledCustomers}); longest history ${report.figures.history.longestHistoryEvents} events`,
        `  CPU: this process (worker + driver) ${ownCpu.toFixed(1)} s, time-skipping server ${javaCpu.toFixed(1)} s, PostgreSQL ${postgresCpu.toFixed(1)} s (in ${seconds.toFixed(1)} s wall on ${os.cpus().length} cores)`,
        `  CPU ms per customer-year: worker + driver ${perCy(ownCpu)}, time-skipping server ${perCy(javaCpu)}, PostgreSQL ${perCy(postgresCpu)}; per history event ${(((ownCpu + javaCpu + postgresCpu) / Math.max(events, 1)) * 1000).toFixed(2)} ms in all`,
      ].join('\n') + '\n',
    );
  }
  process.exit(0);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
