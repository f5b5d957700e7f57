import { describe, expect, it } from "vitest";
import { createAdminClient, linkIdentityChecked } from "../../src/admin";
import {
  aliceDatabaseId,
  aliceGoogleId,
  clientWithoutGrants,
  startDemoTenant,
} from "../local-tenant/management-api/harness";
import { adminClientFor, fastRetries } from "./support";

const googleIdentity = { provider: "google-oauth2", user_id: aliceGoogleId.split("|")[1] ?? "" };

describe("admin Management API client over HTTPS", () => {
  it("gets-one-token-and-reuses-it", async () => {
    const server = await startDemoTenant();
    const client = adminClientFor(server);
    const first = await client.usersByEmail("alice@example.com");
    const second = await client.getUser(aliceDatabaseId, ["user_id", "identities"]);
    expect(first).toMatchObject({ kind: "ok", status: 200 });
    expect(first.kind === "ok" && (first.value as unknown[]).length).toBe(2);
    expect(second).toMatchObject({ kind: "ok", value: { user_id: aliceDatabaseId } });
    expect(client.stats).toMatchObject({ requests: 2, tokenRequests: 1, rateLimited: 0 });
  });

  it("says-not-sent-when-no-token-can-be-had", async () => {
    const server = await startDemoTenant();
    const client = createAdminClient({
      settings: {
        domain: server.domain,
        clientId: clientWithoutGrants.clientId,
        clientSecret: "wrong",
      },
      retryPolicy: fastRetries,
    });
    const outcome = await client.usersByEmail("alice@example.com");
    expect(outcome).toMatchObject({ kind: "not_sent", code: "token_failed", status: 401 });
    expect(server.requestLog.entries().filter((e) => e.endpointKey !== "token")).toEqual([]);
  });

  it("gives-a-refusal-its-status-and-error-code", async () => {
    const server = await startDemoTenant();
    const outcome = await adminClientFor(server).getUser("auth0|nobody");
    expect(outcome).toMatchObject({
      kind: "refused",
      status: 404,
      errorCode: "inexistent_user",
      lostAnswers: 0,
    });
  });

  it("paces-concurrent-requests-from-the-rate-limit-headers-without-a-429", async () => {
    const server = await startDemoTenant({ rateLimit: { limit: 4, refillPerSecond: 8 } });
    const client = adminClientFor(server);
    const outcomes = await Promise.all(
      Array.from({ length: 16 }, () => client.getUser(aliceDatabaseId, ["user_id"])),
    );
    expect(outcomes.every((outcome) => outcome.kind === "ok")).toBe(true);
    expect(client.stats).toMatchObject({ requests: 16, rateLimited: 0 });
    expect(server.requestLog.entries().filter((entry) => entry.status === 429)).toEqual([]);
    expect(client.rateLimit.limit).toBe(4);
  });

  it("never-exceeds-max-rps", async () => {
    const server = await startDemoTenant();
    const client = adminClientFor(server, { maxRequestsPerSecond: 25 });
    const startedAt = Date.now();
    await Promise.all(Array.from({ length: 11 }, () => client.getUser(aliceDatabaseId)));
    // Eleven starts at least 40 ms apart span at least 400 ms.
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(400);
  });

  it("waits-for-the-reset-of-a-429-storm-then-succeeds", async () => {
    const server = await startDemoTenant();
    server.faults.inject("users-by-email", { kind: "rate-limit", resetInSeconds: 1 }, { times: 2 });
    const client = adminClientFor(server);
    await client.getUser(aliceDatabaseId);
    const outcome = await client.usersByEmail("alice@example.com");
    expect(outcome).toMatchObject({ kind: "ok", lostAnswers: 0 });
    expect(client.stats.rateLimited).toBe(2);
  });

  it("retries-5xx-and-dropped-connections-and-counts-them-as-lost-answers", async () => {
    const server = await startDemoTenant();
    server.faults.inject("get-user", { kind: "status", status: 503 }, { times: 2 });
    server.faults.inject("get-user", { kind: "reset" }, { times: 1 });
    const client = adminClientFor(server);
    const outcome = await client.getUser(aliceDatabaseId);
    expect(outcome).toMatchObject({ kind: "ok", lostAnswers: 3 });
    expect(client.stats.transientFailures).toBe(3);
  });

  it("gives-up-as-lost-when-the-tenant-keeps-failing", async () => {
    const server = await startDemoTenant();
    server.faults.inject("get-user", { kind: "status", status: 500 });
    const client = adminClientFor(server);
    const outcome = await client.getUser(aliceDatabaseId);
    expect(outcome).toMatchObject({
      kind: "lost",
      reason: "server_error",
      status: 500,
      lostAnswers: fastRetries.maxAttempts - 1,
    });
    expect(client.stats.requests).toBe(fastRetries.maxAttempts);
  });

  it("checks-a-link-whose-answer-was-lost-and-counts-it-as-linked", async () => {
    const server = await startDemoTenant();
    server.faults.inject("link-identity", { kind: "lose-response" }, { times: 1 });
    const client = adminClientFor(server);
    const checked = await linkIdentityChecked(client, aliceDatabaseId, googleIdentity);
    expect(checked).toMatchObject({ result: "linked", checked: true });
    // The primary's identities as the check read them: what the link's lost answer would have said.
    expect(checked.result === "linked" && checked.identities).toEqual(
      server.state.getUser(aliceDatabaseId)?.identities,
    );
    expect(server.state.getUser(aliceGoogleId)).toBeUndefined();
    const links = server.requestLog.entries().filter((e) => e.endpointKey === "link-identity");
    // The retry met the link its lost attempt had made: 409, then the check.
    expect(links.map((entry) => entry.status)).toEqual([0, 409]);
  });

  it("reports-a-link-refused-for-good-as-failed", async () => {
    const server = await startDemoTenant();
    const client = adminClientFor(server);
    const checked = await linkIdentityChecked(client, aliceDatabaseId, {
      provider: "google-oauth2",
      user_id: "no-such-identity",
    });
    expect(checked).toMatchObject({ result: "failed", outcome: { kind: "refused", status: 400 } });
  });
});
