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

/** What the error handler can answer on every API-key route: validation (400), no/bad key (401/403), not found (404), a fault (500). */
export const errorResponses = {
  400: problemSchema.describe('Invalid request: the message and `issues` name the field'),
  401: problemSchema.describe('No API key'),
  403: problemSchema.describe('API key unknown or revoked'),
  404: problemSchema.describe('Not found'),
  431: problemSchema.describe('URL or headers too long (answered by the HTTP server before any route)'),
  500: problemSchema.describe('Internal error: nothing was applied, retry later'),
};

/** …and on routes that take a body: a conflict with an existing record (409), too large (413), not JSON (415). */
export const bodyErrorResponses = {
  ...errorResponses,
  409: problemSchema.describe('Conflicts with an existing record (the message names the field)'),
  413: problemSchema.describe('Body larger than the limit'),
  415: problemSchema.describe('Content-Type is not application/json'),
};
