/**
 * Settles an error-first callback from a promise, as SOAP client callbacks were called. The
 * callback runs exactly once, from `setImmediate` outside the promise chain, so an exception it
 * throws reaches `uncaughtException` as it did with SOAP, instead of being swallowed or causing a
 * second call with the error.
 */
export function toCallback<T>(
  promise: Promise<T>,
  callback: (error: any, result?: T) => void,
): void {
  promise.then(
    (result) => {
      setImmediate(() => callback(null, result));
    },
    (error: unknown) => {
      setImmediate(() => callback(error));
    },
  );
}
