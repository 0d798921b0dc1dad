import { ApplicationFailure } from '@temporalio/common';

/**
 * Errors that no retry can fix, thrown by activities as `ApplicationFailure.nonRetryable`: the message
 * names the entity and the field, so the Temporal Web UI, the lead's timeline and the operator's task
 * say exactly what to correct. Only ids go into the details (they land in Temporal's history).
 */
export function configurationError(entity: string, field: string, problem: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(`${entity}: ${field} ${problem}`, 'ConfigurationError', { entity, field });
}

export function missingRecordError(entity: string, field: string): ApplicationFailure {
  return ApplicationFailure.nonRetryable(`${entity} does not exist (${field})`, 'ConfigurationError', { entity, field });
}
