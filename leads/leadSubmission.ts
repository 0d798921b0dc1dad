import { freeText } from '../config/freeText';
import { z } from 'zod';
import { LEAD_KINDS, slaPolicyOverrideSchema } from './slaPolicy';

/**
 * A lead as it arrives: web form (test drive, price/offer, trade-in, service), a phone note taken
 * by staff, or a lead the manufacturer forwarded. Validated with errors naming the field.
 */

/** Where leads come from; other portals ("mobile.de", "autoscout24") are allowed as free text. */
export const LEAD_SOURCES = ['website', 'phone', 'manufacturer', 'reactivation'] as const;

const instant = z.iso.datetime({ offset: true, message: 'must be an ISO-8601 instant with offset, e.g. 2027-03-02T10:00:00+01:00' });

export const leadSubmissionSchema = z.strictObject({
  /** Our id for the lead; the follow-up workflow id derives from it, so re-submitting it changes nothing. */
  leadId: z.uuid({ message: 'must be a UUID' }).optional(),
  dealerId: z.uuid({ message: 'must be a UUID' }),
  locationId: z.uuid({ message: 'must be a UUID' }).optional(),
  kind: z.enum(LEAD_KINDS, { message: `must be one of ${LEAD_KINDS.join(', ')}` }),
  source: z.string().trim().min(1, { message: 'must not be empty (e.g. website, phone, manufacturer)' }).max(100),
  /** The source's own id (form submission id, manufacturer lead number): a re-delivery is recognised by it. */
  externalId: z.string().trim().min(1).max(200).optional(),
  customer: z
    .strictObject({
      salutation: z.enum(['mr', 'ms', 'mx', 'none']).optional(),
      firstName: z.string().trim().min(1).max(100).optional(),
      lastName: z.string().trim().min(1, { message: 'is required' }).max(100),
      email: z.email({ message: 'must be an email address' }).optional(),
      phone: z
        .string()
        .trim()
        .regex(/^[+\d][\d ()/-]{4,30}$/, { message: 'must be a phone number such as +49 170 1234567' })
        .optional(),
    })
    .refine((c) => c.email !== undefined || c.phone !== undefined, { message: 'needs an email address or a phone number to call back' })
    .describe('Cross-field rule: give `email`, `phone` or both (400 naming `customer` otherwise)'),
  message: freeText(z.string().trim().max(5000)).optional(),
  vehicleOfInterest: z.string().trim().max(200).optional(),
  vehicleId: z.uuid().optional(),
  /** When the customer sent it; defaults to now. */
  receivedAt: instant.optional(),
  /** Staff member who took a phone note. */
  takenById: z.uuid().optional(),
});

export type LeadSubmission = z.input<typeof leadSubmissionSchema>;
export type ValidLeadSubmission = z.output<typeof leadSubmissionSchema>;

export function parseLeadSubmission(input: unknown): ValidLeadSubmission {
  const parsed = leadSubmissionSchema.safeParse(input);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : 'lead'}: ${i.message}`);
    throw new LeadSubmissionError(problems);
  }
  return parsed.data;
}

export class LeadSubmissionError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid lead: ${problems.join('; ')}`);
    this.name = 'LeadSubmissionError';
  }
}

export { slaPolicyOverrideSchema };
