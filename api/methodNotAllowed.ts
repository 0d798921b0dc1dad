import type { FastifyInstance } from 'fastify';
import { problem } from './errorHandler';

/**
 * Which methods a path answers to, from the routes as they are registered, so that a known path asked with
 * another method (DELETE, TRACE, QUERY, …) answers 405 with an `Allow` header instead of 404.
 */

const escapeRegExp = (text: string) => text.replace(/[.+?^${}()|[\]\\]/g, '\\$&');

function patternOf(url: string): RegExp {
  const source = url
    .split('/')
    .map((segment) => (segment.startsWith(':') ? '[^/]+' : segment === '*' ? '.*' : escapeRegExp(segment).replace(/\*/g, '.*')))
    .join('/');
  return new RegExp(`^${source}/?$`);
}

/**
 * Install before any route: the methods are collected as routes register. The check runs first among the
 * request hooks (before authentication: which methods a path has is no secret) and before the body is read,
 * so also a QUERY without Content-Type gets its 405.
 */
export function answerMethodNotAllowed(app: FastifyInstance): void {
  const routes: Array<{ pattern: RegExp; methods: string[] }> = [];
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    routes.push({ pattern: patternOf(route.url), methods: methods.map((m) => m.toUpperCase()) });
  });
  app.addHook('onRequest', async (request, reply) => {
    if (!request.is404) return;
    const path = request.url.split('?')[0];
    const allowed = [...new Set(routes.filter((r) => r.pattern.test(path)).flatMap((r) => r.methods))].sort();
    if (allowed.length === 0) return;
    return reply
      .code(405)
      .header('Allow', allowed.join(', '))
      .type('application/json; charset=utf-8')
      .send(problem(405, `method ${request.method} not allowed on ${path}; allowed: ${allowed.join(', ')}`));
  });
}
