import { describe, expect, test } from "vitest";
import {
  aliceDatabaseId,
  callManagementApi,
  clientWithoutGrants,
  deployCli,
  linkingAction,
  managementToken,
  requestToken,
  startDemoTenant,
  startDemoTenantWithToken,
} from "./harness";

function decodeClaims(token: string): Record<string, unknown> {
  const payload = token.split(".")[1] ?? "";
  return JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
}

describe("POST /oauth/token", () => {
  test("issues a bearer token with the client's granted scopes", async () => {
    const server = await startDemoTenant();
    const response = await requestToken(server, linkingAction);
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      token_type: "Bearer",
      expires_in: 86400,
      scope:
        "read:users update:users read:connections read:connections_options read:organizations read:roles",
    });
    expect(decodeClaims(String(body.access_token))).toMatchObject({
      iss: `https://${server.domain}/`,
      sub: `${linkingAction.clientId}@clients`,
      aud: `https://${server.domain}/api/v2/`,
      scope:
        "read:users update:users read:connections read:connections_options read:organizations read:roles",
      gty: "client-credentials",
    });
  });

  test("accepts a form-encoded body", async () => {
    const server = await startDemoTenant();
    const response = await fetch(`${server.origin}/oauth/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "client_credentials",
        client_id: linkingAction.clientId,
        client_secret: linkingAction.clientSecret,
        audience: `https://${server.domain}/api/v2/`,
      }),
    });
    expect(response.status).toBe(200);
  });

  test("narrows the scopes to those requested", async () => {
    const server = await startDemoTenant();
    const response = await requestToken(server, linkingAction, { scope: "read:users" });
    expect(await response.json()).toMatchObject({ scope: "read:users" });
  });

  test("refuses an unknown client with 401 access_denied", async () => {
    const server = await startDemoTenant();
    const response = await requestToken(server, { clientId: "nobody", clientSecret: "x" });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: "access_denied",
      error_description: "Unauthorized",
    });
  });

  test("refuses a wrong client secret with 401 access_denied", async () => {
    const server = await startDemoTenant();
    const response = await requestToken(server, { ...linkingAction, clientSecret: "wrong" });
    expect(response.status).toBe(401);
  });

  test("refuses a client without a grant for the Management API with 403", async () => {
    const server = await startDemoTenant();
    const response = await requestToken(server, clientWithoutGrants);
    expect(response.status).toBe(403);
    const body = (await response.json()) as { error: string; error_description: string };
    expect(body.error).toBe("access_denied");
    expect(body.error_description).toMatch(
      `Client is not authorized to access "https://${server.domain}/api/v2/". You need to create a "client-grant" associated to this API`,
    );
  });

  test("refuses an audience that is not this tenant's Management API with 403", async () => {
    const server = await startDemoTenant();
    const response = await requestToken(server, linkingAction, {
      audience: "https://other-tenant.example/api/v2/",
    });
    expect(response.status).toBe(403);
  });

  test("refuses grant types other than client_credentials", async () => {
    const server = await startDemoTenant();
    const response = await requestToken(server, linkingAction, { grant_type: "password" });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: "unauthorized_client" });
  });
});

describe("bearer tokens on /api/v2", () => {
  test("a request without a token gets 401", async () => {
    const server = await startDemoTenant();
    const response = await callManagementApi(server, undefined, `/api/v2/users/${aliceDatabaseId}`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ statusCode: 401, error: "Unauthorized" });
  });

  test("a token with a forged signature gets 401", async () => {
    const { server, token } = await startDemoTenantWithToken();
    const [header, claims] = token.split(".");
    const response = await callManagementApi(
      server,
      `${header}.${claims}.AAAA`,
      `/api/v2/users/${aliceDatabaseId}`,
    );
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({
      message: "Invalid signature received for JSON Web Token validation",
    });
  });

  test("a token from another local tenant gets 401", async () => {
    const server = await startDemoTenant();
    const other = await startDemoTenant();
    const foreignToken = await managementToken(other);
    const response = await callManagementApi(
      server,
      foreignToken,
      `/api/v2/users/${aliceDatabaseId}`,
    );
    expect(response.status).toBe(401);
  });

  test("an expired token gets Auth0's 401 with the expiry message", async () => {
    let now = Date.parse("2025-01-01T00:00:00Z");
    const { server, token } = await startDemoTenantWithToken({
      clock: () => now,
      tokenLifetimeSeconds: 60,
    });
    const path = `/api/v2/users/${aliceDatabaseId}`;
    now += 59_000;
    expect((await callManagementApi(server, token, path)).status).toBe(200);
    now += 1_000;
    const response = await callManagementApi(server, token, path);
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      statusCode: 401,
      error: "Unauthorized",
      message: "Expired token received for JSON Web Token validation",
      attributes: { error: "Expired token received for JSON Web Token validation" },
    });
  });

  test("a token without read:users gets 403 insufficient_scope", async () => {
    const server = await startDemoTenant();
    const token = await managementToken(server, deployCli);
    const response = await callManagementApi(server, token, "/api/v2/users-by-email?email=a@b.c");
    expect(response.status).toBe(403);
    expect(await response.json()).toEqual({
      statusCode: 403,
      error: "Forbidden",
      message: "Insufficient scope, expected any of: read:users",
      errorCode: "insufficient_scope",
    });
  });

  test("a read-only token cannot link accounts", async () => {
    const server = await startDemoTenant();
    const response = await requestToken(server, linkingAction, { scope: "read:users" });
    const { access_token: token } = (await response.json()) as { access_token: string };
    const link = await callManagementApi(
      server,
      token,
      `/api/v2/users/${aliceDatabaseId}/identities`,
      {
        method: "POST",
        body: { provider: "google-oauth2", user_id: "104857362910473829104" },
      },
    );
    expect(link.status).toBe(403);
    expect(await link.json()).toMatchObject({
      message: "Insufficient scope, expected any of: update:users,update:current_user_identities",
    });
  });
});
