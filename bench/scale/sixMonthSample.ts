import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { parseSimulationOptions, simulationStartDate, type SimulationOptions } from '../../simulation/options';
import { simulate } from '../../simulation/simulate';
import { eachLimited } from './checks';

/**
 * The scale bench's last phase (issue #15): six simulated months of the dealer group for a sample of customers,
 * through the real workflows on the Java time-skipping server, in a sandbox of its own (simulation/simulate.ts, the
 * engine behind `stammkunde simulate`). Prints messages, tasks and history growth per customer-year and the longest
 * single workflow history, which continue-as-new must keep below the target however long a customer stays.
 */
export type SampleFlags = { customers: number; months: number; locations: number; seed: string };

const TARGET_HISTORY_EVENTS = 10_000;

/** The simulation options of the sample; throws at once on flags the simulation refuses (e.g. more than 50 locations). */
export function sixMonthSampleOptions(flags: SampleFlags, start = simulationStartDate(1)): SimulationOptions {
  try {
    return parseSimulationOptions({
      population: { source: 'generated', customers: flags.customers, locations: flags.locations },
      start,
      months: flags.months,
      seed: flags.seed,
    });
  } catch (error) {
    throw new Error(`the six-month sample (--sample, --sample-months, --locations; --sample 0 skips it): ${(error as Error).message}`);
  }
}

export async function runSixMonthSample(flags: SampleFlags, io: { log: (line: string) => void; out: (line?: string) => void }) {
  const { log, out } = io;
  log(`six-month sample: ${flags.customers} customers × ${flags.months} months on the time-skipping server …`);
  const started = Date.now();
  let census: HistoryCensus | undefined;
  let censusSeconds = 0;
  // The sandbox bundles the workflow code in a child process: webpack's memory stays out of this process.
  const { report, timings } = await simulate(sixMonthSampleOptions(flags), {
    onWeek: (_run, done, total) => {
      if (done % 4 === 0 || done === total) log(`  simulated week ${done}/${total}`);
    },
    // Read before the sandbox (and with it the server's histories) is thrown away.
    inspect: async (_run, sandbox) => {
      const censusStart = Date.now();
      census = await historyCensus(sandbox.env.client);
      censusSeconds = (Date.now() - censusStart) / 1000;
    },
  });
  const seconds = (Date.now() - started) / 1000;
  const { figures } = report;
  const customerYears = (figures.customers * flags.months) / 12;
  const perCustomerYear = (n: number) => (n / customerYears).toFixed(1);
  const sum = (series: number[][]) => series.flat().reduce((a, b) => a + b, 0);
  const sent = sum(Object.values(figures.messagesPerWeek));
  const tasks = sum(figures.workload.filter((w) => w.kind === 'task').map((w) => w.perWeek));
  const callbacks = sum(figures.workload.filter((w) => w.kind === 'callback').map((w) => w.perWeek));
  const t = timings[0];
  const { runs, workflows, continuedAsNew, events, longest, longestPerType } = census!;

  out();
  out(
    `== six-month sample: ${figures.customers} customers × ${flags.months} months, ${flags.locations} locations, seed "${flags.seed}" ==`,
  );
  out(
    `wall time                         ${seconds.toFixed(1)} s  (setup ${(t.setupMs / 1000).toFixed(1)} s, simulation ${(t.simulateMs / 1000).toFixed(1)} s, history census ${censusSeconds.toFixed(1)} s, figures ${((t.collectMs - censusSeconds * 1000) / 1000).toFixed(1)} s)`,
  );
  out(`customer-years simulated          ${customerYears.toFixed(1)}`);
  out(`messages sent                     ${sent}  = ${perCustomerYear(sent)} per customer-year`);
  out(
    `staff tasks                       ${tasks + callbacks}  = ${perCustomerYear(tasks + callbacks)} per customer-year  (campaign tasks ${tasks}, lead callbacks ${callbacks} for ${figures.leads.total} leads)`,
  );
  out(
    `history events per customer-year  ${perCustomerYear(events)}  (every run of every workflow: ${runs} runs of ${workflows} workflows, ${continuedAsNew} continued as new)`,
  );
  out(
    `longest workflow history          ${longest.events} events (${longest.type} ${longest.workflowId})  target < ${TARGET_HISTORY_EVENTS}: ${longest.events < TARGET_HISTORY_EVENTS ? 'ok' : 'MISSED'}`,
  );
  out(
    `longest history per type          ${[...longestPerType.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([type, n]) => `${type} ${n}`)
      .join(', ')}`,
  );
}

type HistoryCensus = {
  runs: number;
  workflows: number;
  continuedAsNew: number;
  events: number;
  longest: { workflowId: string; type: string; events: number };
  longestPerType: Map<string, number>;
};

/**
 * Every run of every workflow the server knows, by history length: a customer's lifecycle that continued as new is
 * several runs, each its own history, so their sum is the growth and the longest run is what continue-as-new bounds.
 * The time-skipping server answers only the older list calls (open and closed, each all at once, every run with its
 * history length), not a visibility query. A run listed without a length has its history fetched.
 */
async function historyCensus(client: Client): Promise<HistoryCensus> {
  const namespace = client.options.namespace;
  const open = await client.workflowService.listOpenWorkflowExecutions({ namespace });
  const closed = await client.workflowService.listClosedWorkflowExecutions({ namespace });
  const runs = [...open.executions, ...closed.executions].map((e) => ({
    workflowId: e.execution?.workflowId ?? '',
    runId: e.execution?.runId ?? '',
    type: e.type?.name ?? 'unknown',
    events: Number(e.historyLength ?? 0),
    continuedAsNew: e.status === temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW,
  }));
  await eachLimited(
    runs.filter((r) => r.events === 0),
    8,
    async (run) => void (run.events = (await client.workflow.getHandle(run.workflowId, run.runId).fetchHistory()).events?.length ?? 0),
  );
  const longestPerType = new Map<string, number>();
  for (const run of runs) longestPerType.set(run.type, Math.max(run.events, longestPerType.get(run.type) ?? 0));
  // Of equally long histories the first by workflow id, so the same seed names the same workflow.
  const longest = runs.reduce((a, b) => (b.events > a.events || (b.events === a.events && b.workflowId < a.workflowId) ? b : a), {
    workflowId: '-',
    type: '-',
    events: 0,
  });
  return {
    runs: runs.length,
    workflows: new Set(runs.map((r) => r.workflowId)).size,
    continuedAsNew: runs.filter((r) => r.continuedAsNew).length,
    events: runs.reduce((n, r) => n + r.events, 0),
    longest: { workflowId: longest.workflowId, type: longest.type, events: longest.events },
    longestPerType,
  };
}
