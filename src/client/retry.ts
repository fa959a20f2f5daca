/**
 * Retry class of a failed call:
 * - `token`: the access token is invalid or expired. Get a new one and retry once.
 * - `throttle`: a rate or concurrency limit rejected the call before it ran. Back off, retry.
 * - `notSent`: the request never reached the server (connection refused). Retry.
 * - `transient`: a timeout or server fault. Idempotent calls are retried, others are not.
 * - `quota`: the daily quota is used up until Marketo's reset at 12:00 AM Central time.
 * - `fatal`: retrying cannot help.
 */
export type FailureKind = 'token' | 'throttle' | 'notSent' | 'transient' | 'quota' | 'fatal';

export interface FailurePolicy {
  kind: FailureKind;
  /** For `transient` failures: whether Marketo may have run the call anyway. */
  mayHaveRun?: boolean;
}

/** Retry policy per REST error code. Codes not listed are `fatal`. */
export const REST_CODE_POLICIES: Readonly<Record<string, FailurePolicy>> = {
  '601': { kind: 'token' },
  '602': { kind: 'token' },
  '604': { kind: 'transient', mayHaveRun: true },
  // NOTE: 608 "API temporarily unavailable" is assumed to mean the call did not run, because
  // Marketo does not count it against the quota. Non-idempotent calls are still not retried.
  '608': { kind: 'transient', mayHaveRun: false },
  '611': { kind: 'transient', mayHaveRun: true },
  '713': { kind: 'transient', mayHaveRun: true },
  '606': { kind: 'throttle' },
  '615': { kind: 'throttle' },
  '607': { kind: 'quota' },
};

const FATAL: FailurePolicy = { kind: 'fatal' };

/** Returns the retry policy of a REST error code. */
export function policyForRestCode(code: string): FailurePolicy {
  return REST_CODE_POLICIES[code] ?? FATAL;
}

/** Returns the retry policy of an HTTP status that came without a Marketo error envelope. */
export function policyForHttpStatus(status: number): FailurePolicy {
  if (status === 429) return { kind: 'throttle' };
  if (status >= 500) return { kind: 'transient', mayHaveRun: true };
  return FATAL;
}

/** Returns true when a failure with this policy is retried for a call of this idempotency. */
export function isRetried(policy: FailurePolicy, idempotent: boolean): boolean {
  switch (policy.kind) {
    case 'throttle':
    case 'notSent':
      return true;
    case 'transient':
      return idempotent;
    default:
      return false;
  }
}

const TRANSIENT_BASE_DELAY_MS = 1_000;
const TRANSIENT_MAX_DELAY_MS = 30_000;

/**
 * Returns the wait before retry number `attempt` (0 for the first retry), with jitter between half
 * and all of the exponential delay. Throttled calls wait in quarters of the pacing window, up to
 * one whole window, because Marketo counts its rate limit over that window.
 */
export function backoffDelayMs(
  kind: FailureKind,
  attempt: number,
  windowMs: number,
  random: () => number = Math.random,
): number {
  const exponential =
    kind === 'throttle'
      ? Math.min(windowMs, (windowMs / 4) * 2 ** attempt)
      : Math.min(TRANSIENT_MAX_DELAY_MS, TRANSIENT_BASE_DELAY_MS * 2 ** attempt);
  return Math.round(exponential * (0.5 + random() * 0.5));
}
