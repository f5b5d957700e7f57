import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type LocalBrowser, launchChromium } from "../../src/local-tenant/browser/chromium";
import { signInWithPassword } from "../../src/local-tenant/browser/sign-in";
import { type LocalTenant, startLocalTenant } from "../../src/local-tenant/local-tenant";
import { demoSeedWith, jane } from "../local-tenant/login-side/support/seed";

// A single-page application nobody here wrote the client of: @auth0/auth0-spa-js, in Debian's
// Chromium, against the local tenant. It signs in with loginWithRedirect, finishes with
// handleRedirectCallback, and refreshes with getTokenSilently over a refresh token: a public
// client (no secret, PKCE) calling /oauth/token cross-origin, which CORS must allow.

const spaClientId = "SpaJsApplication00000000000001";
const password = "jane's password";
let spaServer: Server;
let spaOrigin: string;
let tenant: LocalTenant;
let browser: LocalBrowser;

// The page the application serves: the SDK's own browser bundle, driven from the test.
const spaPage = `<!doctype html><html><head><title>SPA</title>
<script src="/auth0-spa-js.js"></script></head><body>spa</body></html>`;

beforeAll(async () => {
  const require = createRequire(import.meta.url);
  const bundle = await readFile(
    require.resolve("@auth0/auth0-spa-js/dist/auth0-spa-js.production.js"),
  );
  spaServer = createServer((request, response) => {
    const body = request.url === "/auth0-spa-js.js" ? bundle : spaPage;
    const type = request.url === "/auth0-spa-js.js" ? "text/javascript" : "text/html";
    response.writeHead(200, { "content-type": type });
    response.end(body);
  });
  await new Promise<void>((resolve) => spaServer.listen(0, "127.0.0.1", resolve));
  spaOrigin = `http://localhost:${(spaServer.address() as AddressInfo).port}`;

  const seed = await demoSeedWith([jane]);
  tenant = await startLocalTenant({
    seed: {
      ...seed,
      clients: [
        ...seed.clients,
        {
          client_id: spaClientId,
          client_secret: "unused-by-a-public-client",
          name: "SPA",
          grants: [],
          app_type: "spa",
          token_endpoint_auth_method: "none",
          grant_types: ["authorization_code", "refresh_token"],
          callbacks: [`${spaOrigin}/`],
          web_origins: [spaOrigin],
          allowed_logout_urls: [`${spaOrigin}/`],
          refresh_token: { rotation_type: "rotating" },
        },
      ],
    },
    loginSide: { passwords: { "auth0|jane": password } },
  });
  browser = await launchChromium({
    trust: [{ origin: tenant.api.origin, caPem: tenant.api.caPem }],
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await tenant?.close();
  await new Promise((resolve) => spaServer?.close(resolve));
});

async function spaClient(page: Page, clientId: string) {
  await page.evaluate(
    async ({ domain, clientId, redirect }) => {
      const sdk = (
        window as unknown as { auth0: { createAuth0Client(o: object): Promise<unknown> } }
      ).auth0;
      (window as unknown as { client: unknown }).client = await sdk.createAuth0Client({
        domain,
        clientId,
        useRefreshTokens: true,
        cacheLocation: "localstorage",
        authorizationParams: {
          redirect_uri: redirect,
          scope: "openid profile email offline_access",
        },
      });
    },
    { domain: tenant.api.domain, clientId, redirect: `${spaOrigin}/` },
  );
}

it("logs-in-with-redirect-handles-the-callback-and-refreshes-silently-with-a-refresh-token", async () => {
  const page = await browser.context.newPage();
  const tokenRequests: { method: string; grantType: string | undefined }[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname !== "/oauth/token") return;
    const body = new URLSearchParams(request.postData() ?? "");
    tokenRequests.push({
      method: request.method(),
      grantType: body.get("grant_type") ?? undefined,
    });
  });
  await page.goto(`${spaOrigin}/`);
  await spaClient(page, spaClientId);
  await Promise.all([
    page.waitForURL((url) => url.pathname.startsWith("/login/")),
    page.evaluate(() =>
      (
        window as unknown as { client: { loginWithRedirect(): Promise<void> } }
      ).client.loginWithRedirect(),
    ),
  ]);
  await signInWithPassword(page, { email: "jane@example.com", password });
  await page.waitForURL((url) => url.origin === spaOrigin);

  await spaClient(page, spaClientId);
  const user = await page.evaluate(async () => {
    const client = (
      window as unknown as {
        client: { handleRedirectCallback(): Promise<unknown>; getUser(): Promise<{ sub: string }> };
      }
    ).client;
    await client.handleRedirectCallback();
    return client.getUser();
  });
  expect(user.sub).toBe("auth0|jane");

  const refreshed = await page.evaluate(async () => {
    const client = (
      window as unknown as {
        client: { getTokenSilently(o: object): Promise<string> };
      }
    ).client;
    return client.getTokenSilently({ cacheMode: "off" });
  });
  expect(refreshed).toEqual(expect.any(String));
  expect(tokenRequests.map(({ grantType }) => grantType).filter(Boolean)).toEqual([
    "authorization_code",
    "refresh_token",
  ]);
}, 60_000);

it("control: answers-CORS-only-to-the-application's-allowed-web-origins", async () => {
  const tokenRequestFrom = (origin: string) =>
    fetch(`${tenant.api.origin}/oauth/token`, {
      method: "POST",
      headers: { origin, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "refresh_token",
        client_id: spaClientId,
        refresh_token: "not-a-refresh-token",
      }),
    });
  const allowed = await tokenRequestFrom(spaOrigin);
  expect(allowed.headers.get("access-control-allow-origin")).toBe(spaOrigin);
  const other = await tokenRequestFrom("http://localhost:1");
  expect(other.headers.get("access-control-allow-origin")).toBeNull();
});
