import type { Browser, BrowserContext, Page } from 'playwright-core';
import { buildApiApp } from '../../api/buildApp';
import { readSettings } from '../../config/settings';
import { DEMO_PASSWORD, DEMO_USERS } from '../../demo/demoCockpit';
import { seedDemo, type DemoSeed } from '../../demo/seedDemo';
import { AROUND_THE_CLOCK } from '../../engine/sendingWindow';
import { startSmtpReceiver, type SmtpReceiver } from '../../mail/smtpReceiver';
import { createTestDatabase, type TestDatabase } from './database';
import { eventually as waitFor } from './eventually';
import { startEngineWorker, type EngineHarness } from './engineHarness';
import { launchChromium } from './headlessBrowser';
import { createTimeSkippingTestEnv } from './temporalEnv';
import type { TestWorkflowEnvironment } from '@temporalio/testing';

/**
 * The demo dealership (Autohaus Sonnenschein, as `npm start` seeds it) on the real stack — PostgreSQL,
 * Temporal with the engine worker, an SMTP receiver — with the API (and so the cockpit) listening on a
 * free port, and headless Chromium.
 */
export type CockpitWorld = {
  db: TestDatabase;
  env: TestWorkflowEnvironment;
  engine: EngineHarness;
  smtp: SmtpReceiver;
  demo: DemoSeed;
  baseUrl: string;
  browser: Browser;
  /** A browser context logged in as the demo user of that role (through the login form). */
  loginAs(role: (typeof DEMO_USERS)[number]['role']): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
};

export const demoUser = (role: (typeof DEMO_USERS)[number]['role']) => DEMO_USERS.find((u) => u.role === role)!;

/** The shared poll for a condition the product guarantees (tests/support/eventually.ts), probe first. */
export const eventually = <T>(probe: () => Promise<T | undefined | null | false>, what: string): Promise<T> => waitFor(what, probe);

export async function openCockpitWorld(): Promise<CockpitWorld> {
  const db = await createTestDatabase();
  const smtp = await startSmtpReceiver();
  const env = await createTimeSkippingTestEnv();
  // As `npm start` runs the demo (SENDING_WINDOW=always): the clock is the wall clock here, and a test run in
  // the evening must see the same demo mails as one at noon, not find them queued for tomorrow morning.
  const engine = await startEngineWorker(env, { prisma: db.prisma, smtpUrl: smtp.url, sendingWindow: AROUND_THE_CLOCK });
  const demo = await seedDemo({ client: env.client, prisma: db.prisma, taskQueue: engine.taskQueue });
  const settings = readSettings({ LOG_LEVEL: 'warn', PUBLIC_BASE_URL: 'https://autohaus-berger.example' });
  const app = buildApiApp({ prisma: db.prisma, client: env.client, taskQueue: engine.taskQueue, settings, logger: false });
  const baseUrl = await app.listen({ port: 0, host: '127.0.0.1' });
  const browser = await launchChromium();
  return {
    db,
    env,
    engine,
    smtp,
    demo,
    baseUrl,
    browser,
    async loginAs(role) {
      const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      await page.goto('/cockpit/login');
      await page.fill('#email', demoUser(role).email);
      await page.fill('#password', DEMO_PASSWORD);
      await Promise.all([page.waitForURL(/\/cockpit\/?$/), page.click('button[type=submit]')]);
      return { context, page };
    },
    async close() {
      await browser.close();
      await app.close();
      await engine.stop();
      await smtp.close();
      await env.teardown();
      await db.drop();
    },
  };
}
