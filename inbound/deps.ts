import crypto from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { Settings } from '../config/settings';
import type { PrismaClient } from '../db/generated/client';

/** What the inbound pipeline needs: the database, the Temporal client (for lifecycle events and leads), settings, a clock. */
export type InboundDeps = {
  prisma: PrismaClient;
  client: Client;
  taskQueue: string;
  settings: Pick<Settings, 'MAIL_FROM' | 'MAIL_REPLY_TO' | 'BOUNCE_DOMAIN' | 'LINK_SIGNING_SECRET' | 'SOFT_BOUNCE_LIMIT'>;
  /** The pipeline's clock (tests pass the Temporal test server's time). */
  clock?: () => Date | Promise<Date>;
};

/** What became of one incoming message. */
export type InboundResult = {
  kind: import('../db/generated/client').InboundKind;
  outcome: string;
  reason?: string;
  outboxMessageId?: string;
  customerId?: string;
  leadId?: string;
  dealerId?: string;
  campaignId?: string;
  statusCode?: string;
  addressHash?: string;
};

/** The inbound row's id: a UUID derived from the dedupe key, so a re-delivered message gets the same one. */
export function inboundIdOf(dedupeKey: string): string {
  const hex = crypto.createHash('sha256').update(dedupeKey).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The id every side effect of one incoming message is keyed by (lifecycle events, touchpoints, leads, tasks). */
export const inboundEventId = (inboundId: string) => `inbound-${inboundId}`;

export const addressHashOf = (email: string) => crypto.createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
