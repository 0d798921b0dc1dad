import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { componentLogger } from '../../config/logger';
import { startSmtpReceiver, type SmtpReceiver } from '../smtpReceiver';
import { InboxStore, isInboxId } from './inboxStore';
import { detailPage, listPage, MESSAGE_HTML_CSP, notFoundPage, PAGE_CSP } from './inboxPages';

const log = componentLogger('mail.inbox');

export interface InboxOptions {
  /** SMTP port the engine sends to (0 picks a free one). */
  smtpPort: number;
  /** Port of the web page (0 picks a free one). */
  httpPort: number;
  /** Where messages are kept, so they are still there after a restart. */
  dir: string;
  /** Interface for both servers; local only by default. */
  host?: string;
}

export interface Inbox {
  smtpPort: number;
  httpPort: number;
  /** smtp://host:port, to use as SMTP_URL. */
  smtpUrl: string;
  /** http://host:port/, the page a person opens. */
  httpUrl: string;
  store: InboxStore;
  receiver: SmtpReceiver;
  close(): Promise<void>;
}

/** A local mail catcher: receives what the engine sends over SMTP and shows it on a small web page. */
export async function startInbox(options: InboxOptions): Promise<Inbox> {
  const host = options.host ?? '127.0.0.1';
  const store = await InboxStore.open(options.dir);
  const receiver = await startSmtpReceiver({
    port: options.smtpPort,
    host,
    store: async (mail) => {
      const entry = await store.add(mail);
      log.info({ id: entry.id, to: entry.to, subject: entry.subject }, 'message caught');
    },
  });
  const app = inboxHttpApp(store);
  try {
    await app.listen({ port: options.httpPort, host });
  } catch (err) {
    await receiver.close();
    throw new Error(`Inbox web page could not listen on ${host}:${options.httpPort}: ${(err as Error).message}`);
  }
  const httpPort = (app.server.address() as AddressInfo).port;
  const httpUrl = `http://${host.includes(':') ? `[${host}]` : host}:${httpPort}/`;
  log.info({ smtpUrl: receiver.url, httpUrl, dir: options.dir, messages: store.list().length }, 'inbox ready');
  return {
    smtpPort: receiver.port,
    httpPort,
    smtpUrl: receiver.url,
    httpUrl,
    store,
    receiver,
    async close() {
      await Promise.all([app.close(), receiver.close()]);
    },
  };
}

export function inboxHttpApp(store: InboxStore): FastifyInstance {
  const app = Fastify({ logger: false });

  app.get('/', async (_req, reply) => page(reply, 200, listPage(store.list())));

  app.get<{ Params: { id: string } }>('/messages/:id', async (req, reply) => {
    const message = isInboxId(req.params.id) ? await store.message(req.params.id) : undefined;
    return message ? page(reply, 200, detailPage(message)) : page(reply, 404, notFoundPage());
  });

  app.get<{ Params: { id: string } }>('/messages/:id/html', async (req, reply) => {
    const message = isInboxId(req.params.id) ? await store.message(req.params.id) : undefined;
    if (!message) return page(reply, 404, notFoundPage());
    return reply
      .code(200)
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', MESSAGE_HTML_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .send(message.html ?? '');
  });

  app.get<{ Params: { id: string } }>('/messages/:id/raw', async (req, reply) => {
    const message = isInboxId(req.params.id) ? await store.message(req.params.id) : undefined;
    if (!message) return page(reply, 404, notFoundPage());
    return reply
      .header('content-type', 'text/plain; charset=utf-8')
      .header('content-security-policy', "default-src 'none'; sandbox")
      .header('x-content-type-options', 'nosniff')
      .send(message.raw);
  });

  app.get('/api/messages', async () => ({ messages: store.list() }));

  app.get<{ Params: { id: string } }>('/api/messages/:id', async (req, reply) => {
    const message = isInboxId(req.params.id) ? await store.message(req.params.id) : undefined;
    if (!message) return reply.code(404).send({ error: 'not_found', message: `no message with id "${req.params.id}"` });
    return message;
  });

  return app;
}

function page(reply: FastifyReply, status: number, html: string) {
  return reply
    .code(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', PAGE_CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .send(html);
}
