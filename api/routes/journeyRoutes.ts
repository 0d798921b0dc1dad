import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { skipReasonFor } from '../../activities/delivery/eligibility';
import { queryCustomerJourney } from '../../lifecycle/client';
import { dealerIdFor } from '../auth';
import { findCustomer } from '../customers/findCustomer';
import type { ApiDeps } from '../deps';
import { customerIdParams, errorResponses } from '../schemas/common';

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const nullableString = z.string().nullable();

const journeyResponse = z.object({
  profile: z.object({
    id: z.string(),
    externalId: nullableString,
    salutation: z.string(),
    title: nullableString,
    firstName: nullableString,
    lastName: z.string(),
    companyName: nullableString,
    email: nullableString,
    phone: nullableString,
    language: z.string(),
    location: nullableString,
    assignedSalesperson: nullableString,
    tags: z.array(z.string()),
    erasedAt: nullableString,
  }),
  consent: z.object({
    basis: z.string(),
    givenAt: nullableString,
    confirmedAt: nullableString,
    source: nullableString,
    wording: nullableString,
    existingCustomerSince: nullableString,
    objectedAt: nullableString,
    suppressions: z.array(z.string()),
    marketing: z.object({
      consentCampaigns: z.boolean().describe('May receive campaigns that need express consent'),
      existingCustomerCampaigns: z.boolean().describe('May receive campaigns allowed under §7(3) UWG'),
      reason: nullableString.describe('Why not, when not'),
    }),
  }),
  vehicles: z.array(z.record(z.string(), z.unknown())),
  touchpoints: z.array(
    z.object({
      id: z.string(),
      occurredAt: z.string(),
      kind: z.string(),
      channel: z.string(),
      direction: z.string(),
      summary: z.string(),
      staff: nullableString,
      leadId: nullableString,
    }),
  ),
  messages: z.array(
    z.object({
      id: z.string(),
      templateId: z.string(),
      campaignId: nullableString,
      category: z.string(),
      status: z.string(),
      skipReason: nullableString,
      subject: nullableString,
      queuedAt: z.string(),
      sentAt: nullableString,
    }),
  ),
  enrollments: z.array(
    z.object({
      id: z.string(),
      campaignId: z.string(),
      campaignVersion: z.number(),
      status: z.string(),
      holdout: z.boolean(),
      enteredAt: z.string(),
      exitedAt: nullableString,
      exitReason: nullableString,
    }),
  ),
  lifecycle: z
    .record(z.string(), z.unknown())
    .nullable()
    .describe("The lifecycle workflow's state and upcoming scheduled touchpoints; null when the customer has no running lifecycle"),
});

/** Everything a customer journey manager needs on one screen: past, present and what is scheduled. */
export function journeyRoutes(deps: ApiDeps): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/customers/:id/journey',
      {
        schema: {
          summary: "A customer's journey: profile, consent, vehicles, past touchpoints and messages, upcoming touchpoints",
          tags: ['customers'],
          params: customerIdParams,
          response: { 200: journeyResponse, ...errorResponses },
        },
      },
      async (request) => {
        const dealerId = await dealerIdFor(deps.prisma, request);
        const { id } = await findCustomer(deps.prisma, dealerId, request.params.id);
        const customer = await deps.prisma.customer.findUniqueOrThrow({
          where: { id },
          include: {
            location: true,
            assignedSalesperson: true,
            vehicles: { orderBy: { createdAt: 'asc' } },
            touchpoints: { orderBy: { occurredAt: 'desc' }, take: 200, include: { staff: true } },
            messages: { orderBy: { queuedAt: 'desc' }, take: 100 },
            campaignEnrollments: { orderBy: { enteredAt: 'desc' }, take: 100 },
          },
        });
        const suppressions = customer.email
          ? await deps.prisma.suppression.findMany({ where: { email: customer.email.toLowerCase() } })
          : [];
        const facts = { ...customer, suppressions: suppressions.map((s) => s.reason) };
        const reason = skipReasonFor(facts, 'existing_customer') ?? skipReasonFor(facts, 'consent') ?? null;
        const lifecycle = await queryCustomerJourney(deps.client, id).catch((error: unknown) => {
          request.log.debug({ err: error, customerId: id }, 'no lifecycle to query');
          return null;
        });
        return {
          profile: {
            id,
            externalId: customer.externalDmsId,
            salutation: customer.salutation,
            title: customer.title,
            firstName: customer.firstName,
            lastName: customer.lastName,
            companyName: customer.companyName,
            email: customer.email,
            phone: customer.phone,
            language: customer.language,
            location: customer.location?.name ?? null,
            assignedSalesperson: customer.assignedSalesperson
              ? `${customer.assignedSalesperson.firstName} ${customer.assignedSalesperson.lastName}`
              : null,
            tags: customer.tags,
            erasedAt: iso(customer.erasedAt),
          },
          consent: {
            basis: customer.emailConsentBasis,
            givenAt: iso(customer.consentGivenAt),
            confirmedAt: iso(customer.consentConfirmedAt),
            source: customer.consentSource,
            wording: customer.consentWording,
            existingCustomerSince: iso(customer.existingCustomerSince),
            objectedAt: iso(customer.objectedAt),
            suppressions: facts.suppressions,
            marketing: {
              consentCampaigns: skipReasonFor(facts, 'consent') === undefined,
              existingCustomerCampaigns: skipReasonFor(facts, 'existing_customer') === undefined,
              reason,
            },
          },
          vehicles: customer.vehicles.map((v) => ({
            id: v.id,
            vin: v.vin,
            make: v.make,
            model: v.model,
            licensePlate: v.licensePlate,
            firstRegistrationAt: day(v.firstRegistrationAt),
            deliveredAt: day(v.deliveredAt),
            lastServiceAt: day(v.lastServiceAt),
            lastHuAt: day(v.lastHuAt),
            financingKind: v.financingKind,
            financingEndAt: day(v.financingEndAt),
            soldAt: day(v.soldAt),
          })),
          touchpoints: customer.touchpoints.map((t) => ({
            id: t.id,
            occurredAt: t.occurredAt.toISOString(),
            kind: t.kind,
            channel: t.channel,
            direction: t.direction,
            summary: t.summary,
            staff: t.staff ? `${t.staff.firstName} ${t.staff.lastName}` : null,
            leadId: t.leadId,
          })),
          messages: customer.messages.map((m) => ({
            id: m.id,
            templateId: m.templateId,
            campaignId: m.campaignId,
            category: m.category,
            status: m.status,
            skipReason: m.skipReason,
            subject: m.subject,
            queuedAt: m.queuedAt.toISOString(),
            sentAt: iso(m.sentAt),
          })),
          enrollments: customer.campaignEnrollments.map((e) => ({
            id: e.id,
            campaignId: e.campaignId,
            campaignVersion: e.campaignVersion,
            status: e.status,
            holdout: e.holdout,
            enteredAt: e.enteredAt.toISOString(),
            exitedAt: iso(e.exitedAt),
            exitReason: e.exitReason,
          })),
          lifecycle: lifecycle as Record<string, unknown> | null,
        };
      },
    );
  };
}
