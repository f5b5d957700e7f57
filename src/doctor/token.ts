import type { AdminSettings } from "../admin/settings";
import { tokenRefusalCause, tokenRequestBody } from "../admin/token";
import { probe } from "./probe";
import { type CheckRow, fail, pass } from "./report";

export interface GrantedToken {
  accessToken: string;
  /** The scopes the token answer says were granted; undefined when it does not say. */
  scopes: ReadonlySet<string> | undefined;
}

export type TokenCheck = { row: CheckRow; token?: GrantedToken };

/**
 * A client-credentials token for the Management API, and when there is none its exact cause:
 * a name that does not resolve, TLS, 401 (the secret does not match the id) or 403 (no grant).
 */
export async function checkToken(
  label: string,
  app: AdminSettings,
  names: { domain: string; credentials: string },
): Promise<TokenCheck> {
  const check = `token (${label})`;
  const answer = await probe({
    method: "POST",
    url: `https://${app.domain}/oauth/token`,
    body: tokenRequestBody(app),
  });
  if (!answer.answered) {
    const fix =
      answer.cause === "name_not_resolved"
        ? `check ${names.domain}: the tenant's domain as the Dashboard shows it (Settings), without https://`
        : answer.cause === "tls"
          ? `the domain answers with a certificate this machine does not trust: check ${names.domain}, or trust the proxy's authority with NODE_EXTRA_CA_CERTS`
          : `check ${names.domain} and this machine's network access to it`;
    return { row: fail(check, `${app.domain}: ${answer.message}`, fix) };
  }
  const body = (answer.body ?? {}) as { access_token?: unknown; scope?: unknown; error?: unknown };
  if (answer.status === 401) {
    return {
      row: fail(
        check,
        tokenRefusalCause(401, body.error),
        `copy ${names.credentials} again from the application's Settings in the Dashboard`,
      ),
    };
  }
  if (answer.status === 403) {
    return {
      row: fail(
        check,
        tokenRefusalCause(403, body.error),
        "Dashboard: Applications → APIs → Auth0 Management API → Machine To Machine Applications: authorize the application and select its scopes",
      ),
    };
  }
  if (answer.status !== 200 || typeof body.access_token !== "string") {
    return {
      row: fail(
        check,
        tokenRefusalCause(answer.status, body.error),
        `check ${names.credentials} and ${names.domain}`,
      ),
    };
  }
  const scopes =
    typeof body.scope === "string" ? new Set(body.scope.split(" ").filter(Boolean)) : undefined;
  return {
    row: pass(check, `granted${scopes ? ` ${scopes.size} scopes` : ""}`),
    token: { accessToken: body.access_token, scopes },
  };
}
