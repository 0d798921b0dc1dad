import {
  ActivityFailure,
  isCancellation,
  proxyLocalActivities,
  TemporalFailure,
  type ActivityInterfaceFor,
  type LocalActivityOptions,
} from '@temporalio/workflow';

/**
 * Local activities whose failures look like an ordinary activity's: an `ActivityFailure` naming the activity, with
 * the activity's own error as its cause. Temporal's core hands a local activity's failure to the workflow unwrapped
 * (the bare ApplicationFailure or TimeoutFailure), so code that records a give-up for the dealer (which activity,
 * which cause) would otherwise not recognise it and let the workflow fail instead.
 */
export function proxyLocalActivitiesAsActivities<A extends object>(options: LocalActivityOptions): ActivityInterfaceFor<A> {
  const local = proxyLocalActivities<A>(options);
  return new Proxy(local as ActivityInterfaceFor<A>, {
    get(target, name, receiver) {
      const call = Reflect.get(target, name, receiver) as (...args: unknown[]) => Promise<unknown>;
      if (typeof name !== 'string') return call;
      return async (...args: unknown[]) => {
        try {
          return await call(...args);
        } catch (error) {
          if (!(error instanceof TemporalFailure) || error instanceof ActivityFailure || isCancellation(error)) throw error;
          // The retry state is not handed on for a local activity either: left unspecified.
          throw new ActivityFailure(`Local activity ${name} failed`, name, undefined, undefined, undefined, error);
        }
      };
    },
  });
}
