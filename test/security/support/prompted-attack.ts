import type { IncomingMessage, ServerResponse } from "node:http";
import { expect } from "vitest";
import type { LocalTenant } from "../../../src/local-tenant/local-tenant";
import type { StoredUser } from "../../../src/local-tenant/tenant-state";
import {
  appCallback,
  appTokens,
  CookieClient,
  janeDatabase,
  oktaSignInRedirect,
  promptClientId,
  promptedTenant,
  recordLinkingLines,
  signInToDatabase,
} from "../../integration/support/prompted-tenant";
import type { Hop } from "../../local-tenant/login-side/support/cookie-client";

export const oktaUserId = "okta|okta-jane";

/**
 * A tenant with the victim's (or the person's) verified database account and prompting on,
 * unless `settings` say otherwise.
 */
export async function startPromptScenario(
  users: StoredUser[] = [janeDatabase],
  settings: Record<string, string> = {},
) {
  const tenant = await promptedTenant(users, settings);
  const lines = recordLinkingLines(tenant);
  return { tenant, lines };
}

/** The nested /authorize URL the Action sent the browser to, after the Okta sign-in. */
export async function promptedAuthorizeUrl(
  tenant: LocalTenant,
  browser: CookieClient,
  oktaId = "okta-jane",
): Promise<URL> {
  return nestedAuthorizeUrl(await oktaSignInRedirect(tenant, browser, oktaId));
}

/** Where the Action's redirect sends the browser: the nested /authorize URL of the prompt. */
export function nestedAuthorizeUrl(redirect: Hop): URL {
  const location = new URL(redirect.location ?? redirect.url);
  if (location.searchParams.get("client_id") !== promptClientId) {
    throw new Error(`the Action did not prompt: ${redirect.location}`);
  }
  return location;
}

/** The same URL with some parameters changed (undefined removes one): what a browser can do. */
export function tampered(url: URL, changes: Record<string, string | undefined>): string {
  const copy = new URL(url);
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined) copy.searchParams.delete(name);
    else copy.searchParams.set(name, value);
  }
  return copy.toString();
}

/** Signs in to the database account at a nested /authorize; returns the hop to the app. */
export async function signInAt(
  browser: CookieClient,
  authorizeUrl: string,
  as?: { email: string; password: string },
): Promise<Hop> {
  const page = await browser.follow(authorizeUrl, appCallback);
  if (page.location?.startsWith(appCallback)) return page;
  return signInToDatabase(browser, page, as);
}

/** Where the login side's MFA challenge page posts the one-time code. */
export function mfaChallengeAction(page: Hop): string {
  const action = /<form method="post" action="([^"]+)" data-mfa-challenge>/.exec(page.body)?.[1];
  if (!action) throw new Error(`no MFA challenge at ${page.url} (status ${page.status})`);
  return new URL(action, page.url).toString();
}

/**
 * Answers the prompt client's code exchange as `answer` says instead of the tenant: a
 * compromised path to the token endpoint. Everything else reaches the tenant.
 */
export function interceptPromptCodeExchange(
  tenant: LocalTenant,
  answer: (fields: URLSearchParams) => Promise<Record<string, unknown>>,
): void {
  const loginSide = tenant.loginSide;
  if (!loginSide) throw new Error("the tenant has no login side");
  const take = loginSide.take.bind(loginSide);
  loginSide.take = async (request: IncomingMessage, response: ServerResponse) => {
    if (request.method !== "POST" || request.url !== "/oauth/token") return take(request, response);
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const fields = new URLSearchParams(body.toString("utf8"));
    if (fields.get("client_id") !== promptClientId) {
      // Hand the tenant the body already read, as if it had not been.
      Object.assign(request, {
        [Symbol.asyncIterator]: async function* () {
          yield body;
        },
      });
      return take(request, response);
    }
    const json = JSON.stringify(await answer(fields));
    response.writeHead(200, { "content-type": "application/json" });
    response.end(json);
    return { taken: true };
  };
}

export type LoginSideFault =
  /** The connection is dropped unanswered: a network error for the caller. */
  | { kind: "reset" }
  /** 200 with a body that is no JSON: a key set or token answer nobody can read. */
  | { kind: "unreadable" }
  /** The tenant answers, this much later. */
  | { kind: "latency"; ms: number };

/**
 * The next `times` requests the Action makes to the login side on behalf of the prompt (its code
 * exchange, or its key-set fetch) meet `fault`; every other request reaches the tenant.
 */
export function faultPromptRequests(
  tenant: LocalTenant,
  target: "code-exchange" | "key-set",
  fault: LoginSideFault,
  times = 1,
): void {
  const loginSide = tenant.loginSide;
  if (!loginSide) throw new Error("the tenant has no login side");
  const take = loginSide.take.bind(loginSide);
  let remaining = times;
  loginSide.take = async (request: IncomingMessage, response: ServerResponse) => {
    let replay: Buffer | undefined;
    let targeted = false;
    if (target === "key-set") {
      targeted = request.method === "GET" && request.url === "/.well-known/jwks.json";
    } else if (request.method === "POST" && request.url === "/oauth/token") {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      replay = Buffer.concat(chunks);
      targeted = new URLSearchParams(replay.toString("utf8")).get("client_id") === promptClientId;
    }
    if (replay) {
      const body = replay;
      // Hand the tenant the body already read, as if it had not been.
      Object.assign(request, {
        [Symbol.asyncIterator]: async function* () {
          yield body;
        },
      });
    }
    if (!targeted || remaining <= 0) return take(request, response);
    remaining--;
    if (fault.kind === "reset") {
      request.socket.destroy();
      return { taken: true };
    }
    if (fault.kind === "unreadable") {
      response.writeHead(200, { "content-type": "text/html" });
      response.end("<html><body>Down for maintenance</body></html>");
      return { taken: true };
    }
    await new Promise((resolve) => setTimeout(resolve, fault.ms));
    return take(request, response);
  };
}

/**
 * What must hold after an attack on the continuation: nothing linked, the login goes on as the
 * account that logged in (the Okta one unless told).
 */
export async function expectNotLinked(
  tenant: LocalTenant,
  callback: Hop,
  lines: Record<string, unknown>[],
  reason: string | string[],
  loggedInUserId = oktaUserId,
): Promise<void> {
  expect((await appTokens(tenant, callback)).sub).toBe(loggedInUserId);
  expect(tenant.state.getUser(janeDatabase.user_id)?.identities).toHaveLength(1);
  expect(tenant.state.getUser(loggedInUserId)?.identities).toHaveLength(1);
  const last = lines.at(-1);
  expect(last).toMatchObject({ outcome: "declined", links: 0 });
  expect([reason].flat()).toContain(last?.reason);
}

/** The control: the same flow, untouched, links the Okta login into the database account. */
export async function expectControlLinks(): Promise<string> {
  const { tenant, lines } = await startPromptScenario();
  const browser = new CookieClient();
  const authorize = await promptedAuthorizeUrl(tenant, browser);
  const callback = await signInAt(browser, authorize.toString());
  expect((await appTokens(tenant, callback)).sub).toBe(janeDatabase.user_id);
  expect(tenant.state.getUser(janeDatabase.user_id)?.identities).toHaveLength(2);
  expect(lines.at(-1)).toMatchObject({ outcome: "linked", reason: "linked_after_sign_in" });
  return "control linked the Okta login into the database account";
}
