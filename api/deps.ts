import type { Client } from '@temporalio/client';
import type { Logger } from 'pino';
import type { Settings } from '../config/settings';
import type { PrismaClient } from '../db/generated/client';

export type ApiDeps = {
  prisma: PrismaClient;
  /** Temporal client: lifecycle events, double opt-in emails, lead workflows. */
  client: Client;
  taskQueue: string;
  settings: Settings;
  /** Request logging; `false` silences it (tests). Defaults to the engine's "api" logger. */
  logger?: Logger | false;
  /** The clock, for tests that need a fixed "now". */
  now?: () => Date;
};
