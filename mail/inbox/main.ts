/**
 * The local inbox for development and demos: `npx tsx mail/inbox/main.ts`.
 * Receives on the port in SMTP_URL (default smtp://127.0.0.1:2525) and shows the mail on INBOX_PORT (default 8025).
 */
import path from 'node:path';
import { componentLogger } from '../../config/logger';
import { settings } from '../../config/settings';
import { parseSmtpUrl } from '../smtpUrl';
import { startInbox } from './startInbox';

const log = componentLogger('mail.inbox');
const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '::1']);

async function main(): Promise<void> {
  const config = settings();
  const endpoint = parseSmtpUrl(config.SMTP_URL);
  if (endpoint.secure) {
    throw new Error('SMTP_URL: the local inbox speaks plain SMTP; use smtp://127.0.0.1:2525 instead of smtps://');
  }
  if (!LOCAL_HOSTS.has(endpoint.host)) {
    log.warn({ host: endpoint.host }, 'SMTP_URL points to another host; the inbox listens on 127.0.0.1 only');
  }
  const inbox = await startInbox({
    smtpPort: endpoint.port,
    httpPort: config.INBOX_PORT,
    dir: path.join(config.STAMMKUNDE_DATA_DIR, 'inbox'),
  });
  process.stdout.write(`Posteingang: ${inbox.httpUrl}  (SMTP: ${inbox.smtpUrl})\n`);

  const stop = (signal: string) => {
    log.info({ signal }, 'inbox stopping');
    inbox.close().then(
      () => process.exit(0),
      (err) => {
        log.error({ err }, 'inbox did not stop cleanly');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: Error) => {
  log.fatal({ err }, 'inbox could not start');
  process.stderr.write(`${err.message}\n`);
  process.exit(1);
});
