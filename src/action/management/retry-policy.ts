import type { TimeBudget } from "../time-budget";
import { classifyFailure, type RequestFailure } from "./failure";

export type CallResult<T> = { ok: true; value: T } | { ok: false; failure: RequestFailure };

export interface RetryPolicy {
  /** Attempts per request, the first included. */
  maxAttempts: number;
  /** No request starts with less time than this left: it would only be cut off. */
  minRequestMs: number;
  /** One request never waits longer than this, however much budget is left. */
  maxRequestMs: number;
  /** Pause before retrying a 5xx or a dropped connection. */
  transientBackoffMs: number;
  /** Assumed wait when a 429 carries no reset header. */
  defaultRateLimitWaitMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 3,
  minRequestMs: 250,
  maxRequestMs: 3000,
  transientBackoffMs: 100,
  defaultRateLimitWaitMs: 1000,
};

export interface RetryEnvironment {
  budget: TimeBudget;
  policy: RetryPolicy;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Called once per HTTP attempt, so the log can say how many requests a login cost. */
  onAttempt: () => void;
}

const outOfBudget: RequestFailure = { kind: "budget_exhausted", message: "time budget exhausted" };

function waitBeforeRetry(failure: RequestFailure, env: RetryEnvironment): number | undefined {
  switch (failure.kind) {
    case "rate_limited":
      return Math.max(
        0,
        (failure.retryAt ?? env.now() + env.policy.defaultRateLimitWaitMs) - env.now(),
      );
    case "server_error":
    case "network":
      return env.policy.transientBackoffMs;
    default:
      return undefined;
  }
}

/**
 * Runs one Management API request with our own retries instead of the SDK's: the SDK would wait
 * up to 60 s on a 429, three times longer than Auth0 lets an Action run.
 */
export async function callWithRetries<T>(
  request: (timeoutMs: number) => Promise<T>,
  env: RetryEnvironment,
): Promise<CallResult<T>> {
  let lastFailure: RequestFailure = outOfBudget;
  for (let attempt = 1; attempt <= env.policy.maxAttempts; attempt++) {
    if (!env.budget.allows(env.policy.minRequestMs)) return { ok: false, failure: lastFailure };
    env.onAttempt();
    try {
      const timeoutMs = Math.min(env.budget.remainingMs(), env.policy.maxRequestMs);
      return { ok: true, value: await request(timeoutMs) };
    } catch (error) {
      lastFailure = classifyFailure(error, env.now());
    }
    const waitMs = waitBeforeRetry(lastFailure, env);
    if (waitMs === undefined || attempt === env.policy.maxAttempts) break;
    if (!env.budget.allows(waitMs + env.policy.minRequestMs)) break;
    await env.sleep(waitMs);
  }
  return { ok: false, failure: lastFailure };
}
