import type { AdminSettings } from "./settings";

export interface ManagementToken {
  accessToken: string;
  /** Epoch ms after which it is no longer sent: a margin before Auth0's expiry. */
  usableUntilMs: number;
}

export type TokenRequestResult =
  | { ok: true; token: ManagementToken }
  | { ok: false; status?: number; message: string };

// A token is replaced this long before it expires, so no request leaves with a dying token.
const expiryMarginMs = 60_000;

export function tokenRequestBody(settings: AdminSettings): Record<string, string> {
  return {
    grant_type: "client_credentials",
    client_id: settings.clientId,
    client_secret: settings.clientSecret,
    audience: `https://${settings.domain}/api/v2/`,
  };
}

/**
 * Why the token endpoint said no, for the administrator: 401 and 403 have one cause each
 * (Auth0's client-credentials errors `access_denied` / `unauthorized_client`).
 */
export function tokenRefusalCause(status: number, error: unknown): string {
  if (status === 401) return "401: the client secret does not match the client id";
  if (status === 403) {
    return `403: the application has no grant for the Management API (${typeof error === "string" ? error : "access_denied"})`;
  }
  return `the token endpoint answered ${status}${typeof error === "string" ? ` (${error})` : ""}`;
}

/** Reads a client-credentials answer; the body is never echoed, it holds the token. */
export function toManagementToken(status: number, body: unknown, now: number): TokenRequestResult {
  if (status < 200 || status >= 300) {
    const error =
      typeof body === "object" && body !== null ? (body as { error?: unknown }).error : undefined;
    return { ok: false, status, message: tokenRefusalCause(status, error) };
  }
  const { access_token: accessToken, expires_in: expiresIn } = (body ?? {}) as {
    access_token?: unknown;
    expires_in?: unknown;
  };
  if (typeof accessToken !== "string" || typeof expiresIn !== "number") {
    return { ok: false, status, message: "the token endpoint's answer has no access_token" };
  }
  const lifetimeMs = expiresIn * 1000;
  return {
    ok: true,
    token: {
      accessToken,
      usableUntilMs: now + Math.max(0, lifetimeMs - Math.min(expiryMarginMs, lifetimeMs / 2)),
    },
  };
}
