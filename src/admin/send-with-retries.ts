import type { AttemptResult } from "./http-attempt";
import type { AdminOutcome } from "./outcome";
import type { RateLimitPacer } from "./rate-limit-pacer";
import { type AdminRetryPolicy, backoffMs } from "./retry-policy";

export interface SendEnvironment {
  pacer: RateLimitPacer;
  policy: AdminRetryPolicy;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  onAttempt: (answer: { status?: number }) => void;
}

interface ErrorBody {
  message?: unknown;
  errorCode?: unknown;
  error?: unknown;
}

function refusal(status: number, body: unknown, lostAnswers: number): AdminOutcome<never> {
  const { message, errorCode, error } = (
    typeof body === "object" && body !== null ? body : {}
  ) as ErrorBody;
  return {
    kind: "refused",
    status,
    message: typeof message === "string" ? message : typeof error === "string" ? error : "",
    ...(typeof errorCode === "string" ? { errorCode } : {}),
    lostAnswers,
  };
}

/**
 * Sends one request (`attempt`: one try, never throwing) until it has a final answer: paced by `pacer`, waiting out 429s (the pacer
 * holds every request back until the time the 429 gave), retrying 5xx, dropped connections and
 * timeouts with backoff (never a name that does not resolve or a TLS failure: those come back
 * at once). Every attempt whose answer may hide an effect is counted in
 * `lostAnswers`, so the caller knows when to check instead of trusting a refusal.
 */
export async function sendWithRetries(
  attempt: (timeoutMs: number) => Promise<AttemptResult>,
  env: SendEnvironment,
): Promise<AdminOutcome<unknown>> {
  let transientFailures = 0;
  let rateLimited = 0;
  for (;;) {
    await env.pacer.acquire();
    const result = await attempt(env.policy.requestTimeoutMs);
    env.pacer.settle(result.answered ? result : undefined);
    env.onAttempt(result.answered ? { status: result.status } : {});
    const lostAnswers = transientFailures;
    if (result.answered && result.status >= 200 && result.status < 300) {
      return { kind: "ok", status: result.status, value: result.body, lostAnswers };
    }
    if (result.answered && result.status === 429) {
      rateLimited++;
      if (rateLimited >= env.policy.maxRateLimitedAttempts) {
        return refusal(429, result.body, lostAnswers);
      }
      continue;
    }
    if (result.answered && result.status < 500)
      return refusal(result.status, result.body, lostAnswers);

    // A name that does not resolve or a certificate not trusted: no retry makes it answer.
    if (!result.answered && result.permanent) {
      return { kind: "lost", reason: result.reason, message: result.message, lostAnswers };
    }
    transientFailures++;
    if (transientFailures >= env.policy.maxAttempts) {
      return result.answered
        ? {
            kind: "lost",
            reason: "server_error",
            status: result.status,
            message: `the tenant answered ${result.status}`,
            lostAnswers,
          }
        : { kind: "lost", reason: result.reason, message: result.message, lostAnswers };
    }
    await env.sleep(backoffMs(env.policy, transientFailures, env.random));
  }
}
