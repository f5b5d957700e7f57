import {
  type LocalTenant,
  loadDemoSeed,
  startLocalTenant,
} from "../../../src/local-tenant/local-tenant";
import type { StoredUser, TenantSeed } from "../../../src/local-tenant/tenant-state";
import {
  CookieClient,
  formAction,
  type Hop,
} from "../../local-tenant/login-side/support/cookie-client";
import { closeWhenDone } from "../../security/support/scenario-scope";

export const appClientId = "LocalLoginApplication0000000000";
export const appCallback = "http://localhost:1/callback";
export const promptClientId = "PromptLinkingClient0000000000005";
export const database = "Username-Password-Authentication";
export const okta = "acme-okta";
export const email = "jane@example.com";
export const password = "local-tenant-password";

export const janeDatabase: StoredUser = {
  user_id: "auth0|jane",
  email,
  email_verified: true,
  created_at: "2024-01-01T00:00:00.000Z",
  updated_at: "2024-01-01T00:00:00.000Z",
  identities: [{ provider: "auth0", user_id: "jane", connection: database, isSocial: false }],
  app_metadata: {},
  user_metadata: { theme: "dark" },
};

/** Another database account the person also owns, with another address. */
export const janeWorkDatabase: StoredUser = {
  ...janeDatabase,
  user_id: "auth0|jane-work",
  email: "jane.work@example.com",
  identities: [{ provider: "auth0", user_id: "jane-work", connection: database, isSocial: false }],
  user_metadata: {},
};

/** What the user ids hold: memberships, roles, direct permissions. */
export type Holdings = Pick<TenantSeed, "organizations" | "roles" | "permissions">;

/** The local tenant with its login side, the built Action, and prompted linking switched on. */
export async function promptedTenant(
  users: StoredUser[] = [janeDatabase],
  settings: Record<string, string> = {},
  holdings: Holdings = {},
): Promise<LocalTenant> {
  const seed = await loadDemoSeed({ withUsers: false });
  const promptClient = seed.clients.find((client) => client.client_id === promptClientId);
  const tenant = await startLocalTenant({
    seed: { ...seed, users: structuredClone(users), ...structuredClone(holdings) },
    settings: {
      PROMPTED_LINKING: "on",
      PROMPT_CLIENT_ID: promptClientId,
      PROMPT_CLIENT_SECRET: promptClient?.client_secret ?? "",
      ...settings,
    },
    loginSide: { callbacks: { [appClientId]: [appCallback] } },
  });
  closeWhenDone(() => tenant.close());
  return tenant;
}

export function appAuthorizeUrl(tenant: LocalTenant, connection: string): string {
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

/**
 * The app's login through a provider's stand-in (Okta, passwordless, ...) that asserts the address
 * as verified, stopped at the Action's redirect: the hop whose location is the nested /authorize
 * URL (when the Action did not prompt, the hop back to /authorize that ends the login).
 */
export async function providerSignInRedirect(
  tenant: LocalTenant,
  browser: CookieClient,
  login: { connection: string; userId: string },
  authorizeUrl = appAuthorizeUrl(tenant, login.connection),
): Promise<Hop> {
  const providerPage = await browser.follow(authorizeUrl);
  return browser.request(formAction(providerPage, login.connection), {
    form: { connection: login.connection, user_id: login.userId, email, email_verified: "true" },
  });
}

/** `providerSignInRedirect` through Okta. */
export function oktaSignInRedirect(
  tenant: LocalTenant,
  browser: CookieClient,
  oktaUserId = "okta-jane",
  authorizeUrl = appAuthorizeUrl(tenant, okta),
): Promise<Hop> {
  return providerSignInRedirect(
    tenant,
    browser,
    { connection: okta, userId: oktaUserId },
    authorizeUrl,
  );
}

/** The app's login through Okta with the address; stops at the page the Action sends it to. */
export async function signInThroughOkta(
  tenant: LocalTenant,
  browser: CookieClient,
  oktaUserId = "okta-jane",
): Promise<Hop> {
  const redirect = await oktaSignInRedirect(tenant, browser, oktaUserId);
  if (!redirect.location || redirect.location.startsWith(appCallback)) return redirect;
  return browser.follow(redirect.location, appCallback);
}

/** Submits the nested database sign-in; returns the hop that reaches the app's callback. */
export function signInToDatabase(
  browser: CookieClient,
  nestedPage: Hop,
  as: { email: string; password: string } = { email, password },
): Promise<Hop> {
  return browser.follow(formAction(nestedPage, database), appCallback, {
    form: { connection: database, ...as },
  });
}

/** The URL the nested sign-in was sent to, found among the hops to it (the Action's redirect). */
export function notNowUrl(page: Hop): string {
  const href = /<a href="([^"]+)" data-action="not-now">/.exec(page.body)?.[1];
  if (!href) throw new Error(`no "Not now" on ${page.url}`);
  return new URL(href.replaceAll("&amp;", "&"), page.url).toString();
}

/** The app's code exchanged at the tenant: the ID token's claims. */
export async function appTokens(tenant: LocalTenant, callback: Hop): Promise<{ sub: string }> {
  const location = new URL(callback.location ?? callback.url);
  const code = location.searchParams.get("code");
  if (!code) throw new Error(`no code at the callback: ${location.search}`);
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

export { recordLinkingLines } from "../../../src/local-tenant/story/action-lines";
export { CookieClient };
