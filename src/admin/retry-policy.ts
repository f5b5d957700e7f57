export interface AdminRetryPolicy {
  /** Attempts of one request that met a 5xx, a dropped connection or a timeout, the first included. */
  maxAttempts: number;
  /** The pause after the first such failure; it doubles after each one. */
  firstBackoffMs: number;
  maxBackoffMs: number;
  /** 429s in a row on one request before it is given up: a tenant that never recovers. */
  maxRateLimitedAttempts: number;
  /** One attempt is abandoned (and counts as a lost answer) after this long. */
  requestTimeoutMs: number;
}

/**
 * A command-line run has no login waiting on it, so it waits out what an Action cannot: a minute
 * of 5xx answers, and any number of 429s within reason.
 */
export const defaultAdminRetryPolicy: AdminRetryPolicy = {
  maxAttempts: 7,
  firstBackoffMs: 500,
  maxBackoffMs: 30_000,
  maxRateLimitedAttempts: 100,
  requestTimeoutMs: 30_000,
};

/**
 * Exponential backoff with "equal jitter": half of the pause is fixed, half random, so that
 * several clients that failed together do not come back together.
 */
export function backoffMs(
  policy: AdminRetryPolicy,
  failedAttempts: number,
  random: () => number = Math.random,
): number {
  const exponential = Math.min(
    policy.maxBackoffMs,
    policy.firstBackoffMs * 2 ** Math.max(0, failedAttempts - 1),
  );
  return exponential / 2 + (random() * exponential) / 2;
}
