import crypto from 'node:crypto';
import type { Client } from '@temporalio/client';
import { shippedTemplates } from '../../campaigns/catalogue';
import { defineCampaign, send } from '../../campaigns/dsl';
import { validateCampaign } from '../../campaigns/dsl/validate';
import { startEnrollment } from '../../campaigns/startEnrollment';
import type { PrismaClient } from '../../db/generated/client';
import { badRequest, ApiProblem } from '../problems';
import { findCustomer } from './findCustomer';

/** A one-step transactional campaign: the confirmation email of the double opt-in (no advertising in it). */
export const doubleOptInCampaign = validateCampaign(
  defineCampaign({
    id: 'double-opt-in',
    version: 1,
    name: 'Double-Opt-In-Bestätigung',
    audience: 'Every customer who asks for marketing email, right after the request',
    legalBasis: 'transactional',
    options: { reentry: { mode: 'after_exit' } },
    steps: [send('double-opt-in-confirmation', { name: 'confirmation email' })],
  }),
  shippedTemplates,
);

export type ConsentRequest = { email?: string; source: string; wording: string; givenAt?: string };
export type ConsentRequestResult = { status: 'confirmation_sent' | 'confirmation_pending' | 'already_confirmed'; enrollmentId?: string };

type Deps = { prisma: PrismaClient; client: Client; taskQueue: string };

/**
 * Records the consent request (when, where, which wording) and sends the confirmation email.
 * The legal basis changes only on confirmation (GET /consent/confirm), so an existing-customer
 * basis keeps working meanwhile.
 */
export async function requestDoubleOptIn(
  deps: Deps,
  dealerId: string,
  customerId: string,
  request: ConsentRequest,
  now: Date,
): Promise<ConsentRequestResult> {
  const customer = await findCustomer(deps.prisma, dealerId, customerId);
  if (customer.erasedAt) throw new ApiProblem(409, `customer ${customerId} was erased (Art. 17 DSGVO); record no new consent for it`);
  const email = request.email?.toLowerCase() ?? customer.email;
  if (!email) throw badRequest('email', 'the customer has no email address; send the address to confirm');
  if (customer.emailConsentBasis === 'double_opt_in' && customer.consentConfirmedAt && customer.email === email)
    return { status: 'already_confirmed' };
  await deps.prisma.customer.update({
    where: { id: customer.id },
    data: {
      email,
      consentGivenAt: request.givenAt ? new Date(request.givenAt) : now,
      consentConfirmedAt: null,
      consentSource: request.source,
      consentWording: request.wording,
    },
  });
  const admission = await startEnrollment({
    client: deps.client,
    prisma: deps.prisma,
    taskQueue: deps.taskQueue,
    definition: doubleOptInCampaign,
    customerId: customer.id,
    enrollmentId: crypto.randomUUID(),
    now,
  });
  if ('reason' in admission) return { status: 'confirmation_pending' };
  return { status: 'confirmation_sent', enrollmentId: admission.enrollmentId };
}

export type ConfirmationResult = { status: 'confirmed' | 'already_confirmed' | 'erased' | 'no_request' };

/**
 * The customer clicked the link in the confirmation email: consent by double opt-in is proven.
 * A new express consent supersedes an earlier objection or unsubscribe of the same address.
 */
export async function confirmDoubleOptIn(prisma: PrismaClient, customerId: string, now: Date): Promise<ConfirmationResult> {
  return prisma.$transaction(async (tx) => {
    const customer = await tx.customer.findUnique({ where: { id: customerId } });
    if (!customer || customer.erasedAt) return { status: 'erased' };
    if (!customer.consentGivenAt) return { status: 'no_request' };
    if (customer.emailConsentBasis === 'double_opt_in' && customer.consentConfirmedAt) return { status: 'already_confirmed' };
    await tx.customer.update({
      where: { id: customerId },
      data: { emailConsentBasis: 'double_opt_in', consentConfirmedAt: now, objectedAt: null },
    });
    if (customer.email) await tx.suppression.deleteMany({ where: { email: customer.email.toLowerCase(), reason: 'unsubscribe' } });
    await tx.touchpoint.create({
      data: {
        dealerId: customer.dealerId,
        customerId,
        channel: 'email',
        direction: 'inbound',
        department: 'marketing',
        kind: 'consent.confirmed',
        summary: `Einwilligung per Double-Opt-In bestätigt (${customer.consentSource ?? 'Quelle unbekannt'})`,
        occurredAt: now,
      },
    });
    return { status: 'confirmed' };
  });
}
