import type { IncomingMessage, ServerResponse } from "node:http";
import type Provider from "oidc-provider";
import type { TenantState } from "../tenant-state";
import { withDomain } from "./application-metadata";
import { renderErrorPage } from "./sign-in-pages";

export const auth0LogoutPath = "/v2/logout";
// oidc-provider's session cookie (its default name) and the signature koa adds beside it.
const sessionCookie = "_session";

export interface Auth0LogoutOptions {
  provider: Provider;
  state: TenantState;
  domain: string;
  /** The tenant's Allowed Logout URLs, for a logout that names no client. */
  tenantLogoutUrls: readonly string[];
}

/**
 * Auth0's `GET /v2/logout` (https://auth0.com/docs/api/authentication#logout): ends the session
 * without asking, then returns to `returnTo`, which must be among the Allowed Logout URLs of
 * the application `client_id` names, or the tenant's when none is named; no `returnTo`: "OK".
 */
export async function serveAuth0Logout(
  options: Auth0LogoutOptions,
  request: IncomingMessage,
  response: ServerResponse,
  url: URL,
): Promise<void> {
  const clientId = url.searchParams.get("client_id");
  const returnTo = url.searchParams.get("returnTo");
  const client = clientId === null ? undefined : options.state.getClient(clientId);
  if (clientId !== null && !client) {
    return sendPage(response, 400, "invalid_request", `Unknown client: ${clientId}`);
  }
  const allowed = client
    ? withDomain(client.allowed_logout_urls, options.domain)
    : withDomain(options.tenantLogoutUrls, options.domain);
  if (returnTo !== null && !allowed.includes(returnTo)) {
    return sendPage(
      response,
      400,
      "invalid_request",
      `The "returnTo" querystring parameter "${returnTo}" is not defined as a valid URL in "Allowed Logout URLs".`,
    );
  }
  const sessionId = cookieValue(request.headers.cookie, sessionCookie);
  const session = sessionId ? await options.provider.Session.find(sessionId) : undefined;
  await session?.destroy();
  const cleared = [sessionCookie, `${sessionCookie}.sig`, `${sessionCookie}.legacy`].map(
    (name) => `${name}=; path=/; expires=Thu, 01 Jan 1970 00:00:00 GMT; secure; httponly`,
  );
  if (returnTo === null) {
    response.writeHead(200, { "content-type": "text/plain", "set-cookie": cleared });
    response.end("OK");
    return;
  }
  response.writeHead(302, { location: returnTo, "content-length": "0", "set-cookie": cleared });
  response.end();
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const pair of (header ?? "").split(";")) {
    const [key, ...value] = pair.trim().split("=");
    if (key === name) return decodeURIComponent(value.join("="));
  }
  return undefined;
}

function sendPage(response: ServerResponse, status: number, error: string, description: string) {
  const html = renderErrorPage("Something went wrong", error, description);
  response.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "content-length": String(Buffer.byteLength(html)),
  });
  response.end(html);
}
