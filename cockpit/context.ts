import type { Client } from '@temporalio/client';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Settings } from '../config/settings';
import type { CockpitSession, CockpitUser, Dealer, PrismaClient } from '../db/generated/client';
import type { Translator } from './i18n';
import { cockpitPage, type NavItem } from './layout';
import type { SafeHtml } from '../timeline/html';

export type CockpitDeps = {
  prisma: PrismaClient;
  client: Client;
  taskQueue: string;
  settings: Settings;
  now?: () => Date;
};

/** What every logged-in cockpit request carries (set by the session check in routes.ts). */
export type CockpitRequestContext = { user: CockpitUser; session: CockpitSession; dealer: Dealer; tr: Translator; now: Date };

declare module 'fastify' {
  interface FastifyRequest {
    cockpit?: CockpitRequestContext;
  }
  interface FastifyContextConfig {
    /** Cockpit route reachable without a session (login, stylesheet). */
    cockpitPublic?: boolean;
  }
}

export function contextOf(request: FastifyRequest): CockpitRequestContext {
  if (!request.cockpit) throw new Error('cockpit route without a session check');
  return request.cockpit;
}

/** Sends a logged-in page. */
export function sendPage(
  request: FastifyRequest,
  reply: FastifyReply,
  page: { title: string; active?: NavItem; body: SafeHtml; refreshSeconds?: number; status?: number },
) {
  const ctx = contextOf(request);
  return reply
    .code(page.status ?? 200)
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(
      cockpitPage({
        tr: ctx.tr,
        title: page.title,
        user: ctx.user,
        csrfToken: ctx.session.csrfToken,
        active: page.active,
        dealerName: ctx.dealer.name,
        refreshSeconds: page.refreshSeconds,
        body: page.body,
      }),
    );
}
