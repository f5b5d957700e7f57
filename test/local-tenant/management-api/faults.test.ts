import { describe, expect, test } from "vitest";
import {
  aliceDatabaseId,
  aliceGoogleId,
  callManagementApi,
  carolOktaId,
  linkingAction,
  rejectionOf,
  requestToken,
  startDemoTenantWithToken,
} from "./harness";
import { usersClient } from "./sdk-client";

const userPath = `/api/v2/users/${aliceDatabaseId}`;
const aliceGoogleIdentity = {
  provider: "google-oauth2",
  user_id: "104857362910473829104",
} as const;

describe("fault injection", () => {
  test("latency delays the answer without changing it", async () => {
    const { server, token } = await startDemoTenantWithToken();
    server.faults.inject("get-user", { kind: "latency", ms: 50 });
    const response = await callManagementApi(server, token, userPath);
    expect(response.status).toBe(200);
    expect(server.requestLog.entries().at(-1)?.durationMs).toBeGreaterThanOrEqual(45);
  });

  test("status answers the given 5xx without touching the tenant", async () => {
    const { server, token } = await startDemoTenantWithToken();
    server.faults.inject("patch-user", { kind: "status", status: 503 });
    const response = await callManagementApi(server, token, userPath, {
      method: "PATCH",
      body: { user_metadata: { touched: true } },
    });
    expect(response.status).toBe(503);
    expect(await response.json()).toMatchObject({ statusCode: 503, error: "Service Unavailable" });
    expect(server.state.getUser(aliceDatabaseId)?.user_metadata).toEqual({ theme: "dark" });
  });

  test("reset destroys the connection before the request has any effect", async () => {
    const { server, token } = await startDemoTenantWithToken();
    server.faults.inject("link-identity", { kind: "reset" });
    const error = await rejectionOf(
      usersClient(server, token).identities.link(aliceDatabaseId, aliceGoogleIdentity),
    );
    expect(error.statusCode).toBeUndefined();
    expect(server.state.getUser(aliceGoogleId)).toBeDefined();
  });

  test("rate-limit answers 429 with headers saying when the limit resets", async () => {
    let now = Date.parse("2025-01-01T00:00:00Z");
    const { server, token } = await startDemoTenantWithToken({ clock: () => now });
    server.faults.inject("users-by-email", { kind: "rate-limit", resetInSeconds: 7 });
    const response = await callManagementApi(server, token, "/api/v2/users-by-email?email=x");
    expect(response.status).toBe(429);
    expect(response.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(response.headers.get("x-ratelimit-reset")).toBe(String(now / 1000 + 7));
    now += 1000;
    expect((await callManagementApi(server, token, "/api/v2/users-by-email?email=x")).status).toBe(
      429,
    );
  });

  test("lose-response applies the link, then drops the connection unanswered", async () => {
    const { server, token } = await startDemoTenantWithToken();
    server.faults.inject("link-identity", { kind: "lose-response" });
    const users = usersClient(server, token);
    const error = await rejectionOf(users.identities.link(aliceDatabaseId, aliceGoogleIdentity));
    expect(error.statusCode).toBeUndefined();
    expect(server.state.getUser(aliceGoogleId)).toBeUndefined();
    expect(server.state.getUser(aliceDatabaseId)?.identities).toHaveLength(2);
    expect(server.requestLog.entries().at(-1)).toMatchObject({
      endpointKey: "link-identity",
      status: 0,
      fault: "lose-response",
    });
  });

  test("interleave makes another actor's change just before the request is handled", async () => {
    const { server, token } = await startDemoTenantWithToken();
    // Someone links Alice's Google account into Carol's between this caller's plan and its link.
    server.faults.inject(
      "link-identity",
      {
        kind: "interleave",
        change: () => server.state.linkIdentity(carolOktaId, aliceGoogleIdentity),
      },
      { times: 1 },
    );
    const users = usersClient(server, token);
    const identities = await users.identities.link(aliceDatabaseId, aliceGoogleIdentity);
    expect(identities.map((identity) => identity.provider)).toEqual([
      "auth0",
      "okta",
      "google-oauth2",
    ]);
    expect(server.state.getUser(carolOktaId)).toBeUndefined();
  });

  test("times limits a fault to that many requests", async () => {
    const { server, token } = await startDemoTenantWithToken();
    server.faults.inject("get-user", { kind: "status", status: 500 }, { times: 2 });
    const statuses = [];
    for (let request = 0; request < 3; request += 1) {
      statuses.push((await callManagementApi(server, token, userPath)).status);
    }
    expect(statuses).toEqual([500, 500, 200]);
  });

  test("* applies to every endpoint, the token endpoint included", async () => {
    const { server, token } = await startDemoTenantWithToken();
    server.faults.inject("*", { kind: "status", status: 502 });
    expect((await requestToken(server, linkingAction)).status).toBe(502);
    expect((await callManagementApi(server, token, userPath)).status).toBe(502);
  });

  test("clear() removes every fault", async () => {
    const { server, token } = await startDemoTenantWithToken();
    server.faults.inject("get-user", { kind: "status", status: 504 });
    server.faults.clear();
    expect((await callManagementApi(server, token, userPath)).status).toBe(200);
  });

  test("a fault on one endpoint leaves the others alone", async () => {
    const { server, token } = await startDemoTenantWithToken();
    server.faults.inject("link-identity", { kind: "status", status: 500 });
    expect((await callManagementApi(server, token, userPath)).status).toBe(200);
  });
});
