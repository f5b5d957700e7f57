import { describe, expect, it } from "vitest";
import {
  callWithRetries,
  defaultRetryPolicy,
  type RetryEnvironment,
} from "../../../src/action/management/retry-policy";
import { startTimeBudget } from "../../../src/action/time-budget";

/** A clock that only moves when the code under test sleeps, so waits are exact and instant. */
function virtualEnvironment(budgetMs: number) {
  let now = 1_700_000_000_000;
  const sleeps: number[] = [];
  let attempts = 0;
  const env: RetryEnvironment = {
    budget: startTimeBudget(budgetMs, () => now),
    policy: defaultRetryPolicy,
    now: () => now,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
    onAttempt: () => {
      attempts++;
    },
  };
  return { env, sleeps, attempts: () => attempts, now: () => now };
}

function rateLimited(resetEpochSeconds: number) {
  return Object.assign(new Error("Too Many Requests"), {
    statusCode: 429,
    rawResponse: { headers: new Headers({ "x-ratelimit-reset": String(resetEpochSeconds) }) },
  });
}

describe("retries within the time budget", () => {
  it("waits-for-the-rate-limit-reset-when-the-budget-allows", async () => {
    const v = virtualEnvironment(5000);
    const resetAt = Math.ceil((v.now() + 1500) / 1000);
    let calls = 0;
    const result = await callWithRetries(async () => {
      calls++;
      if (calls === 1) throw rateLimited(resetAt);
      return "ok";
    }, v.env);
    expect(result).toEqual({ ok: true, value: "ok" });
    expect(v.sleeps).toHaveLength(1);
    expect(v.now()).toBe(resetAt * 1000);
  });

  it("gives-up-at-once-when-the-rate-limit-reset-is-beyond-the-budget", async () => {
    const v = virtualEnvironment(5000);
    const result = await callWithRetries(async () => {
      throw rateLimited(Math.ceil(v.now() / 1000) + 30);
    }, v.env);
    expect(result).toMatchObject({ ok: false, failure: { kind: "rate_limited", status: 429 } });
    expect(v.sleeps).toEqual([]);
    expect(v.attempts()).toBe(1);
  });

  it("retries-a-server-error-and-stops-after-the-attempt-limit", async () => {
    const v = virtualEnvironment(5000);
    const result = await callWithRetries(async () => {
      throw Object.assign(new Error("unavailable"), { statusCode: 503 });
    }, v.env);
    expect(result).toMatchObject({ ok: false, failure: { kind: "server_error", status: 503 } });
    expect(v.attempts()).toBe(defaultRetryPolicy.maxAttempts);
  });

  it("does-not-retry-a-client-error", async () => {
    const v = virtualEnvironment(5000);
    const result = await callWithRetries(async () => {
      throw Object.assign(new Error("bad"), { statusCode: 400, body: { message: "Bad Request" } });
    }, v.env);
    expect(result).toMatchObject({
      ok: false,
      failure: { kind: "client_error", message: "Bad Request" },
    });
    expect(v.attempts()).toBe(1);
  });

  it("makes-no-request-when-the-budget-is-spent", async () => {
    const v = virtualEnvironment(100);
    const result = await callWithRetries(async () => "never", v.env);
    expect(result).toMatchObject({ ok: false, failure: { kind: "budget_exhausted" } });
    expect(v.attempts()).toBe(0);
  });

  it("bounds-each-request-by-the-remaining-budget", async () => {
    const v = virtualEnvironment(1200);
    const timeouts: number[] = [];
    await callWithRetries(async (timeoutMs) => {
      timeouts.push(timeoutMs);
      return "ok";
    }, v.env);
    expect(timeouts).toEqual([1200]);
  });
});
