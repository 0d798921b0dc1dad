import path from 'node:path';
import { Client } from '@temporalio/client';
import { connectTemporalClient } from '../infra/temporal/clientConnection';
import { NativeConnection } from '@temporalio/worker';
import { componentLogger } from '../config/logger';
import type { Settings } from '../config/settings';
import { createDatabase } from '../db/client';
import { newsletterCatalogue, syncNewsletterSchedules } from '../newsletters';
import { databaseTarget, describeTarget } from '../db/databaseTarget';
import { claimEmbedded, describeOwner, type OwnerClaim } from '../db/embeddedOwner';
import { deployMigrations } from '../db/migrationRunner';
import { servePglite } from '../db/pgliteServer';
import { startDevServer } from '../infra/temporal/devServer';
import { startImapPoller } from '../inbound/imap/imapPoller';
import { readImapSettings } from '../inbound/imap/imapSettings';
import { startInboundEndpoint } from '../inbound/smtpEndpoint';
import { startInbox } from '../mail/inbox/startInbox';
import { parseSmtpUrl } from '../mail/smtpUrl';
import { createMailTransport } from '../mail/transport';
import { createEngineWorker } from '../worker/createWorker';
import { emailsDueSoon, type DueSoon } from '../demo/dueNow';
import { DEMO_PASSWORD, DEMO_USERS } from '../demo/demoCockpit';
import { seedDemo, type DemoSeed } from '../demo/seedDemo';
import { startLocalApi } from './localApi';
import type { EngineWorkflows } from './startWorkflowOnce';
import { payloadEncryption } from '../privacy/payloadEncryption';
import { sendingWindowFromSettings } from './sendingWindow';
import { stopInOrder, type StopStep } from './stopInOrder';

const log = componentLogger('engine');

export type RunningEngine = {
  urls: Record<string, string>;
  /** Notes for the person at the terminal (e.g. which sending window is in force). */
  notes: string[];
  demo?: DemoSeed;
  /** The demo dealership's emails due within minutes (outbox and planned sends), asked of the running engine. */
  demoEmailsDueSoon?(): Promise<DueSoon>;
  stop(): Promise<void>;
};

export type EmbeddedOptions = {
  /** Seed the demo dealership and set it in motion (default true). */
  demo?: boolean;
  /** Lines for the person at the terminal while the engine stops (what it is waiting for, a slow step). */
  onStopping?: (line: string) => void;
};

/**
 * Everything on embedded defaults, for a laptop: the Temporal dev server (with Web UI, state in
 * the data dir), PGlite (or DATABASE_URL), the local inbox, the worker, the API and the inbound
 * SMTP endpoint (replies, bounces, complaints). Production runs the
 * same worker against a Temporal cluster, PostgreSQL and an SMTP relay, by configuration only.
 */
export async function runEmbeddedEngine(settings: Settings, options: EmbeddedOptions = {}): Promise<RunningEngine> {
  const stops: StopStep[] = [];
  const say = options.onStopping ?? (() => undefined);
  const stop = () => stopInOrder(stops.splice(0).reverse(), { say });
  try {
    // The dealer's existing mailbox (IMAP_HOST…), checked before anything starts; unset: no poller.
    const imap = readImapSettings(process.env, settings.INBOUND_MAX_BYTES);
    const target = databaseTarget(settings);
    let owner: OwnerClaim | undefined;
    if (target.kind === 'pglite') {
      const claim = claimEmbedded(target.dataDir, 'engine');
      if ('heldBy' in claim)
        throw new Error(`The embedded database in ${target.dataDir} is in use by ${describeOwner(claim.heldBy)}; stop that first.`);
      owner = claim;
      stops.push(async function releasingTheEmbeddedDatabase() {
        claim.release();
      });
    }
    const temporal = await startDevServer({
      dbFile: path.join(settings.STAMMKUNDE_DATA_DIR, 'temporal.sqlite'),
      namespace: settings.TEMPORAL_NAMESPACE,
      port: settings.TEMPORAL_DEV_PORT,
      uiPort: settings.TEMPORAL_UI_PORT,
      uiCodecEndpoint: `http://127.0.0.1:${settings.API_PORT}/codec`,
    });
    stops.push(function stoppingTheTemporalDevServer() {
      return temporal.stop();
    });

    const applied = await deployMigrations(target);
    log.info({ database: describeTarget(target), applied }, 'database ready');
    const database = await createDatabase(settings);
    stops.push(function closingTheDatabase() {
      return database.close();
    });
    if (owner && database.pglite) {
      // CLI commands beside the engine reach the embedded database through this server (db/commandAccess.ts).
      const server = await servePglite(database.pglite);
      stops.push(function stoppingTheDatabaseServerForCliCommands() {
        return server.stop();
      });
      owner.update({ databaseUrl: server.url, temporalAddress: temporal.address });
      log.info({ url: server.url }, 'embedded database served to CLI commands');
    }

    const smtp = parseSmtpUrl(settings.SMTP_URL);
    const inbox = await startInbox({
      smtpPort: smtp.port,
      httpPort: settings.INBOX_PORT,
      dir: path.join(settings.STAMMKUNDE_DATA_DIR, 'inbox'),
    });
    stops.push(function closingTheInbox() {
      return inbox.close();
    });

    const transport = createMailTransport(settings.SMTP_URL);
    stops.push(async function closingTheMailTransport() {
      transport.close();
    });
    const connection = await NativeConnection.connect({ address: temporal.address });
    stops.push(function closingTheWorkerConnection() {
      return connection.close();
    });
    const sending = sendingWindowFromSettings(settings, 'always');
    const notes = [
      sending.mode === 'always'
        ? `Marketing email goes out around the clock (SENDING_WINDOW=always${sending.configured ? '' : ', the local default; set SENDING_WINDOW=default for Mon–Sat 09:00–19:00'}).`
        : 'Marketing email goes out Mon–Sat 09:00–19:00, not on public holidays (SENDING_WINDOW=default).',
    ];
    const worker = await createEngineWorker({
      connection,
      namespace: settings.TEMPORAL_NAMESPACE,
      taskQueue: settings.TEMPORAL_TASK_QUEUE,
      deps: { prisma: database.prisma, transport, settings, ...(sending.window ? { sendingWindow: sending.window } : {}) },
    });
    const running = worker.run();
    // Running activities get WORKER_SHUTDOWN_GRACE_SECONDS, then are cancelled; the worker lets go of
    // its connection only once it has drained.
    const drainingTheWorker = async function drainingTheWorker() {
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await running;
    };
    stops.push(
      Object.assign(drainingTheWorker, {
        status: () => {
          const status = worker.getStatus();
          return `${status.runState}, ${status.numInFlightActivities} activities and ${status.numInFlightWorkflowActivations} workflow tasks in flight`;
        },
      }),
    );

    // Closed once what is still asking Temporal has had its answer (e.g. "what is due" on a resumed start).
    const clientConnection = await connectTemporalClient({ address: temporal.address });
    stops.push(
      Object.assign(
        function closingTheClientConnection() {
          return clientConnection.close();
        },
        { status: () => `${clientConnection.callsInFlight()} calls to Temporal under way` },
      ),
    );
    const client = new Client({
      connection: clientConnection.connection,
      namespace: settings.TEMPORAL_NAMESPACE,
      dataConverter: payloadEncryption(database.prisma, settings).dataConverter,
    });
    const probe = await client.workflow.execute<EngineWorkflows['healthCheckWorkflow']>('healthCheckWorkflow', {
      taskQueue: settings.TEMPORAL_TASK_QUEUE,
      workflowId: `health-${new Date().toISOString()}`,
      args: [`start-${Date.now()}`],
    });
    log.info({ probe }, 'health workflow completed: Temporal → worker → database work');

    await syncNewsletterSchedules(client, newsletterCatalogue, { taskQueue: settings.TEMPORAL_TASK_QUEUE });
    log.info({ newsletters: newsletterCatalogue.length }, 'newsletter schedules in sync');
    const api = await startLocalApi({ prisma: database.prisma, client, settings });
    stops.push(function closingTheApi() {
      return api.close();
    });
    // Replies, bounces and complaints: point the dealer's reply address / MX (or a forwarding rule) here.
    const inbound = await startInboundEndpoint(
      { prisma: database.prisma, client, taskQueue: settings.TEMPORAL_TASK_QUEUE, settings },
      { host: settings.INBOUND_SMTP_HOST, port: settings.INBOUND_SMTP_PORT, maxMessageBytes: settings.INBOUND_MAX_BYTES },
    );
    stops.push(function closingTheInboundMailEndpoint() {
      return inbound.close();
    });
    if (imap) {
      const poller = startImapPoller({ prisma: database.prisma, client, taskQueue: settings.TEMPORAL_TASK_QUEUE, settings }, imap);
      stops.push(function stoppingTheImapPoller() {
        return poller.stop();
      });
    }
    const demo =
      options.demo === false ? undefined : await seedDemo({ client, prisma: database.prisma, taskQueue: settings.TEMPORAL_TASK_QUEUE });

    const urls: Record<string, string> = {
      'Temporal Web UI': temporal.uiUrl,
      'API docs': `${api.url}/docs`,
      Inbox: inbox.httpUrl,
      'Inbound mail (replies, bounces)': inbound.url,
      ...(imap ? { 'Inbound mail via IMAP': `imap://${imap.user}@${imap.host}:${imap.port}/${imap.mailbox}` } : {}),
    };
    if (demo?.showcaseCustomerId) urls['Customer timeline'] = `${api.url}/timeline/customers/${demo.showcaseCustomerId}`;
    if (demo) urls['Open leads'] = `${api.url}/timeline/leads?dealer=${demo.dealerId}`;
    urls.Cockpit = `${api.url}/cockpit`;
    if (demo)
      notes.push(
        `Cockpit demo login: ${DEMO_USERS[0]!.email} / ${DEMO_PASSWORD} (principal; also ${DEMO_USERS.slice(1)
          .map((u) => `${u.email.split('@')[0]} as ${u.role}`)
          .join(', ')}, same password).`,
      );
    urls['Temporal frontend'] = temporal.address;
    const demoEmailsDueSoon = demo ? () => emailsDueSoon({ client, prisma: database.prisma }, demo.dealerId, new Date()) : undefined;
    return { urls, notes, demo, ...(demoEmailsDueSoon ? { demoEmailsDueSoon } : {}), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
