import { createLocalJWKSet, type JSONWebKeySet, jwtVerify } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalTenant } from "../../../src/local-tenant/local-tenant";
import {
  appCallback,
  apps,
  authorizeUrl,
  codeFlowTokens,
  ordersApi,
  reportsApi,
  startAppDeveloperTenant,
} from "./support/app-developer-tenant";
import { CookieClient } from "./support/cookie-client";

let tenant: LocalTenant;

beforeAll(async () => {
  tenant = await startAppDeveloperTenant({
    permissions: [
      {
        resource_server_identifier: reportsApi,
        permission_name: "read:reports",
        users: ["auth0|jane"],
      },
    ],
  });
});

afterAll(async () => {
  await tenant.close();
});

/** What a resource server does: verify the access token against the tenant's JWKS. */
async function verifiedByTheApi(accessToken: string, audience: string) {
  const published = await fetch(`${tenant.api.origin}/.well-known/jwks.json`);
  const jwks = createLocalJWKSet((await published.json()) as JSONWebKeySet);
  const { payload, protectedHeader } = await jwtVerify(accessToken, jwks, {
    issuer: `${tenant.api.origin}/`,
    audience,
    algorithms: ["RS256"],
  });
  return { payload, protectedHeader };
}

describe("an audience naming an API of the seed", () => {
  it("yields-an-RS256-JWT-access-token-the-API-verifies-with-iss-aud-sub-scope-azp", async () => {
    const tokens = await codeFlowTokens(tenant, new CookieClient(), apps.rotating, {
      audience: ordersApi,
      scope: "openid read:orders write:orders",
    });
    expect(tokens.status).toBe(200);
    const { payload, protectedHeader } = await verifiedByTheApi(
      tokens.body.access_token ?? "",
      ordersApi,
    );
    expect(protectedHeader.alg).toBe("RS256");
    expect(payload).toMatchObject({
      sub: "auth0|jane",
      azp: apps.rotating.client_id,
      scope: expect.stringContaining("read:orders"),
    });
    expect(String(payload.scope).split(" ")).toEqual(
      expect.arrayContaining(["read:orders", "write:orders"]),
    );
    // Without RBAC the token lists no permissions.
    expect(payload.permissions).toBeUndefined();
  });

  it("with-RBAC-grants-only-the-user's-permissions-and-lists-them", async () => {
    const tokens = await codeFlowTokens(tenant, new CookieClient(), apps.rotating, {
      audience: reportsApi,
      scope: "openid read:reports export:reports",
    });
    const { payload } = await verifiedByTheApi(tokens.body.access_token ?? "", reportsApi);
    const scopes = String(payload.scope).split(" ");
    expect(scopes).toContain("read:reports");
    expect(scopes).not.toContain("export:reports");
    expect(payload.permissions).toEqual(["read:reports"]);
  });

  it("control: a-token-for-one-API-fails-another-API's-verification", async () => {
    const tokens = await codeFlowTokens(tenant, new CookieClient(), apps.rotating, {
      audience: ordersApi,
      scope: "openid read:orders",
    });
    await expect(verifiedByTheApi(tokens.body.access_token ?? "", reportsApi)).rejects.toThrow(
      /aud/,
    );
  });

  it("control: without-an-audience-the-access-token-is-not-a-JWT", async () => {
    const tokens = await codeFlowTokens(tenant, new CookieClient(), apps.rotating);
    expect(tokens.body.access_token?.split(".")).toHaveLength(1);
  });

  it("refuses-an-audience-the-seed-does-not-declare", async () => {
    const hop = await new CookieClient().follow(
      authorizeUrl(tenant, apps.rotating, { audience: "https://unknown.example.com/" }),
      appCallback,
    );
    const answer = new URL(hop.location ?? "http://localhost/").searchParams;
    expect(answer.get("code")).toBeNull();
    expect(answer.get("error")).toBe("invalid_target");
  });
});
