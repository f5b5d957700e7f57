import * as oidc from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalTenant } from "../../src/local-tenant/local-tenant";
import {
  appCallback,
  appSignedOut,
  apps,
  janePassword,
  startAppDeveloperTenant,
} from "../local-tenant/login-side/support/app-developer-tenant";
import { CookieClient, formAction } from "../local-tenant/login-side/support/cookie-client";
import { database } from "../local-tenant/login-side/support/seed";

// openid-client 6 (which nobody here wrote) as a regular web application's relying party:
// discovery, a code flow with PKCE, the ID token's checks, a refresh, /userinfo and logout.

let tenant: LocalTenant;
let config: oidc.Configuration;

beforeAll(async () => {
  tenant = await startAppDeveloperTenant();
  config = await oidc.discovery(
    new URL(`${tenant.api.origin}/`),
    apps.rotating.client_id,
    apps.rotating.client_secret,
    oidc.ClientSecretPost(apps.rotating.client_secret),
  );
});

afterAll(async () => {
  await tenant.close();
});

describe("openid-client against the local tenant", () => {
  it("signs-in-with-pkce-refreshes-reads-userinfo-and-logs-out", async () => {
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const authorize = oidc.buildAuthorizationUrl(config, {
      redirect_uri: appCallback,
      scope: "openid profile email offline_access",
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      state,
      nonce,
      connection: database,
    });
    const browser = new CookieClient();
    const page = await browser.follow(authorize.toString(), appCallback);
    const back = await browser.follow(formAction(page, database), appCallback, {
      form: { connection: database, email: "jane@example.com", password: janePassword },
    });
    const tokens = await oidc.authorizationCodeGrant(config, new URL(back.location ?? ""), {
      pkceCodeVerifier: verifier,
      expectedState: state,
      expectedNonce: nonce,
    });
    const claims = tokens.claims();
    expect(claims).toMatchObject({ sub: "auth0|jane", email: "jane@example.com" });
    expect(claims?.sid).toEqual(expect.any(String));

    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token ?? "");
    expect(refreshed.access_token).toEqual(expect.any(String));
    expect(refreshed.refresh_token).not.toBe(tokens.refresh_token);

    const profile = await oidc.fetchUserInfo(config, refreshed.access_token, "auth0|jane");
    expect(profile).toMatchObject({ email: "jane@example.com", updated_at: expect.any(String) });

    const logout = oidc.buildEndSessionUrl(config, {
      id_token_hint: tokens.id_token ?? "",
      post_logout_redirect_uri: appSignedOut,
    });
    const signedOut = await browser.follow(logout.toString(), appSignedOut);
    expect(signedOut.location).toBe(appSignedOut);
  });

  it("control: rejects-an-id-token-whose-nonce-is-not-the-one-sent", async () => {
    const verifier = oidc.randomPKCECodeVerifier();
    const authorize = oidc.buildAuthorizationUrl(config, {
      redirect_uri: appCallback,
      scope: "openid",
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: "S256",
      nonce: "the-nonce-sent",
      connection: database,
    });
    const browser = new CookieClient();
    const page = await browser.follow(authorize.toString(), appCallback);
    const back = await browser.follow(formAction(page, database), appCallback, {
      form: { connection: database, email: "jane@example.com", password: janePassword },
    });
    const refusal = await oidc
      .authorizationCodeGrant(config, new URL(back.location ?? ""), {
        pkceCodeVerifier: verifier,
        expectedNonce: "another-nonce",
      })
      .then(
        () => undefined,
        (thrown: Error) => thrown.cause as Error | undefined,
      );
    expect(refusal?.message).toBe('unexpected ID Token "nonce" claim value');
  });
});
