import { describe, expect, test } from "vitest";
import { takeFromBucket } from "../../../src/local-tenant/management-api/rate-limiter";
import {
  aliceDatabaseId,
  callManagementApi,
  linkingAction,
  requestToken,
  startDemoTenantWithToken,
} from "./harness";

const startOfTime = Date.parse("2025-01-01T00:00:00Z");
const userPath = `/api/v2/users/${aliceDatabaseId}`;

function rateLimitHeaders(response: Response) {
  return {
    limit: response.headers.get("x-ratelimit-limit"),
    remaining: response.headers.get("x-ratelimit-remaining"),
    reset: response.headers.get("x-ratelimit-reset"),
  };
}

describe("Management API rate limit", () => {
  test("every response carries X-RateLimit headers counting down the bucket", async () => {
    const now = startOfTime;
    const { server, token } = await startDemoTenantWithToken({
      clock: () => now,
      rateLimit: { limit: 5, refillPerSecond: 1 },
    });
    const first = await callManagementApi(server, token, userPath);
    const second = await callManagementApi(server, token, "/api/v2/users/auth0%7Cnobody");
    expect(rateLimitHeaders(first)).toEqual({
      limit: "5",
      remaining: "4",
      reset: String(now / 1000),
    });
    expect(second.status).toBe(404);
    expect(rateLimitHeaders(second)).toMatchObject({ limit: "5", remaining: "3" });
  });

  test("answers 429 with Auth0's body and the time of the next token once the bucket is empty", async () => {
    const now = startOfTime;
    const { server, token } = await startDemoTenantWithToken({
      clock: () => now,
      rateLimit: { limit: 2, refillPerSecond: 0.5 },
    });
    await callManagementApi(server, token, userPath);
    await callManagementApi(server, token, userPath);
    const limited = await callManagementApi(server, token, userPath);
    expect(limited.status).toBe(429);
    expect(await limited.json()).toEqual({
      statusCode: 429,
      error: "Too Many Requests",
      message: "Global limit has been reached",
      errorCode: "too_many_requests",
    });
    expect(rateLimitHeaders(limited)).toEqual({
      limit: "2",
      remaining: "0",
      reset: String(now / 1000 + 2),
    });
  });

  test("lets requests through again as the bucket refills", async () => {
    let now = startOfTime;
    const { server, token } = await startDemoTenantWithToken({
      clock: () => now,
      rateLimit: { limit: 1, refillPerSecond: 2 },
    });
    expect((await callManagementApi(server, token, userPath)).status).toBe(200);
    expect((await callManagementApi(server, token, userPath)).status).toBe(429);
    now += 500;
    expect((await callManagementApi(server, token, userPath)).status).toBe(200);
  });

  test("recovers at once after reset()", async () => {
    const { server, token } = await startDemoTenantWithToken({
      rateLimit: { limit: 1, refillPerSecond: 0.001 },
    });
    await callManagementApi(server, token, userPath);
    expect((await callManagementApi(server, token, userPath)).status).toBe(429);
    server.rateLimiter.reset();
    expect((await callManagementApi(server, token, userPath)).status).toBe(200);
  });

  test("can be reconfigured or switched off while running", async () => {
    const { server, token } = await startDemoTenantWithToken({
      rateLimit: { limit: 1, refillPerSecond: 0.001 },
    });
    await callManagementApi(server, token, userPath);
    server.rateLimiter.configure(false);
    const unlimited = await callManagementApi(server, token, userPath);
    expect(unlimited.status).toBe(200);
    expect(unlimited.headers.get("x-ratelimit-remaining")).toBe(
      unlimited.headers.get("x-ratelimit-limit"),
    );
  });

  test("sends the headers on every answer while switched off, as Auth0 always does", async () => {
    const { server, token } = await startDemoTenantWithToken({ rateLimit: false });
    for (const response of [
      await callManagementApi(server, token, userPath),
      await callManagementApi(server, undefined, userPath),
      await callManagementApi(server, token, "/api/v2/no-such-endpoint"),
    ]) {
      expect(Number(response.headers.get("x-ratelimit-limit"))).toBeGreaterThan(0);
      expect(response.headers.get("x-ratelimit-remaining")).toBe(
        response.headers.get("x-ratelimit-limit"),
      );
      expect(Number(response.headers.get("x-ratelimit-reset"))).toBeGreaterThan(1_700_000_000);
    }
  });

  test("/oauth/token has its own bucket, separate from the Management API", async () => {
    const { server, token } = await startDemoTenantWithToken({
      rateLimit: { limit: 1, refillPerSecond: 0.001 },
      tokenRateLimit: { limit: 2, refillPerSecond: 0.001 },
    });
    expect((await callManagementApi(server, token, userPath)).status).toBe(200);
    expect((await requestToken(server, linkingAction)).status).toBe(200);
    const limited = await requestToken(server, linkingAction);
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ error: "too_many_requests" });
    expect(limited.headers.get("x-ratelimit-limit")).toBe("2");
  });
});

describe("token bucket", () => {
  test("never holds more than its limit, however long it rested", () => {
    const options = { limit: 3, refillPerSecond: 10 };
    const { decision } = takeFromBucket({ tokens: 3, updatedAtMs: 0 }, options, 3_600_000);
    expect(decision).toMatchObject({ allowed: true, remaining: 2 });
  });
});
