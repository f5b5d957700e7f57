import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalTenant } from "../../../src/local-tenant/local-tenant";
import {
  appCallback,
  appSignedOut,
  apps,
  authorizeUrl,
  codeFlowTokens,
  startAppDeveloperTenant,
  tenantSignedOut,
} from "./support/app-developer-tenant";
import { CookieClient } from "./support/cookie-client";

let tenant: LocalTenant;

beforeAll(async () => {
  tenant = await startAppDeveloperTenant();
});

afterAll(async () => {
  await tenant.close();
});

/** Jane, signed in to the application: a browser holding her session. */
async function signedInBrowser() {
  const browser = new CookieClient();
  const tokens = await codeFlowTokens(tenant, browser, apps.rotating);
  expect(tokens.status).toBe(200);
  return { browser, idToken: tokens.body.id_token ?? "" };
}

/** What a silent login answers: a code while the session lasts, `login_required` after. */
async function silentLogin(browser: CookieClient): Promise<URLSearchParams> {
  const hop = await browser.follow(
    authorizeUrl(tenant, apps.rotating, { prompt: "none" }),
    appCallback,
  );
  return new URL(hop.location ?? "http://localhost/").searchParams;
}

function logoutUrl(params: Record<string, string>): string {
  return `${tenant.api.origin}/v2/logout?${new URLSearchParams(params)}`;
}

describe("GET /v2/logout", () => {
  it("ends-the-session-and-returns-to-one-of-the-application's-allowed-logout-urls", async () => {
    const { browser } = await signedInBrowser();
    expect((await silentLogin(browser)).get("code")).toBeTruthy();
    const hop = await browser.request(
      logoutUrl({ client_id: apps.rotating.client_id, returnTo: appSignedOut }),
    );
    expect(hop.status).toBe(302);
    expect(hop.location).toBe(appSignedOut);
    const after = await silentLogin(browser);
    expect(after.get("code")).toBeNull();
    expect(after.get("error")).toBe("login_required");
  });

  it("ends-the-session-at-the-tenant-not-only-in-the-browser's-cookies", async () => {
    const { browser } = await signedInBrowser();
    const silentUrl = authorizeUrl(tenant, apps.rotating, { prompt: "none" });
    const copied = browser.cookieHeaderFor(silentUrl);
    const replay = () =>
      fetch(silentUrl, { redirect: "manual", headers: { cookie: copied } }).then(
        (response) => new URL(response.headers.get("location") ?? "http://localhost/").searchParams,
      );
    expect((await replay()).get("code")).toBeTruthy();
    await browser.request(logoutUrl({ client_id: apps.rotating.client_id }));
    expect((await replay()).get("error")).toBe("login_required");
  });

  it("refuses-a-returnTo-the-application-does-not-allow-and-the-session-lasts", async () => {
    const { browser } = await signedInBrowser();
    const hop = await browser.request(
      logoutUrl({ client_id: apps.rotating.client_id, returnTo: "https://elsewhere.example/" }),
    );
    expect(hop.status).toBe(400);
    expect(hop.body).toContain("Allowed Logout URLs");
    expect((await silentLogin(browser)).get("code")).toBeTruthy();
  });

  it("checks-the-tenant's-list-when-no-client-is-named", async () => {
    const { browser } = await signedInBrowser();
    const applicationsOwn = await browser.request(logoutUrl({ returnTo: appSignedOut }));
    expect(applicationsOwn.status).toBe(400);
    expect((await silentLogin(browser)).get("code")).toBeTruthy();
    const hop = await browser.request(logoutUrl({ returnTo: tenantSignedOut }));
    expect(hop.status).toBe(302);
    expect(hop.location).toBe(tenantSignedOut);
    expect((await silentLogin(browser)).get("error")).toBe("login_required");
  });

  it("answers-OK-without-returnTo-and-ends-the-session", async () => {
    const { browser } = await signedInBrowser();
    const hop = await browser.request(logoutUrl({ client_id: apps.rotating.client_id }));
    expect(hop.status).toBe(200);
    expect(hop.body).toBe("OK");
    expect((await silentLogin(browser)).get("error")).toBe("login_required");
  });
});

describe("OIDC logout (end_session_endpoint)", () => {
  it("is-in-discovery-ends-the-session-and-returns-to-the-post_logout_redirect_uri", async () => {
    const config = (await (
      await fetch(`${tenant.api.origin}/.well-known/openid-configuration`)
    ).json()) as { end_session_endpoint: string };
    const { browser, idToken } = await signedInBrowser();
    const url = new URL(config.end_session_endpoint);
    url.search = new URLSearchParams({
      id_token_hint: idToken,
      post_logout_redirect_uri: appSignedOut,
      state: "app-state",
    }).toString();
    const hop = await browser.follow(url.toString(), appSignedOut);
    expect(hop.location).toBe(`${appSignedOut}?state=app-state`);
    expect((await silentLogin(browser)).get("error")).toBe("login_required");
  });

  it("refuses-a-post_logout_redirect_uri-not-among-the-allowed-logout-urls", async () => {
    const { browser, idToken } = await signedInBrowser();
    const url = new URL(`${tenant.api.origin}/oidc/logout`);
    url.search = new URLSearchParams({
      id_token_hint: idToken,
      post_logout_redirect_uri: "https://elsewhere.example/",
    }).toString();
    const hop = await browser.follow(url.toString(), "https://elsewhere.example/");
    expect(hop.location).toBeUndefined();
    expect(hop.status).toBe(400);
    expect((await silentLogin(browser)).get("code")).toBeTruthy();
  });
});
