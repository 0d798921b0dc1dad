import * as grpc from '@grpc/grpc-js';
import { Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor, type ConnectionOptions } from '@temporalio/client';

/**
 * A Temporal client connection that may be closed while calls are still under way (Ctrl-C while the engine asks its
 * lifecycles what is due, an API request in flight at a deploy). The SDK's retry interceptor retries a failed call
 * from a timer; once the channel is closed, that retry throws "Channel has been shut down" outside any promise, and
 * the process dies with exit 1 in the middle of its stop. Here, close() first waits (bounded) for the calls under
 * way to end, and a retry that still comes after the close fails its call with CANCELLED instead of throwing.
 */
export type TemporalClientConnection = {
  connection: Connection;
  /** Calls started and not yet answered (retries included: one call until its final answer). */
  callsInFlight(): number;
  /** Waits up to `settleMs` for the calls under way, then closes; calls after that fail with CANCELLED. */
  close(settleMs?: number): Promise<void>;
};

const DEFAULT_SETTLE_MS = 10_000;

export async function connectTemporalClient(options: ConnectionOptions): Promise<TemporalClientConnection> {
  const calls = callCounter();
  let closed = false;
  const CLOSED = 'the Temporal client connection was closed';
  // A call begun after the close ends at once, before the retry interceptor sees it.
  const refuseAfterClose: grpc.Interceptor = (callOptions, nextCall) =>
    closed ? failedCall(CLOSED, { asFirstAttempt: false }) : calls.interceptor(callOptions, nextCall);
  // An attempt the retry interceptor makes after the close (or that the channel refuses) fails the way a refused
  // attempt does, so the retry interceptor passes the failure on to the caller.
  const guardAttempts: grpc.Interceptor = (callOptions, nextCall) => {
    if (closed) return failedCall(CLOSED, { asFirstAttempt: true });
    try {
      return new grpc.InterceptingCall(nextCall(callOptions));
    } catch (error) {
      return failedCall((error as Error).message, { asFirstAttempt: true });
    }
  };
  const connection = await Connection.connect({
    ...options,
    // Outermost first: count the whole call, retry as the SDK does by default, and guard what reaches the channel.
    interceptors: [refuseAfterClose, ...(options.interceptors ?? [makeGrpcRetryInterceptor(defaultGrpcRetryOptions())]), guardAttempts],
  });
  return {
    connection,
    callsInFlight: () => calls.inFlight,
    async close(settleMs = DEFAULT_SETTLE_MS) {
      await calls.settled(settleMs);
      closed = true;
      await connection.close();
    },
  };
}

function callCounter() {
  let inFlight = 0;
  let waiting: Array<() => void> = [];
  const interceptor: grpc.Interceptor = (callOptions, nextCall) =>
    new grpc.InterceptingCall(
      nextCall(callOptions),
      new grpc.RequesterBuilder()
        .withStart((metadata, _listener, next) => {
          inFlight += 1;
          next(
            metadata,
            new grpc.ListenerBuilder()
              .withOnReceiveStatus((status, nextStatus) => {
                inFlight -= 1;
                if (inFlight === 0) for (const resolve of waiting.splice(0)) resolve();
                nextStatus(status);
              })
              .build(),
          );
        })
        .build(),
    );
  return {
    interceptor,
    get inFlight() {
      return inFlight;
    },
    settled(timeoutMs: number): Promise<void> {
      if (inFlight === 0) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          waiting = waiting.filter((w) => w !== done);
          resolve();
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          resolve();
        };
        waiting.push(done);
      });
    },
  };
}

/**
 * A call that ends at once with CANCELLED (not retryable). Beneath the SDK's retry interceptor it first hands on an
 * empty response, as a real failed attempt does (a NOT_FOUND answer arrives with a response message before its
 * status): that interceptor passes on its first attempt's response before the status, and throws if there was none
 * ("savedMessageNext is not a function"). Above it, the caller gets the status alone.
 */
function failedCall(details: string, options: { asFirstAttempt: boolean }): grpc.InterceptingCall {
  const ended: ConstructorParameters<typeof grpc.InterceptingCall>[0] = {
    start(_metadata, listener) {
      setImmediate(() => {
        if (options.asFirstAttempt) listener?.onReceiveMessage?.(undefined);
        listener?.onReceiveStatus?.({ code: grpc.status.CANCELLED, details, metadata: new grpc.Metadata() });
      });
    },
    cancelWithStatus: () => undefined,
    getPeer: () => '',
    sendMessageWithContext: () => undefined,
    sendMessage: () => undefined,
    startRead: () => undefined,
    halfClose: () => undefined,
    getAuthContext: () => null,
  };
  return new grpc.InterceptingCall(ended);
}
