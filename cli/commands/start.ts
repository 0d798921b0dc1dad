import type { Command } from 'commander';
import { Runtime } from '@temporalio/worker';
import { settings, type Settings } from '../../config/settings';
import { DateTime } from 'luxon';
import { runEmbeddedEngine, type RunningEngine } from '../../engine/runEmbedded';

const DEFAULT_PUBLIC_BASE_URL = 'http://127.0.0.1:3000';

/** Links in emails must point at this API: follow API_PORT unless PUBLIC_BASE_URL was set. */
function embeddedSettings(base: Settings): Settings {
  if (base.PUBLIC_BASE_URL !== DEFAULT_PUBLIC_BASE_URL || base.API_PORT === 3000) return base;
  return { ...base, PUBLIC_BASE_URL: `http://127.0.0.1:${base.API_PORT}` };
}

const DUE_CHECK_MS = 5 * 60_000;
const FIRST_START = 'Lifecycle emails and a lead escalation arrive in the inbox within a minute.';
const germanTime = (at: Date) => DateTime.fromJSDate(at, { zone: 'Europe/Berlin' }).toFormat("dd.MM.yyyy, HH:mm 'Uhr'");

/** On a resume, what the inbox will show next: emails only when some are actually due (asked of the running engine). */
async function resumedOutlook(engine: RunningEngine): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), DUE_CHECK_MS)));
  const due = await Promise.race([engine.demoEmailsDueSoon?.().catch(() => undefined), timeout]);
  clearTimeout(timer);
  if (!due) return 'Demo: could not tell what is due (the engine did not answer in time); the inbox shows what arrives.';
  if (due.emails > 0) return `Demo: ${due.emails} email(s) are due now and arrive in the inbox within a minute.`;
  return `Demo: nothing is due right now; everything due earlier was sent.${due.nextPlanned ? ` Next planned email: ${germanTime(due.nextPlanned)}.` : ''}`;
}

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('run everything on embedded defaults: Temporal dev server, PGlite, inbox, worker and API, with a demo dealership')
    .option('--no-demo', 'do not seed the demo dealership')
    .action(async (opts: { demo: boolean }) => {
      // The engine stops in order on Ctrl-C (API, worker drained, connections, inbox, database, Temporal):
      // the SDK must not start shutting the worker down on its own when the signal arrives.
      Runtime.install({ shutdownSignals: [] });
      let stopping = false;
      const starting = runEmbeddedEngine(embeddedSettings(settings()), {
        demo: opts.demo,
        onStopping: (line) => process.stdout.write(`${line}\n`),
      });
      const shutdown = async () => {
        if (stopping) return;
        stopping = true;
        process.stdout.write('\nStopping …\n');
        // A Ctrl-C during start-up waits for the start to finish (or fail, which stops what it began), then stops.
        await starting.then((engine) => engine.stop()).catch(() => undefined);
        process.stdout.write('Stopped.\n');
        process.exit(0);
      };
      process.on('SIGINT', () => void shutdown());
      process.on('SIGTERM', () => void shutdown());

      const engine = await starting;
      if (stopping) return;
      const width = Math.max(...Object.keys(engine.urls).map((k) => k.length)) + 2;
      const lines = Object.entries(engine.urls).map(([k, v]) => `  ${k.padEnd(width)} ${v}`);
      const resumed = engine.demo && !engine.demo.created;
      const demo = engine.demo
        ? `\nDemo dealership: Autohaus Sonnenschein, Rosenheim (${resumed ? 'already there, resumed' : 'seeded now'}).\n${resumed ? 'Checking what is due …' : FIRST_START}\n`
        : '';
      process.stdout.write(
        `\nStammkunde is running.\n${lines.join('\n')}\n${demo}\n${engine.notes.map((n) => `${n}\n`).join('')}\nCtrl-C stops everything.\n`,
      );
      if (resumed) {
        const outlook = await resumedOutlook(engine);
        if (!stopping) process.stdout.write(`${outlook}\n`);
      }
    });
}
