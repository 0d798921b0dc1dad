import { ApplicationFailure, type ActivityFailure } from '@temporalio/workflow';

/** What an activity that gave up says, for the dealer's record: its message (entity and field) and failure type. */
export function causeOf(error: ActivityFailure): { cause: string; causeType?: string } {
  const failure = error.cause instanceof ApplicationFailure ? error.cause : undefined;
  return { cause: failure?.message ?? error.cause?.message ?? error.message, causeType: failure?.type ?? undefined };
}
