/**
 * The engine worker as a process of its own, for tests that kill it (SIGKILL) mid-run and start it
 * again. Reads DATABASE_URL, SMTP_URL, TEMPORAL_ADDRESS and TEMPORAL_TASK_QUEUE from the environment,
 * and prints "worker ready" on stdout once it polls. Marketing may go out at any hour, so a test
 * does not depend on the wall clock. Run with: node --import tsx tests/support/workerProcess.ts
 */
import { NativeConnection } from '@temporalio/worker';
import { readSettings } from '../../config/settings';
import { connectDatabase } from '../../db/client';
import { createMailTransport } from '../../mail/transport';
import { createEngineWorker } from '../../worker/createWorker';
import { AROUND_THE_CLOCK } from '../../engine/sendingWindow';

async function main(): Promise<void> {
  const settings = readSettings(process.env);
  if (!settings.DATABASE_URL) throw new Error('DATABASE_URL: the worker process needs the PostgreSQL URL of the test database');
  const database = await connectDatabase({ kind: 'postgres', url: settings.DATABASE_URL });
  const transport = createMailTransport(settings.SMTP_URL, { maxConnections: 2 });
  const connection = await NativeConnection.connect({ address: settings.TEMPORAL_ADDRESS });
  const worker = await createEngineWorker({
    connection,
    namespace: settings.TEMPORAL_NAMESPACE,
    taskQueue: settings.TEMPORAL_TASK_QUEUE,
    deps: { prisma: database.prisma, transport, settings, sendingWindow: AROUND_THE_CLOCK },
  });
  const running = worker.run();
  process.stdout.write('worker ready\n');
  await running;
  transport.close();
  await connection.close();
  await database.close();
}

main().catch((error) => {
  process.stderr.write(`worker process failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
