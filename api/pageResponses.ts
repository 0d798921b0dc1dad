import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { problemSchema } from './schemas/common';

/**
 * The statuses of the HTML pages (signed-link pages, cockpit, timeline) in the OpenAPI document, for every
 * route that declares no responses of its own: the page, a redirect after a form, and the error pages
 * (bad link 400, forged 403, expired 410, not logged in 401, not found 404), or a JSON problem where the
 * error handler answers (validation 400, body 413/415, fault 500).
 */
const page = z.string().describe('HTML page');
const html = (description: string) => ({ description, content: { 'text/html': { schema: page } } });
const htmlOrProblem = (description: string) => ({
  description,
  content: { 'text/html': { schema: page }, 'application/json': { schema: problemSchema } },
});

export const pageResponses = {
  200: html('The page'),
  303: z.null().describe('After a form or without a session: on to the next page (Location header), no body'),
  400: htmlOrProblem('A link or form that is malformed or incomplete'),
  401: htmlOrProblem('Not signed in'),
  403: htmlOrProblem('A link forged or for another action, or no access'),
  404: htmlOrProblem('Not found'),
  410: html('The link expired or its subject is gone'),
  413: htmlOrProblem('Body larger than the limit'),
  415: htmlOrProblem('Content-Type not accepted'),
  431: { description: 'URL or headers too long', content: { 'application/json': { schema: problemSchema } } },
  500: htmlOrProblem('Internal error'),
};

export function declarePageResponses(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const schema = (route.schema ?? {}) as { response?: unknown; hide?: boolean };
    if (schema.response || schema.hide) return;
    // A stylesheet or script is no page: not part of the document.
    if (/\.(css|js|png|svg|ico)$/.test(route.url)) route.schema = { ...schema, hide: true };
    else route.schema = { ...schema, response: pageResponses };
  });
}
