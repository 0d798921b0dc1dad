import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { escapeHtml } from '../templates/escape';
import { pageLanguage, TIMELINE_LABELS, type PageLanguage } from './labels';
import { loadCustomerTimeline, loadOpenLeads, type TimelineDeps } from './loadTimeline';
import { renderCustomerTimeline } from './renderCustomerTimeline';
import { renderOpenLeads } from './renderOpenLeads';

const uuid = z.string().uuid();

function errorPage(language: PageLanguage, message: string): string {
  return `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${TIMELINE_LABELS[language].page.error}</title></head><body><p>${escapeHtml(message)}</p></body></html>`;
}

/**
 * The timeline pages as server-rendered HTML:
 *   GET /timeline/customers/:id   one customer's journey
 *   GET /timeline/leads[?dealer=<id>]   open leads with due callbacks and escalation
 * in German, or English with ?lang=en.
 * Self-contained: the API registers it (with its own authentication in front).
 */
export async function registerTimelineRoutes(app: FastifyInstance, deps: TimelineDeps): Promise<void> {
  app.get<{ Params: { id: string } }>('/timeline/customers/:id', async (request, reply) => {
    reply.type('text/html; charset=utf-8');
    const language = pageLanguage(request.query);
    if (!uuid.safeParse(request.params.id).success)
      return reply.code(400).send(errorPage(language, TIMELINE_LABELS[language].page.badCustomerId));
    const data = await loadCustomerTimeline(deps, request.params.id);
    if (!data) return reply.code(404).send(errorPage(language, TIMELINE_LABELS[language].page.notFound));
    return reply.send(renderCustomerTimeline(data, language));
  });

  app.get<{ Querystring: { dealer?: string } }>('/timeline/leads', async (request, reply) => {
    reply.type('text/html; charset=utf-8');
    const language = pageLanguage(request.query);
    const dealer = request.query.dealer;
    if (dealer !== undefined && !uuid.safeParse(dealer).success)
      return reply.code(400).send(errorPage(language, TIMELINE_LABELS[language].page.badDealerId));
    return reply.send(renderOpenLeads(await loadOpenLeads(deps, dealer), language));
  });
}
