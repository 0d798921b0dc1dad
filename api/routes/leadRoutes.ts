import { WorkflowNotFoundError } from '@temporalio/client';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { callbackOutcomeSchema, LeadNotFoundError, logCallbackOutcome } from '../../leads/callbackOutcome';
import { IdempotencyKeyReusedError, submitLead } from '../../leads/intake';
import { leadSubmissionSchema, LeadSubmissionError } from '../../leads/leadSubmission';
import { queryLeadState } from '../../leads/leadFollowUpClient';
import { dealerIdFor } from '../auth';
import type { ApiDeps } from '../deps';
import { ApiProblem, badRequest, notFound } from '../problems';
import { bodyErrorResponses, errorResponses, problemSchema, uuid } from '../schemas/common';

const tags = ['leads'];
const leadParams = z.object({ id: uuid.describe('Lead id') });
const leadBody = leadSubmissionSchema
  .omit({ dealerId: true })
  .describe('A lead from the website, a portal, the manufacturer or a phone note');
const outcomeBody = callbackOutcomeSchema.omit({ leadId: true }).describe('What came of a callback');
const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function leadRoutes(deps: ApiDeps): FastifyPluginAsyncZod {
  const leadDeps = {
    client: deps.client,
    prisma: deps.prisma,
    taskQueue: deps.taskQueue,
    clock: deps.now,
    repeatWindowMinutes: deps.settings.LEAD_REPEAT_WINDOW_MINUTES,
  };
  const intakeResult = z.object({
    leadId: z.string(),
    customerId: z.string(),
    duplicate: z.boolean(),
    duplicateOf: z
      .enum(['lead_id', 'external_id', 'idempotency_key', 'repeat_submission'])
      .optional()
      .describe('Why this request was recognised as a lead already taken in'),
  });
  const intakeHeaders = z.object({
    'idempotency-key': z
      .string()
      .trim()
      .min(1, { message: 'must not be empty' })
      .max(200, { message: 'at most 200 characters' })
      .regex(/^[\x21-\x7e]+$/, { message: 'must be visible ASCII characters' })
      .optional()
      .describe(
        'Makes a retried request count once: the same key answers with the lead it created (a different request under the same key is refused with 422)',
      ),
  });

  async function findLead(dealerId: string, id: string) {
    const lead = await deps.prisma.lead.findFirst({
      where: { id, dealerId },
      include: { callbackTasks: { orderBy: { createdAt: 'asc' } }, assignedTo: true },
    });
    if (!lead) throw notFound(`lead ${id} not found`);
    return lead;
  }

  /** Ids that must name one of this dealer's records (a database foreign key would accept another dealer's, or fail late). */
  const finders = {
    location: (id: string, dealerId: string) => deps.prisma.location.findFirst({ where: { id, dealerId }, select: { id: true } }),
    vehicle: (id: string, dealerId: string) => deps.prisma.vehicle.findFirst({ where: { id, dealerId }, select: { id: true } }),
    'staff member': (id: string, dealerId: string) => deps.prisma.staff.findFirst({ where: { id, dealerId }, select: { id: true } }),
  };
  async function assertOwnRecords(dealerId: string, refs: Array<[field: string, what: keyof typeof finders, id: string | undefined]>) {
    for (const [field, what, id] of refs) {
      if (id && !(await finders[what](id, dealerId))) throw badRequest(field, `no ${what} ${id} at this dealer`);
    }
  }

  return async (app) => {
    app.post(
      '/leads',
      {
        schema: {
          summary: 'Submit a lead: records it, matches or creates the customer and starts the callback follow-up',
          description:
            'One request is one lead: the same leadId, externalId or Idempotency-Key again, or the same person (email or phone) asking for the same kind of lead about the same vehicle within the repeat window (LEAD_REPEAT_WINDOW_MINUTES, default 30), answers 200 with the existing lead and `duplicate: true`; the repeat is recorded on its timeline.',
          tags,
          headers: intakeHeaders,
          body: leadBody,
          response: {
            200: intakeResult.describe('A repeat of a lead already taken in'),
            201: intakeResult.describe('A new lead'),
            ...bodyErrorResponses,
            422: problemSchema,
          },
        },
      },
      async (request, reply) => {
        const dealerId = await dealerIdFor(deps.prisma, request);
        await assertOwnRecords(dealerId, [
          ['locationId', 'location', request.body.locationId],
          ['vehicleId', 'vehicle', request.body.vehicleId],
          ['takenById', 'staff member', request.body.takenById],
        ]);
        try {
          const result = await submitLead(leadDeps, { ...request.body, dealerId }, { idempotencyKey: request.headers['idempotency-key'] });
          return reply.code(result.duplicate ? 200 : 201).send(result);
        } catch (error) {
          if (error instanceof LeadSubmissionError)
            throw new ApiProblem(
              400,
              error.message,
              error.problems.map((p) => ({ path: p.split(':')[0], message: p })),
            );
          if (error instanceof IdempotencyKeyReusedError)
            throw new ApiProblem(422, error.message, [{ path: 'Idempotency-Key', message: 'was already used for a different request' }]);
          throw error;
        }
      },
    );

    app.post(
      '/leads/:id/callback-outcomes',
      {
        schema: {
          summary: 'Log what came of a callback (stops or re-schedules the escalation)',
          description:
            "The running follow-up validates the outcome and answers what it did (202). A lead whose follow-up is already over refuses it (409): the outcome is then kept as a note in the customer's history, and the answer says why it was not taken. An unknown lead is 404.",
          tags,
          params: leadParams,
          body: outcomeBody,
          response: {
            ...errorResponses,
            202: z.object({
              leadId: z.string(),
              outcome: z.string(),
              accepted: z.literal(true).describe('The running follow-up took the outcome'),
              result: z.enum(['completed', 'retry', 'unreachable', 'late']),
              retryAt: z.string().optional().describe("When the next call attempt is due (after 'no_answer')"),
            }),
            ...bodyErrorResponses,
            409: problemSchema
              .extend({
                leadId: z.string(),
                outcome: z.string(),
                accepted: z.literal(false),
                result: z.literal('recorded_late').describe("Kept as a note in the customer's history"),
                reason: z.string().describe('Why the follow-up did not accept it'),
              })
              .describe('The follow-up had already closed: not taken as an outcome, kept as a note'),
          },
        },
      },
      async (request, reply) => {
        const dealerId = await dealerIdFor(deps.prisma, request);
        await findLead(dealerId, request.params.id);
        await assertOwnRecords(dealerId, [['staffId', 'staff member', request.body.staffId]]);
        let logged;
        try {
          logged = await logCallbackOutcome(leadDeps, { ...request.body, leadId: request.params.id });
        } catch (error) {
          if (error instanceof LeadNotFoundError) throw notFound(error.message);
          throw error;
        }
        const about = { leadId: request.params.id, outcome: request.body.outcome };
        if (!logged.accepted) {
          return reply.code(409).send({
            statusCode: 409,
            error: 'Conflict',
            message: `lead ${request.params.id}: the outcome was not accepted (${logged.reason}); it is kept as a note in the customer's history`,
            ...about,
            accepted: false,
            result: logged.result,
            reason: logged.reason,
          });
        }
        return reply.code(202).send({
          ...about,
          accepted: true,
          result: logged.result,
          ...(logged.retryAt ? { retryAt: logged.retryAt } : {}),
        });
      },
    );

    app.get(
      '/leads/:id',
      {
        schema: {
          summary: "A lead, its callback tasks and its follow-up workflow's state",
          tags,
          params: leadParams,
          response: {
            200: z.object({
              lead: z.object({
                id: z.string(),
                kind: z.string(),
                status: z.string(),
                source: z.string(),
                externalId: z.string().nullable(),
                customerId: z.string().nullable(),
                locationId: z.string().nullable(),
                assignedTo: z.object({ id: z.string(), name: z.string() }).nullable(),
                vehicleOfInterest: z.string().nullable(),
                receivedAt: z.string(),
                firstContactAt: z.string().nullable(),
                attention: z
                  .string()
                  .nullable()
                  .describe(
                    'Why the dealer must look at this lead: nobody_reachable (nobody on the escalation ladder at work and no escalation mailbox) or follow_up_failed',
                  ),
              }),
              callbackTasks: z.array(
                z.object({
                  id: z.string(),
                  assigneeId: z.string().nullable(),
                  dueAt: z.string(),
                  status: z.string(),
                  attempts: z.number(),
                  outcome: z.string().nullable(),
                  escalationLevel: z.number(),
                  completedAt: z.string().nullable(),
                }),
              ),
              followUp: z
                .record(z.string(), z.unknown())
                .nullable()
                .describe('State of the follow-up workflow; null when it has none (or Temporal is unreachable)'),
            }),
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const dealerId = await dealerIdFor(deps.prisma, request);
        const lead = await findLead(dealerId, request.params.id);
        const followUp = await queryLeadState(deps.client, lead.id).catch((error: unknown) => {
          if (!(error instanceof WorkflowNotFoundError)) request.log.warn({ err: error, leadId: lead.id }, 'lead follow-up query failed');
          return null;
        });
        return {
          lead: {
            id: lead.id,
            kind: lead.kind,
            status: lead.status,
            source: lead.source,
            externalId: lead.externalId,
            customerId: lead.customerId,
            locationId: lead.locationId,
            assignedTo: lead.assignedTo
              ? { id: lead.assignedTo.id, name: `${lead.assignedTo.firstName} ${lead.assignedTo.lastName}` }
              : null,
            vehicleOfInterest: lead.vehicleOfInterest,
            receivedAt: lead.receivedAt.toISOString(),
            firstContactAt: iso(lead.firstContactAt),
            attention: lead.attention,
          },
          callbackTasks: lead.callbackTasks.map((t) => ({
            id: t.id,
            assigneeId: t.assigneeId,
            dueAt: t.dueAt.toISOString(),
            status: t.status,
            attempts: t.attempts,
            outcome: t.outcome,
            escalationLevel: t.escalationLevel,
            completedAt: iso(t.completedAt),
          })),
          followUp: followUp as Record<string, unknown> | null,
        };
      },
    );
  };
}
