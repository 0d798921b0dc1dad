import type { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import { buildApiApp } from '../api/buildApp';
import { componentLogger } from '../config/logger';
import type { Settings } from '../config/settings';
import type { PrismaClient } from '../db/generated/client';
import { lifecycleUpcoming } from '../timeline/lifecycleUpcoming';
import { registerTimelineRoutes } from '../timeline/routes';

export type LocalApi = { url: string; close(): Promise<void> };

/**
 * The API for the embedded engine, on 127.0.0.1 only: the JSON routes (API key), the docs at
 * /docs, and the timeline pages (a customer's journey, open leads). On this local-only server the
 * timeline pages are open without a key, so a browser can show them; the standalone API
 * (`stammkunde api`) does not serve them this way.
 */
export async function startLocalApi(deps: { prisma: PrismaClient; client: Client; settings: Settings }): Promise<LocalApi> {
  const log = componentLogger('api');
  const app = buildApiApp({
    prisma: deps.prisma,
    client: deps.client,
    taskQueue: deps.settings.TEMPORAL_TASK_QUEUE,
    settings: deps.settings,
    logger: log,
  });
  app.register(async (pages: FastifyInstance) => {
    pages.addHook('onRoute', (route) => {
      route.config = { ...(route.config ?? {}), public: true } as typeof route.config;
    });
    await registerTimelineRoutes(pages, {
      prisma: deps.prisma,
      upcomingFor: lifecycleUpcoming(deps.client),
    });
  });
  const url = await app.listen({ port: deps.settings.API_PORT, host: '127.0.0.1' });
  log.info({ url, docs: `${url}/docs` }, 'API listening (local only)');
  return { url, close: () => app.close() };
}
