import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { escapeHtml } from '../templates/escape';
import { loadCustomerTimeline, loadOpenLeads, type TimelineDeps } from './loadTimeline';
import { renderCustomerTimeline } from './renderCustomerTimeline';
import { renderOpenLeads } from './renderOpenLeads';

const uuid = z.string().uuid();

function errorPage(message: string): string {
  return `<!doctype html><html lang="de"><head><meta charset="utf-8"><title>Fehler</title></head><body><p>${escapeHtml(message)}</p></body></html>`;
}

/**
 * The timeline pages as server-rendered HTML:
 *   GET /timeline/customers/:id   one customer's journey
 *   GET /timeline/leads[?dealer=<id>]   open leads with due callbacks and escalation
 * Self-contained: the API registers it (with its own authentication in front).
 */
export async function registerTimelineRoutes(app: FastifyInstance, deps: TimelineDeps): Promise<void> {
  app.get<{ Params: { id: string } }>('/timeline/customers/:id', async (request, reply) => {
    reply.type('text/html; charset=utf-8');
    if (!uuid.safeParse(request.params.id).success) return reply.code(400).send(errorPage('Kunden-ID: keine gültige UUID'));
    const data = await loadCustomerTimeline(deps, request.params.id);
    if (!data) return reply.code(404).send(errorPage('Kunde nicht gefunden'));
    return reply.send(renderCustomerTimeline(data));
  });

  app.get<{ Querystring: { dealer?: string } }>('/timeline/leads', async (request, reply) => {
    reply.type('text/html; charset=utf-8');
    const dealer = request.query.dealer;
    if (dealer !== undefined && !uuid.safeParse(dealer).success) return reply.code(400).send(errorPage('dealer: keine gültige UUID'));
    return reply.send(renderOpenLeads(await loadOpenLeads(deps, dealer)));
  });
}
