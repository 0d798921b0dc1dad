import type { FastifyInstance } from 'fastify';

/**
 * HTML forms and RFC 8058 one-click unsubscribe POSTs send form bodies. Parsed only inside the
 * public pages' scope: the JSON API keeps answering 415 to them.
 */
export function acceptFormBodies(app: FastifyInstance): void {
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });
  // Some mail providers post one-click unsubscribes as multipart/form-data; the signed link alone decides.
  app.addContentTypeParser('multipart/form-data', { parseAs: 'string' }, (_request, body, done) => {
    const oneClick = /List-Unsubscribe[\s\S]*?One-Click/i.test(body as string);
    done(null, oneClick ? { 'List-Unsubscribe': 'One-Click' } : {});
  });
}
