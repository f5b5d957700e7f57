import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { escapeHtml } from "../login-side/sign-in-pages";
import { type IdTokenClaims, verifiedIdTokenClaims } from "./id-token";

/** The tenant's application client the test application signs people in with. */
export interface AppClient {
  client_id: string;
  client_secret: string;
}

// What `/login?...` may pass on to `/authorize`; the rest is the application's own.
const forwardedParams = ["connection", "login_hint", "prompt", "max_age"];

interface PendingLogin {
  nonce: string;
  verifier: string;
}

/** What the application received at its callback: claims of a verified ID token, or an error. */
export type AppOutcome =
  | { ok: true; claims: IdTokenClaims }
  | { ok: false; error: string; description?: string };

export interface TestApp {
  /** `http://localhost:PORT` */
  origin: string;
  /** Register it with the tenant's application client before the tenant starts. */
  callbackUrl: string;
  /** Where a browser starts a login: `{origin}/login?connection=...`. */
  loginUrl(params?: Record<string, string>): string;
  /** Point the application at a tenant (`https://localhost:PORT`) once it listens. */
  useTenant(origin: string): void;
  /** Every callback the application answered, in order. */
  outcomes: AppOutcome[];
  close(): Promise<void>;
}

/**
 * A tiny relying party on localhost, as an application of the tenant would be: `/login` starts
 * an authorization code login with PKCE, a nonce and a state, `/callback` exchanges the code
 * with its client secret, verifies the ID token and shows its claims.
 */
export async function startTestApp(client: AppClient): Promise<TestApp> {
  const pending = new Map<string, PendingLogin>();
  const outcomes: AppOutcome[] = [];
  let tenantOrigin: string | undefined;

  const server = createServer((request, response) => {
    void serve(request, response).catch((thrown: unknown) => {
      const description = thrown instanceof Error ? thrown.message : String(thrown);
      outcomes.push({ ok: false, error: "app_error", description });
      send(response, 500, page("Error", `<p id="error">app_error: ${escapeHtml(description)}</p>`));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "localhost", resolve));
  const origin = `http://localhost:${(server.address() as AddressInfo).port}`;
  const callbackUrl = `${origin}/callback`;

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? "/", origin);
    if (url.pathname === "/login") return startLogin(url, response);
    if (url.pathname === "/callback") return finishLogin(url, response);
    send(response, 404, page("Not found", "<p>Not found</p>"));
  }

  function startLogin(url: URL, response: ServerResponse): void {
    if (!tenantOrigin) throw new Error("the test application has no tenant yet");
    const state = randomBytes(16).toString("base64url");
    const login = {
      nonce: randomBytes(16).toString("base64url"),
      verifier: randomBytes(32).toString("base64url"),
    };
    pending.set(state, login);
    const authorize = new URL("/authorize", tenantOrigin);
    authorize.search = new URLSearchParams({
      client_id: client.client_id,
      response_type: "code",
      redirect_uri: callbackUrl,
      scope: "openid profile email",
      state,
      nonce: login.nonce,
      code_challenge: createHash("sha256").update(login.verifier).digest("base64url"),
      code_challenge_method: "S256",
      ...Object.fromEntries(
        [...url.searchParams].filter(([name]) => forwardedParams.includes(name)),
      ),
    }).toString();
    response.writeHead(302, { location: authorize.toString(), "content-length": "0" });
    response.end();
  }

  async function finishLogin(url: URL, response: ServerResponse): Promise<void> {
    const state = url.searchParams.get("state") ?? "";
    const login = pending.get(state);
    pending.delete(state);
    const error = url.searchParams.get("error");
    if (error || !login || !tenantOrigin) {
      const outcome: AppOutcome = {
        ok: false,
        error: error ?? "invalid_state",
        ...(url.searchParams.get("error_description")
          ? { description: url.searchParams.get("error_description") ?? "" }
          : {}),
      };
      outcomes.push(outcome);
      return send(
        response,
        400,
        page(
          "Sign-in failed",
          `<p id="error" data-error="${escapeHtml(outcome.error)}">${escapeHtml(outcome.error)}: ${escapeHtml(outcome.description ?? "")}</p>`,
        ),
      );
    }
    const tokenResponse = await fetch(new URL("/oauth/token", tenantOrigin), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        grant_type: "authorization_code",
        client_id: client.client_id,
        client_secret: client.client_secret,
        code: url.searchParams.get("code") ?? "",
        code_verifier: login.verifier,
        redirect_uri: callbackUrl,
      }),
    });
    const tokens = (await tokenResponse.json()) as { id_token?: string; error?: string };
    if (!tokens.id_token)
      throw new Error(`token exchange failed: ${tokens.error ?? tokenResponse.status}`);
    const claims = await verifiedIdTokenClaims(
      tokens.id_token,
      `${tenantOrigin}/.well-known/jwks.json`,
    );
    if (claims.iss !== `${tenantOrigin}/`) throw new Error(`unexpected issuer ${claims.iss}`);
    if (claims.aud !== client.client_id) throw new Error("the ID token is for another audience");
    if (claims.nonce !== login.nonce) throw new Error("the ID token's nonce does not match");
    outcomes.push({ ok: true, claims });
    send(
      response,
      200,
      page(
        "Signed in",
        `<p>Signed in as <strong id="sub" data-sub="${escapeHtml(claims.sub)}">${escapeHtml(claims.sub)}</strong></p>
<pre id="id-token-claims">${escapeHtml(JSON.stringify(claims, null, 2))}</pre>`,
      ),
    );
  }

  return {
    origin,
    callbackUrl,
    loginUrl: (params = {}) => `${origin}/login?${new URLSearchParams(params).toString()}`,
    useTenant(origin) {
      tenantOrigin = origin;
    },
    outcomes,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><h1>${escapeHtml(title)}</h1>${body}</body></html>`;
}

function send(response: ServerResponse, status: number, html: string): void {
  response.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "content-length": String(Buffer.byteLength(html)),
  });
  response.end(html);
}
