import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifiedIdTokenClaims } from "../../../src/local-tenant/browser/id-token";
import type { LocalTenant } from "../../../src/local-tenant/local-tenant";
import {
  appCallback,
  apps,
  authorizeUrl,
  codeFlowTokens,
  startAppDeveloperTenant,
  tokenRequest,
} from "./support/app-developer-tenant";
import { CookieClient, newPkce } from "./support/cookie-client";

let tenant: LocalTenant;

beforeAll(async () => {
  tenant = await startAppDeveloperTenant();
});

afterAll(async () => {
  await tenant.close();
});

const jwks = () => `${tenant.api.origin}/.well-known/jwks.json`;

describe("ID tokens and /userinfo carry Auth0's session and profile claims", () => {
  it("puts-sid-and-the-user's-updated_at-in-the-id-token", async () => {
    const tokens = await codeFlowTokens(tenant, new CookieClient(), apps.rotating);
    const claims = await verifiedIdTokenClaims(tokens.body.id_token ?? "", jwks());
    expect(claims.sid).toEqual(expect.any(String));
    expect(claims.updated_at).toBe(tenant.state.getUser("auth0|jane")?.updated_at);
  });

  it("keeps-one-sid-per-session-and-another-for-another-session", async () => {
    const browser = new CookieClient();
    const first = await codeFlowTokens(tenant, browser, apps.rotating);
    const pkce = newPkce();
    const silent = await browser.follow(
      authorizeUrl(tenant, apps.rotating, {
        prompt: "none",
        code_challenge: pkce.challenge,
        code_challenge_method: "S256",
      }),
      appCallback,
    );
    const code = new URL(silent.location ?? "http://localhost/").searchParams.get("code") ?? "";
    const again = await tokenRequest(tenant, apps.rotating, {
      grant_type: "authorization_code",
      code,
      code_verifier: pkce.verifier,
      redirect_uri: appCallback,
    });
    const other = await codeFlowTokens(tenant, new CookieClient(), apps.rotating);
    const sid = async (idToken: string | undefined) =>
      (await verifiedIdTokenClaims(idToken ?? "", jwks())).sid;
    expect(await sid(again.body.id_token)).toBe(await sid(first.body.id_token));
    expect(await sid(other.body.id_token)).not.toBe(await sid(first.body.id_token));
  });

  it("answers-updated_at-from-userinfo", async () => {
    const tokens = await codeFlowTokens(tenant, new CookieClient(), apps.rotating);
    const response = await fetch(`${tenant.api.origin}/userinfo`, {
      headers: { authorization: `Bearer ${tokens.body.access_token}` },
    });
    expect(response.status).toBe(200);
    const profile = (await response.json()) as Record<string, unknown>;
    expect(profile).toMatchObject({
      sub: "auth0|jane",
      email: "jane@example.com",
      updated_at: tenant.state.getUser("auth0|jane")?.updated_at,
    });
  });
});
