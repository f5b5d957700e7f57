import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type LocalTenant,
  loadDemoSeed,
  startLocalTenant,
} from "../../../src/local-tenant/local-tenant";
import { CookieClient, formAction } from "./support/cookie-client";
import { database, demoSeedWith, jane } from "./support/seed";

const appClientId = "LocalLoginApplication0000000000";
const appCallback = "http://localhost:1/callback";

let tenant: LocalTenant;

beforeAll(async () => {
  tenant = await startLocalTenant({
    seed: await demoSeedWith([jane]),
    tenantYamlPath: resolve(import.meta.dirname, "fixtures/nested-action/tenant.yaml"),
    loginSide: { callbacks: { [appClientId]: [appCallback] } },
  });
});

afterAll(() => tenant.close());

function appAuthorizeUrl(connection: string): string {
  const url = new URL("/authorize", tenant.api.origin);
  url.search = new URLSearchParams({
    client_id: appClientId,
    response_type: "code",
    redirect_uri: appCallback,
    scope: "openid",
    connection,
    state: "app-state",
  }).toString();
  return url.toString();
}

async function exchangeAppCode(code: string) {
  const seed = await loadDemoSeed({ withUsers: false });
  const response = await fetch(new URL("/oauth/token", tenant.api.origin), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      client_id: appClientId,
      client_secret:
        seed.clients.find((client) => client.client_id === appClientId)?.client_secret ?? "",
      code,
      redirect_uri: appCallback,
    }),
  });
  const { id_token: idToken } = (await response.json()) as { id_token: string };
  return JSON.parse(Buffer.from(idToken.split(".")[1] ?? "", "base64url").toString()) as {
    sub: string;
  };
}

describe("an Action's redirect over HTTPS", () => {
  it("suspends-the-login-runs-the-nested-login's-pipeline-and-resumes-at-continue", async () => {
    const browser = new CookieClient();
    const samlPage = await browser.follow(appAuthorizeUrl("partner-saml"));
    // The SAML sign-in runs the Action, which sends the browser to a nested sign-in.
    const nestedPage = await browser.follow(formAction(samlPage, "partner-saml"), appCallback, {
      form: { connection: "partner-saml", user_id: "jane-saml", email: "jane@example.com" },
    });
    expect(nestedPage.url).toMatch(new RegExp(`^${tenant.api.origin}/login/`));
    expect(nestedPage.body).toContain('value="jane@example.com"');
    expect(nestedPage.body).not.toContain("partner-saml");

    const done = await browser.follow(formAction(nestedPage, database), appCallback, {
      form: { connection: database, email: "jane@example.com", password: "local-tenant-password" },
    });
    const callback = new URL(done.location ?? "");
    expect(callback.searchParams.get("state")).toBe("app-state");
    expect((await exchangeAppCode(callback.searchParams.get("code") ?? "")).sub).toBe(
      "samlp|jane-saml",
    );

    // onContinuePostLogin saw /continue's query and the nested login's ID token.
    const nested = tenant.state.getUser("samlp|jane-saml")?.app_metadata.nested as Record<
      string,
      unknown
    >;
    expect(nested).toMatchObject({
      sub: "auth0|jane",
      nonce_matches: true,
      query: ["code", "iss", "state"],
    });
    expect(nested.auth_time).toBeGreaterThan(Date.now() / 1000 - 60);
  });

  it("ends-a-prompt-none-login-whose-action-redirects-in-interaction_required", async () => {
    const browser = new CookieClient();
    const samlPage = await browser.follow(appAuthorizeUrl("partner-saml"));
    const nestedPage = await browser.follow(formAction(samlPage, "partner-saml"), appCallback, {
      form: { connection: "partner-saml", user_id: "jane-saml-2", email: "jane@example.com" },
    });
    await browser.follow(formAction(nestedPage, database), appCallback, {
      form: { connection: database, email: "jane@example.com", password: "local-tenant-password" },
    });
    // The session is the SAML account's; a silent login runs the Action, which redirects.
    const silent = await browser.follow(
      `${appAuthorizeUrl("partner-saml")}&prompt=none`,
      appCallback,
    );
    expect(new URL(silent.location ?? "").searchParams.get("error")).toBe("interaction_required");
  });

  it("answers-continue-without-a-state-or-with-an-unknown-one-with-invalid_request", async () => {
    for (const query of ["", "?state=forged"]) {
      const response = await fetch(`${tenant.api.origin}/continue${query}`);
      expect(response.status, query).toBe(400);
      expect(await response.text(), query).toContain('data-error="invalid_request"');
    }
  });

  it("returns-access_denied-to-the-application-when-the-action-denies", async () => {
    const browser = new CookieClient();
    const page = await browser.follow(appAuthorizeUrl("acme-okta"));
    const done = await browser.follow(formAction(page, "acme-okta"), appCallback, {
      form: { connection: "acme-okta", user_id: "okta-1", email: "o@example.com" },
    });
    const callback = new URL(done.location ?? "");
    expect(callback.searchParams.get("error")).toBe("access_denied");
    expect(callback.searchParams.get("error_description")).toBe("not through okta");
    expect(callback.searchParams.get("code")).toBeNull();
  });
});
