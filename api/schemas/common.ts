import { z } from 'zod';

/** Shared field schemas: every string has a sane maximum, every date a clear format. */
export const shortText = (max = 200) =>
  z
    .string()
    .trim()
    .min(1, { message: 'must not be empty' })
    .max(max, { message: `at most ${max} characters` });
export const instant = z.iso.datetime({
  offset: true,
  message: 'must be an ISO 8601 date-time with offset, e.g. 2026-11-22T10:15:00+01:00',
});
export const day = z.iso.date({ message: 'must be a date yyyy-MM-dd' });
export const email = z.email({ message: 'must be a valid email address' }).max(254);
export const uuid = z.uuid({ message: 'must be a UUID' });

export const customerIdParams = z.object({ id: uuid.describe('Stammkunde customer id (from PUT /customers/:externalId)') });

export const problemSchema = z
  .object({
    statusCode: z.number().int(),
    error: z.string(),
    message: z.string().describe('What was wrong, naming the field'),
    issues: z.array(z.object({ path: z.string(), in: z.string().optional(), message: z.string() })).optional(),
  })
  .describe('Error response');

export const errorResponses = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
};
