import { type LocalTenant, startLocalTenant } from "../../../../src/local-tenant/local-tenant";
import type { Client, TenantSeed } from "../../../../src/local-tenant/tenant-state";
import { type CookieClient, formAction, type Hop, newPkce } from "./cookie-client";
import { database, demoSeedWith, jane } from "./seed";

export const janePassword = "correct horse battery staple";
export const appCallback = "http://localhost:1/callback";
export const appSignedOut = "http://localhost:1/signed-out";
export const tenantSignedOut = "http://localhost:1/tenant-signed-out";
export const spaOrigin = "http://localhost:2";
export const ordersApi = "https://orders.example.com/";
export const reportsApi = "https://reports.example.com/";

export function application(client_id: string, settings: Partial<Client>): Client {
  return {
    client_id,
    client_secret: `local-only-${client_id}-secret-not-a-real-credential`,
    name: client_id,
    grants: [],
    app_type: "regular_web",
    callbacks: [appCallback],
    ...settings,
  };
}

/** Applications as a developer would configure them on Auth0, one per setting under test. */
export const apps = {
  rotating: application("RotatingWebApp00000000000000001", {
    grant_types: ["authorization_code", "refresh_token"],
    allowed_logout_urls: [appSignedOut],
    refresh_token: { rotation_type: "rotating" },
  }),
  nonRotating: application("NonRotatingWebApp0000000000002", {
    grant_types: ["authorization_code", "refresh_token"],
    refresh_token: { rotation_type: "non-rotating" },
  }),
  codeOnly: application("CodeOnlyWebApp0000000000000003", {
    grant_types: ["authorization_code"],
  }),
  implicit: application("ImplicitWebApp0000000000000004", {
    grant_types: ["authorization_code", "implicit"],
  }),
  spa: application("SinglePageApp00000000000000005", {
    app_type: "spa",
    token_endpoint_auth_method: "none",
    grant_types: ["authorization_code", "refresh_token"],
    callbacks: [`${spaOrigin}/`],
    web_origins: [spaOrigin],
    allowed_logout_urls: [`${spaOrigin}/`],
    refresh_token: { rotation_type: "rotating" },
  }),
} as const;

export async function startAppDeveloperTenant(
  extra: Partial<TenantSeed> = {},
  settings: Record<string, string> = {},
): Promise<LocalTenant> {
  const seed = await demoSeedWith([jane]);
  const { clients: extraClients = [], ...rest } = extra;
  return startLocalTenant({
    seed: {
      ...seed,
      clients: [
        ...seed.clients,
        ...Object.values(apps).map((app) => structuredClone(app)),
        ...extraClients,
      ],
      allowed_logout_urls: [tenantSignedOut],
      resource_servers: [
        {
          identifier: ordersApi,
          name: "Orders",
          scopes: [{ value: "read:orders" }, { value: "write:orders" }],
          enforce_policies: false,
        },
        {
          identifier: reportsApi,
          name: "Reports",
          scopes: [{ value: "read:reports" }, { value: "export:reports" }],
          enforce_policies: true,
          token_dialect: "access_token_authz",
        },
      ],
      ...rest,
    },
    settings,
    loginSide: { passwords: { "auth0|jane": janePassword } },
  });
}

export function authorizeUrl(
  tenant: LocalTenant,
  app: Client,
  params: Record<string, string>,
): string {
  const url = new URL("/authorize", tenant.api.origin);
  url.search = new URLSearchParams({
    client_id: app.client_id,
    response_type: "code",
    redirect_uri: app.callbacks?.[0] ?? appCallback,
    scope: "openid profile email",
    ...params,
  }).toString();
  return url.toString();
}

/**
 * Jane signs in with her password; answers the hop that returns to the application (a redirect,
 * or a page whose form posts to it) without following it.
 */
export async function janeSignsIn(
  tenant: LocalTenant,
  browser: CookieClient,
  app: Client,
  params: Record<string, string>,
): Promise<Hop> {
  const callback = app.callbacks?.[0] ?? appCallback;
  let hop = await browser.request(authorizeUrl(tenant, app, { connection: database, ...params }));
  for (let hops = 0; hops < 10 && hop.location && !hop.location.startsWith(callback); hops++) {
    hop = await browser.request(hop.location);
  }
  if (
    hop.location?.startsWith(callback) ||
    hop.status !== 200 ||
    !hop.body.includes('<form method="post" action="/login/')
  ) {
    return hop;
  }
  hop = await browser.request(formAction(hop, database), {
    form: { connection: database, email: "jane@example.com", password: janePassword },
  });
  for (let hops = 0; hops < 10 && hop.location && !hop.location.startsWith(callback); hops++) {
    hop = await browser.request(hop.location);
  }
  return hop;
}

/** A code flow with PKCE to its token response. */
export async function codeFlowTokens(
  tenant: LocalTenant,
  browser: CookieClient,
  app: Client,
  params: Record<string, string> = {},
) {
  const pkce = newPkce();
  const hop = await janeSignsIn(tenant, browser, app, {
    code_challenge: pkce.challenge,
    code_challenge_method: "S256",
    ...params,
  });
  const code = hop.location ? new URL(hop.location).searchParams.get("code") : null;
  if (!code) throw new Error(`no code: ${hop.status} ${hop.location ?? hop.body.slice(0, 300)}`);
  return tokenRequest(tenant, app, {
    grant_type: "authorization_code",
    code,
    code_verifier: pkce.verifier,
    redirect_uri: app.callbacks?.[0] ?? appCallback,
  });
}

export async function tokenRequest(
  tenant: LocalTenant,
  app: Client,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
) {
  const response = await fetch(new URL("/oauth/token", tenant.api.origin), {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: new URLSearchParams({
      client_id: app.client_id,
      ...(app.token_endpoint_auth_method === "none" ? {} : { client_secret: app.client_secret }),
      ...fields,
    }),
  });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, string>,
  };
}

export function claimsOf(jwt: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(jwt.split(".")[1] ?? "", "base64url").toString()) as Record<
    string,
    unknown
  >;
}
