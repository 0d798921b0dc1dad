import { Client } from '@temporalio/client';
import { componentLogger } from '../config/logger';
import { assertLinkSecretFitFor } from '../config/linkSecret';
import type { Settings } from '../config/settings';
import { temporalConnectionOptions } from '../config/temporalConnection';
import { connectTemporalClient, type TemporalClientConnection } from '../infra/temporal/clientConnection';
import { createDatabase } from '../db/client';
import { buildApiApp } from './buildApp';
import { payloadEncryption } from '../privacy/payloadEncryption';

export type RunningApi = { url: string; close(): Promise<void> };

/** Starts the API on settings.API_PORT against the configured database and Temporal. */
export async function startApiServer(settings: Settings, options: { host?: string } = {}): Promise<RunningApi> {
  assertLinkSecretFitFor(settings, { role: 'API' });
  const log = componentLogger('api');
  const database = await createDatabase(settings);
  let temporal: TemporalClientConnection;
  try {
    temporal = await connectTemporalClient({ ...temporalConnectionOptions(settings), connectTimeout: 10_000 });
  } catch (error) {
    await database.close();
    throw new Error(`Cannot reach Temporal at ${settings.TEMPORAL_ADDRESS} (TEMPORAL_ADDRESS): ${(error as Error).message}`);
  }
  const client = new Client({
    connection: temporal.connection,
    namespace: settings.TEMPORAL_NAMESPACE,
    dataConverter: payloadEncryption(database.prisma, settings).dataConverter,
  });
  const app = buildApiApp({ prisma: database.prisma, client, taskQueue: settings.TEMPORAL_TASK_QUEUE, settings, logger: log });
  const url = await app.listen({ port: settings.API_PORT, host: options.host ?? '0.0.0.0' });
  log.info({ url, docs: `${url}/docs` }, 'API listening');
  return {
    url,
    async close() {
      await app.close();
      await temporal.close();
      await database.close();
    },
  };
}
