import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, type MockInstance, vi } from "vitest";
import { verifiedIdTokenClaims } from "../../../src/local-tenant/browser/id-token";
import { type LocalTenant, startLocalTenant } from "../../../src/local-tenant/local-tenant";
import { CookieClient, formAction, newPkce } from "./support/cookie-client";
import { database, demoSeedWith, jane } from "./support/seed";

const appClientId = "LocalLoginApplication0000000000";
const appCallback = "http://localhost:1/callback";
const janePassword = "correct horse battery staple";

let tenant: LocalTenant;
let appSecret: string;
// From the start: oidc-provider warns once per process, at the first body it did not read itself.
let warnings: MockInstance<typeof console.warn>;

beforeAll(async () => {
  warnings = vi.spyOn(console, "warn");
  const seed = await demoSeedWith([jane]);
  appSecret = seed.clients.find((client) => client.client_id === appClientId)?.client_secret ?? "";
  tenant = await startLocalTenant({
    seed,
    loginSide: {
      callbacks: { [appClientId]: [appCallback] },
      passwords: { "auth0|jane": janePassword },
    },
  });
});

afterAll(async () => {
  warnings.mockRestore();
  await tenant.close();
});

function authorizeUrl(params: Record<string, string>): string {
  const url = new URL("/authorize", tenant.api.origin);
  url.search = new URLSearchParams({
    client_id: appClientId,
    response_type: "code",
    redirect_uri: appCallback,
    scope: "openid profile email",
    ...params,
  }).toString();
  return url.toString();
}

async function exchange(code: string, verifier: string, overrides: Record<string, string> = {}) {
  const response = await fetch(new URL("/oauth/token", tenant.api.origin), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      client_id: appClientId,
      client_secret: appSecret,
      code,
      code_verifier: verifier,
      redirect_uri: appCallback,
      ...overrides,
    }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

async function signInToDatabase(
  browser: CookieClient,
  params: Record<string, string>,
  password = janePassword,
) {
  const page = await browser.follow(authorizeUrl(params), appCallback);
  if (page.location?.startsWith(appCallback)) return { page, callback: new URL(page.location) };
  const submitted = await browser.follow(formAction(page, database), appCallback, {
    form: { connection: database, email: "jane@example.com", password },
  });
  return {
    page,
    submitted,
    callback: submitted.location ? new URL(submitted.location) : undefined,
  };
}

describe("discovery", () => {
  it("serves-openid-configuration-at-auth0's-paths-with-the-issuer-https-host-slash", async () => {
    const config = (await (
      await fetch(new URL("/.well-known/openid-configuration", tenant.api.origin))
    ).json()) as Record<string, unknown>;
    expect(config).toMatchObject({
      issuer: `${tenant.api.origin}/`,
      authorization_endpoint: `${tenant.api.origin}/authorize`,
      token_endpoint: `${tenant.api.origin}/oauth/token`,
      jwks_uri: `${tenant.api.origin}/.well-known/jwks.json`,
      code_challenge_methods_supported: ["S256"],
    });
    expect(config.id_token_signing_alg_values_supported).toContain("RS256");
    const jwks = (await (
      await fetch(new URL("/.well-known/jwks.json", tenant.api.origin))
    ).json()) as {
      keys: { kty: string; alg: string; d?: string }[];
    };
    expect(jwks.keys).toEqual([expect.objectContaining({ kty: "RSA", alg: "RS256" })]);
    expect(jwks.keys[0]?.d).toBeUndefined();
  });

  it("leaves-client-credentials-to-the-management-api-emulator-on-the-same-token-endpoint", async () => {
    const response = await fetch(new URL("/oauth/token", tenant.api.origin), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        grant_type: "client_credentials",
        client_id: "nobody",
        client_secret: "x",
      }),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: "access_denied",
      error_description: "Unauthorized",
    });
  });
});

describe("a database sign-in", () => {
  it("pre-fills-login_hint-checks-the-password-and-issues-a-verified-RS256-id-token", async () => {
    const browser = new CookieClient();
    const pkce = newPkce();
    const nonce = randomBytes(16).toString("hex");
    const params = {
      connection: database,
      login_hint: "jane@example.com",
      nonce,
      state: "app-state",
      code_challenge: pkce.challenge,
      code_challenge_method: "S256",
    };
    const page = await browser.follow(authorizeUrl(params));
    expect(page.status).toBe(200);
    expect(page.body).toContain(
      'name="email" autocomplete="username" required value="jane@example.com"',
    );
    expect(page.body).not.toContain("Continue with google-oauth2");

    const wrong = await browser.request(formAction(page, database), {
      form: { connection: database, email: "jane@example.com", password: "guess" },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toContain("Wrong email or password.");

    const done = await browser.follow(formAction(page, database), appCallback, {
      form: { connection: database, email: "jane@example.com", password: janePassword },
    });
    const callback = new URL(done.location ?? "");
    expect(callback.searchParams.get("state")).toBe("app-state");
    const code = callback.searchParams.get("code") ?? "";

    const tokens = await exchange(code, pkce.verifier);
    expect(tokens.status).toBe(200);
    const claims = await verifiedIdTokenClaims(
      tokens.body.id_token ?? "",
      `${tenant.api.origin}/.well-known/jwks.json`,
    );
    expect(claims).toMatchObject({
      iss: `${tenant.api.origin}/`,
      aud: appClientId,
      sub: "auth0|jane",
      nonce,
      email: "jane@example.com",
      email_verified: true,
    });
    expect(claims.auth_time).toBeGreaterThan(Date.now() / 1000 - 60);

    const replayed = await exchange(code, pkce.verifier);
    expect(replayed).toMatchObject({ status: 400, body: { error: "invalid_grant" } });
  });

  it("takes-a-code-exchange-sent-as-json-as-auth0-does-and-hands-it-on-without-a-warning", async () => {
    const pkce = newPkce();
    const { callback } = await signInToDatabase(new CookieClient(), {
      code_challenge: pkce.challenge,
      code_challenge_method: "S256",
      connection: database,
    });
    const response = await fetch(new URL("/oauth/token", tenant.api.origin), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        grant_type: "authorization_code",
        client_id: appClientId,
        client_secret: appSecret,
        code: callback?.searchParams.get("code"),
        code_verifier: pkce.verifier,
        redirect_uri: appCallback,
      }),
    });

    expect(response.status).toBe(200);
    expect(((await response.json()) as { id_token?: string }).id_token).toEqual(expect.any(String));
    const bodyWarnings = warnings.mock.calls.filter((args) =>
      String(args[0]).includes("request body"),
    );
    expect(bodyWarnings).toEqual([]);
  });

  it("refuses-a-code-with-the-wrong-pkce-verifier-or-client-secret", async () => {
    const pkce = newPkce();
    const params = {
      code_challenge: pkce.challenge,
      code_challenge_method: "S256",
      connection: database,
    };
    const first = await signInToDatabase(new CookieClient(), params);
    const wrongVerifier = await exchange(
      first.callback?.searchParams.get("code") ?? "",
      newPkce().verifier,
    );
    expect(wrongVerifier).toMatchObject({ status: 400, body: { error: "invalid_grant" } });

    const second = await signInToDatabase(new CookieClient(), params);
    const wrongSecret = await exchange(
      second.callback?.searchParams.get("code") ?? "",
      pkce.verifier,
      {
        client_secret: "not-the-secret",
      },
    );
    expect(wrongSecret).toMatchObject({ status: 401, body: { error: "invalid_client" } });
  });

  it("offers-only-the-connection-the-request-names-and-refuses-another", async () => {
    const browser = new CookieClient();
    const page = await browser.follow(authorizeUrl({ connection: database }));
    const other = await browser.request(formAction(page, database), {
      form: {
        connection: "google-oauth2",
        user_id: "g-1",
        email: "jane@example.com",
        email_verified: "true",
      },
    });
    expect(other.status).toBe(400);
    expect(tenant.state.findUserByIdentity("google-oauth2", "g-1")).toBeUndefined();
  });

  it("answers-from-the-session-after-running-the-pipeline-again-and-asks-again-for-prompt-login-and-max_age-0", async () => {
    const browser = new CookieClient();
    await signInToDatabase(browser, { connection: database });
    const logins = tenant.state.getUser("auth0|jane")?.logins_count ?? 0;
    const fromSession = await browser.follow(authorizeUrl({ connection: database }), appCallback);
    expect(fromSession.location).toMatch(/^http:\/\/localhost:1\/callback\?code=/);
    const silent = await browser.follow(authorizeUrl({ prompt: "none" }), appCallback);
    expect(silent.location).toMatch(/^http:\/\/localhost:1\/callback\?code=/);
    // Auth0 runs the post-login pipeline at every login, one the session answers included.
    expect(tenant.state.getUser("auth0|jane")?.logins_count).toBe(logins + 2);

    const forcedSignIns: Record<string, string>[] = [{ prompt: "login" }, { max_age: "0" }];
    for (const forced of forcedSignIns) {
      const again = await browser.follow(
        authorizeUrl({ connection: database, ...forced }),
        appCallback,
      );
      expect(again.status, JSON.stringify(forced)).toBe(200);
      expect(again.body, JSON.stringify(forced)).toContain('name="password"');
    }
  });

  it("keeps-the-auth_time-of-the-sign-in-when-the-session-answers-a-later-login", async () => {
    const browser = new CookieClient();
    const authTimeOf = async (hop: { location?: string }, verifier: string) => {
      const code = new URL(hop.location ?? "").searchParams.get("code") ?? "";
      const idToken = (await exchange(code, verifier)).body.id_token ?? "";
      return JSON.parse(Buffer.from(idToken.split(".")[1] ?? "", "base64url").toString())
        .auth_time as number;
    };
    const first = newPkce();
    const signedIn = await signInToDatabase(browser, {
      connection: database,
      code_challenge: first.challenge,
      code_challenge_method: "S256",
    });
    const signInTime = await authTimeOf(signedIn.submitted ?? signedIn.page, first.verifier);
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    const later = newPkce();
    const fromSession = await browser.follow(
      authorizeUrl({
        connection: database,
        code_challenge: later.challenge,
        code_challenge_method: "S256",
      }),
      appCallback,
    );
    // OIDC's auth_time is when the person authenticated, not when a session answered.
    expect(await authTimeOf(fromSession, later.verifier)).toBe(signInTime);
  });

  it("answers-prompt-none-without-a-session-with-login_required", async () => {
    const hop = await new CookieClient().follow(authorizeUrl({ prompt: "none" }), appCallback);
    expect(new URL(hop.location ?? "").searchParams.get("error")).toBe("login_required");
  });
});

describe("a provider's stand-in page", () => {
  it("runs-the-deployed-action-which-links-a-verified-google-sign-up-into-the-database-account", async () => {
    const browser = new CookieClient();
    const pkce = newPkce();
    const page = await browser.follow(
      authorizeUrl({
        connection: "google-oauth2",
        code_challenge: pkce.challenge,
        code_challenge_method: "S256",
      }),
    );
    const done = await browser.follow(formAction(page, "google-oauth2"), appCallback, {
      form: {
        connection: "google-oauth2",
        user_id: "g-jane",
        email: "jane@example.com",
        email_verified: "true",
      },
    });
    const tokens = await exchange(
      new URL(done.location ?? "").searchParams.get("code") ?? "",
      pkce.verifier,
    );
    const claims = await verifiedIdTokenClaims(
      tokens.body.id_token ?? "",
      `${tenant.api.origin}/.well-known/jwks.json`,
    );
    expect(claims.sub).toBe("auth0|jane");
    expect(
      tenant.state.getUser("auth0|jane")?.identities.map((identity) => identity.provider),
    ).toEqual(["auth0", "google-oauth2"]);
  });
});
