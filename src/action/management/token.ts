import type { PostLoginApi } from "../../actions-platform/post-login";
import type { CallResult, RetryEnvironment } from "./retry-policy";
import { callWithRetries } from "./retry-policy";

export interface TokenSettings {
  domain: string;
  clientId: string;
  clientSecret: string;
}

interface CachedToken {
  accessToken: string;
  /** Epoch ms after which the token is no longer used: a safety margin before Auth0's expiry. */
  usableUntil: number;
}

// A token is refreshed this long before it expires, so a request never leaves with a token that
// dies in flight.
const expiryMarginMs = 60_000;
// api.cache keys may be at most 64 bytes; client ids are 32 characters.
const cacheKeyPrefix = "linking:mgmt-token:";
const maxCacheKeyBytes = 64;

// Module scope survives between executions on the same Auth0 instance; api.cache also reaches
// other executions of the trigger. Both are checked before a token request is made.
const instanceTokens = new Map<string, CachedToken>();
// Concurrent executions (and the parallel lookups of one) share one token request.
const tokensInFlight = new Map<string, Promise<CallResult<string>>>();

function instanceKey(settings: TokenSettings): string {
  return `${settings.domain}|${settings.clientId}`;
}

function cacheKey(settings: TokenSettings): string | undefined {
  const key = `${cacheKeyPrefix}${settings.clientId}`;
  return Buffer.byteLength(key) <= maxCacheKeyBytes ? key : undefined;
}

function readCaches(settings: TokenSettings, cache: PostLoginApi["cache"], now: number) {
  const fromInstance = instanceTokens.get(instanceKey(settings));
  if (fromInstance && fromInstance.usableUntil > now) return fromInstance.accessToken;
  const key = cacheKey(settings);
  const fromCache = key ? cache.get(key) : undefined;
  if (fromCache && typeof fromCache.value === "string" && fromCache.expires_at > now) {
    instanceTokens.set(instanceKey(settings), {
      accessToken: fromCache.value,
      usableUntil: fromCache.expires_at,
    });
    return fromCache.value;
  }
  return undefined;
}

function storeToken(settings: TokenSettings, cache: PostLoginApi["cache"], token: CachedToken) {
  instanceTokens.set(instanceKey(settings), token);
  const key = cacheKey(settings);
  // A full or refusing cache is not an error: the token is still kept in module scope.
  if (key) cache.set(key, token.accessToken, { expires_at: token.usableUntil });
}

class TokenEndpointError extends Error {
  constructor(
    readonly statusCode: number,
    readonly rawResponse: { headers: Headers },
  ) {
    super(`token endpoint answered ${statusCode}`);
    this.name = "TokenEndpointError";
  }
}

async function requestToken(settings: TokenSettings, timeoutMs: number, now: () => number) {
  const response = await fetch(`https://${settings.domain}/oauth/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      grant_type: "client_credentials",
      client_id: settings.clientId,
      client_secret: settings.clientSecret,
      audience: `https://${settings.domain}/api/v2/`,
    }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) throw new TokenEndpointError(response.status, { headers: response.headers });
  const body = (await response.json()) as { access_token?: unknown; expires_in?: unknown };
  if (typeof body.access_token !== "string" || typeof body.expires_in !== "number") {
    throw new TokenEndpointError(502, { headers: response.headers });
  }
  const lifetimeMs = body.expires_in * 1000;
  return {
    accessToken: body.access_token,
    usableUntil: now() + Math.max(0, lifetimeMs - Math.min(expiryMarginMs, lifetimeMs / 2)),
  };
}

export async function getManagementToken(
  settings: TokenSettings,
  cache: PostLoginApi["cache"],
  env: RetryEnvironment,
  onTokenRequest: () => void,
): Promise<CallResult<string>> {
  const cached = readCaches(settings, cache, env.now());
  if (cached) return { ok: true, value: cached };
  const key = instanceKey(settings);
  const pending = tokensInFlight.get(key);
  if (pending) return pending;
  const request = requestAndStoreToken(settings, cache, env, onTokenRequest).finally(() =>
    tokensInFlight.delete(key),
  );
  tokensInFlight.set(key, request);
  return request;
}

async function requestAndStoreToken(
  settings: TokenSettings,
  cache: PostLoginApi["cache"],
  env: RetryEnvironment,
  onTokenRequest: () => void,
): Promise<CallResult<string>> {
  const result = await callWithRetries((timeoutMs) => requestToken(settings, timeoutMs, env.now), {
    ...env,
    onAttempt: () => {
      env.onAttempt();
      onTokenRequest();
    },
  });
  if (!result.ok) return result;
  storeToken(settings, cache, result.value);
  return { ok: true, value: result.value.accessToken };
}

/** Drops a token the API refused (revoked, or its signing key rotated) so the next call gets a new one. */
export function forgetManagementToken(settings: TokenSettings, cache: PostLoginApi["cache"]): void {
  instanceTokens.delete(instanceKey(settings));
  const key = cacheKey(settings);
  if (key) cache.delete(key);
}
