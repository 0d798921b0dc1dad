import type { ActivityOptions, LocalActivityOptions } from '@temporalio/workflow';

/**
 * The one place where activity retry policies are chosen (every workflow's proxyActivities uses these).
 *
 * - Configuration and validation errors never heal by retrying: activities throw
 *   `ApplicationFailure.nonRetryable` (see activities/shared/failures.ts) naming entity and field, and the
 *   error types below are never retried either.
 * - Transient trouble (database, SMTP relay) backs off exponentially up to a ceiling interval, and gives
 *   up after a bounded number of attempts. The workflow then records the failure where the dealer sees it
 *   (the lead workflow: timeline, open-leads page, operator task), and the Web UI shows the cause.
 */

/** Error types (the `name` of a thrown Error, or an ApplicationFailure's type) that no retry can fix. */
export const NON_RETRYABLE_ERROR_TYPES = [
  'ConfigurationError',
  'ValidationError',
  'TemplateVariablesError',
  'UnknownTemplateError',
  'ZodError',
  'PrismaClientValidationError',
];

/** Database reads and writes: seconds-long blips and restarts heal; 12 attempts span about an hour. */
export const DATABASE_ACTIVITY: ActivityOptions = {
  startToCloseTimeout: '2 minutes',
  retry: {
    initialInterval: '5 seconds',
    backoffCoefficient: 2,
    maximumInterval: '10 minutes',
    maximumAttempts: 12,
    nonRetryableErrorTypes: NON_RETRYABLE_ERROR_TYPES,
  },
};

/**
 * The same database steps run as local activities (in the worker that runs the workflow task, recorded as one
 * marker): no task queue round trip through the server, no extra workflow task. Same retries as above; a backoff
 * longer than a minute becomes a durable timer, so a database down for an hour holds no workflow task open.
 */
export const LOCAL_DATABASE_ACTIVITY: LocalActivityOptions = {
  startToCloseTimeout: '1 minute',
  retry: DATABASE_ACTIVITY.retry,
  localRetryThreshold: '1 minute',
};

/**
 * One email through the outbox and SMTP (staff, transactional or campaign): an SMTP relay may be down
 * for hours; 24 attempts with a 15-minute ceiling span about 4.5 hours.
 */
export const MAIL_ACTIVITY: ActivityOptions = {
  startToCloseTimeout: '2 minutes',
  retry: {
    initialInterval: '10 seconds',
    backoffCoefficient: 2,
    maximumInterval: '15 minutes',
    maximumAttempts: 24,
    nonRetryableErrorTypes: NON_RETRYABLE_ERROR_TYPES,
  },
};

/**
 * A staff email on the lead ladder: the ladder waits for it, so it gives up sooner (12 attempts, a 5-minute
 * ceiling: about 35 minutes); the failure is recorded and the next rung goes to someone else.
 */
export const STAFF_MAIL_ACTIVITY: ActivityOptions = {
  startToCloseTimeout: '2 minutes',
  retry: {
    initialInterval: '10 seconds',
    backoffCoefficient: 2,
    maximumInterval: '5 minutes',
    maximumAttempts: 12,
    nonRetryableErrorTypes: NON_RETRYABLE_ERROR_TYPES,
  },
};

/** A long batch that heartbeats (newsletter waves): a dead worker's batch moves on after 20 s. */
export const BATCH_ACTIVITY: ActivityOptions = {
  startToCloseTimeout: '30 minutes',
  heartbeatTimeout: '20 seconds',
  retry: {
    initialInterval: '2 seconds',
    backoffCoefficient: 2,
    maximumInterval: '5 minutes',
    maximumAttempts: 30,
    nonRetryableErrorTypes: NON_RETRYABLE_ERROR_TYPES,
  },
};

/** Recording that a step gave up must itself outlast the trouble that made it give up. */
export const FAILURE_RECORDING_ACTIVITY: ActivityOptions = {
  startToCloseTimeout: '1 minute',
  retry: {
    initialInterval: '10 seconds',
    backoffCoefficient: 2,
    maximumInterval: '30 minutes',
    maximumAttempts: 100,
    nonRetryableErrorTypes: NON_RETRYABLE_ERROR_TYPES,
  },
};
