import type { Command } from 'commander';
import { settings } from '../../config/settings';
import { runEmbeddedEngine } from '../../engine/runEmbedded';

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('run everything on embedded defaults: Temporal dev server, PGlite, inbox and worker')
    .action(async () => {
      const engine = await runEmbeddedEngine(settings());
      process.stdout.write(`\nStammkunde is running.\n${Object.entries(engine.urls).map(([k, v]) => `  ${k.padEnd(18)} ${v}`).join('\n')}\n\nCtrl-C stops everything.\n`);
      let stopping = false;
      const shutdown = async () => {
        if (stopping) return;
        stopping = true;
        process.stdout.write('\nStopping …\n');
        await engine.stop();
        process.exit(0);
      };
      process.on('SIGINT', shutdown);
      process.on('SIGTERM', shutdown);
    });
}
