import { freeText } from '../config/freeText';
import { z } from 'zod';

/**
 * Everything that can happen to a customer, as it arrives at the lifecycle (one signal per event).
 * Every event carries its own id (a re-delivered event is ignored) and the instant it happened.
 * Dates of the physical world (delivery, service, HU) are local calendar dates yyyy-MM-dd.
 */
const eventId = z.string().min(1, { message: 'eventId must not be empty' }).max(200);
const occurredAt = z.iso.datetime({
  offset: true,
  message: 'occurredAt must be an ISO-8601 instant with offset, e.g. 2027-03-30T08:45:00Z',
});
const localDate = z.iso.date({ message: 'must be a calendar date yyyy-MM-dd' });
const id = z.uuid({ message: 'must be a UUID' });
const km = z.number().int().nonnegative();

const event = <T extends string, S extends z.ZodRawShape>(type: T, shape: S) =>
  z.object({ type: z.literal(type), eventId, occurredAt, ...shape }).strict();

export const customerEventSchema = z.discriminatedUnion('type', [
  event('vehicle_delivered', {
    vehicleId: id,
    deliveredOn: localDate,
    condition: z.enum(['new', 'used']),
    /** Erstzulassung; a new car's is the delivery date unless given. */
    firstRegistration: localDate.optional(),
    mileageKm: km.optional(),
    lastServiceDate: localDate.optional(),
    lastServiceMileageKm: km.optional(),
    lastHuDate: localDate.optional(),
    financing: z
      .object({ kind: z.enum(['loan', 'balloon_loan', 'lease']), endDate: localDate })
      .strict()
      .optional(),
  }),
  event('service_visit_done', {
    vehicleId: id,
    visitedOn: localDate,
    mileageKm: km.optional(),
    huDone: z.boolean().default(false),
    summary: freeText(z.string().max(2000)).optional(),
  }),
  event('hu_done', { vehicleId: id, doneOn: localDate }),
  event('interaction_recorded', {
    channel: z.enum(['phone', 'email', 'visit', 'web', 'letter']),
    direction: z.enum(['inbound', 'outbound']),
    staffId: id.optional(),
    summary: freeText(z.string().min(1).max(2000)),
  }),
  event('consent_given', { source: z.string().min(1).max(200), wording: freeText(z.string().min(1).max(2000)) }),
  event('consent_confirmed', {}),
  event('objection', { note: freeText(z.string().max(500)).optional() }),
  event('customer_data_changed', {
    changes: z
      .object({
        salutation: z.enum(['mr', 'ms', 'mx', 'none']).optional(),
        firstName: z.string().min(1).nullable().optional(),
        lastName: z.string().min(1).optional(),
        email: z.email().nullable().optional(),
        phone: z.string().min(1).nullable().optional(),
        language: z.enum(['de', 'en']).optional(),
        assignedSalespersonId: id.nullable().optional(),
      })
      .strict(),
  }),
  event('vehicle_sold', { vehicleId: id, reason: z.enum(['sold', 'deregistered']), on: localDate }),
  event('erasure_requested', {}),
  /** Reactions to our emails (from the inbox / link tracking). */
  event('email_replied', { messageId: z.string().max(200).optional() }),
  event('email_clicked', { messageId: z.string().max(200).optional() }),
  /** A lead for this customer came in through lead intake (it already has its own follow-up). */
  event('lead_submitted', { leadId: id }),
]);

export type CustomerEvent = z.output<typeof customerEventSchema>;
export type CustomerEventInput = z.input<typeof customerEventSchema>;
export type CustomerEventType = CustomerEvent['type'];

/** Parses an event, or throws one error naming each bad field. */
export function parseCustomerEvent(candidate: unknown): CustomerEvent {
  const parsed = customerEventSchema.safeParse(candidate);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(event)'}: ${issue.message}`);
  throw new Error(`Invalid customer event: ${problems.join('; ')}`);
}
