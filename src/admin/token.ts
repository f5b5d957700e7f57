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

/** Reads a client-credentials answer; the body is never echoed, it holds the token. */
export function toManagementToken(status: number, body: unknown, now: number): TokenRequestResult {
  if (status < 200 || status >= 300) {
    const description =
      typeof body === "object" && body !== null && "error" in body
        ? String((body as { error: unknown }).error)
        : "the token endpoint refused";
    return { ok: false, status, message: description };
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
