import type { z } from 'zod';

/**
 * Parses `input` with `schema`, or throws one Error that names every bad field and its problem:
 * `Invalid opening hours: mon.0.from: must be a time HH:mm …; sat: Saturday: 09:00–13:00 and 12:00–14:00 overlap`.
 */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues
    .map((issue) => (issue.path.length ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message))
    .join('; ');
  throw new Error(`Invalid ${what}: ${problems}`);
}
