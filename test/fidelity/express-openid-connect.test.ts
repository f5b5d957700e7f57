import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express, { type RequestHandler } from "express";
import { auth } from "express-openid-connect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalTenant } from "../../src/local-tenant/local-tenant";
import {
  application,
  janePassword,
  startAppDeveloperTenant,
} from "../local-tenant/login-side/support/app-developer-tenant";
import { CookieClient, formAction } from "../local-tenant/login-side/support/cookie-client";
import { database } from "../local-tenant/login-side/support/seed";

// express-openid-connect (which nobody here wrote) at its quick-start defaults: response_type
// id_token with response_mode form_post, so the application needs the implicit grant, and
// logout at the tenant (idpLogout) back to the application.

const clientId = "ExpressQuickStartApp0000000001";
let tenant: LocalTenant;
let app: Server;
let baseURL: string;

beforeAll(async () => {
  // The application's port is known once it listens, the tenant's once the tenant does.
  let openid: RequestHandler = (_request, _response, next) => next();
  const site = express();
  site.use((request, response, next) => openid(request, response, next));
  site.get("/profile", (request, response) => {
    response.json({ authenticated: request.oidc.isAuthenticated(), user: request.oidc.user });
  });
  app = await new Promise<Server>((resolve) => {
    const server = site.listen(0, "127.0.0.1", () => resolve(server));
  });
  baseURL = `http://localhost:${(app.address() as AddressInfo).port}`;
  tenant = await startAppDeveloperTenant({
    clients: [
      application(clientId, {
        grant_types: ["authorization_code", "implicit"],
        callbacks: [`${baseURL}/callback`],
        allowed_logout_urls: [baseURL],
      }),
    ],
  });
  openid = auth({
    issuerBaseURL: `${tenant.api.origin}/`,
    baseURL,
    clientID: clientId,
    secret: "a-long-local-only-session-secret-for-the-test-application",
    authRequired: false,
    idpLogout: true,
    authorizationParams: { connection: database },
  });
});

afterAll(async () => {
  await tenant?.close();
  await new Promise((resolve) => app?.close(resolve));
});

async function profile(browser: CookieClient) {
  const hop = await browser.request(`${baseURL}/profile`);
  return JSON.parse(hop.body) as { authenticated: boolean; user?: Record<string, unknown> };
}

describe("express-openid-connect at its defaults", () => {
  it("signs-in-through-form_post-and-logs-out-at-the-tenant", async () => {
    const browser = new CookieClient();
    expect((await profile(browser)).authenticated).toBe(false);
    const page = await browser.follow(`${baseURL}/login`);
    expect(new URL(page.url).pathname).toMatch(/^\/login\//);
    await browser.follow(formAction(page, database), undefined, {
      form: { connection: database, email: "jane@example.com", password: janePassword },
    });
    const signedIn = await profile(browser);
    expect(signedIn.authenticated).toBe(true);
    expect(signedIn.user).toMatchObject({ sub: "auth0|jane", email: "jane@example.com" });

    const out = await browser.follow(`${baseURL}/logout`);
    expect(out.url.startsWith(baseURL)).toBe(true);
    expect((await profile(browser)).authenticated).toBe(false);
    // The tenant's session ended too: signing in again asks for the password.
    const again = await browser.follow(`${baseURL}/login`);
    expect(new URL(again.url).pathname).toMatch(/^\/login\//);
  });
});
