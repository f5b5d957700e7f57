// What went wrong with one Management API request, reduced to what the retry policy and the
// log need: never the response body (it may echo an address) and never a token.
export type FailureKind =
  | "rate_limited"
  | "server_error"
  | "network"
  | "timeout"
  | "client_error"
  | "budget_exhausted";

export interface RequestFailure {
  kind: FailureKind;
  status?: number;
  message: string;
  /** Epoch milliseconds at which a rate-limited request may be tried again, when the server said. */
  retryAt?: number;
  /** Set when the request never left because no Management API token could be had. */
  duringTokenRequest?: true;
}

interface HeadersLike {
  get(name: string): string | null;
}

const millisecondsPerSecond = 1000;

export function retryAtFromHeaders(
  headers: HeadersLike | undefined,
  now: number,
): number | undefined {
  if (!headers) return undefined;
  // Retry-After is authoritative when present; X-RateLimit-Reset is Auth0's own signal (epoch s).
  const retryAfter = Number(headers.get("retry-after"));
  if (Number.isFinite(retryAfter) && retryAfter > 0)
    return now + retryAfter * millisecondsPerSecond;
  const reset = Number(headers.get("x-ratelimit-reset"));
  if (Number.isFinite(reset) && reset > 0) return Math.max(now, reset * millisecondsPerSecond);
  return undefined;
}

interface SdkErrorShape {
  name?: unknown;
  message?: unknown;
  statusCode?: unknown;
  body?: unknown;
  rawResponse?: { headers?: HeadersLike };
}

function bodyMessage(body: unknown): string | undefined {
  if (body && typeof body === "object" && "message" in body) {
    const message = (body as { message: unknown }).message;
    if (typeof message === "string") return message;
  }
  return undefined;
}

/** Classifies an error thrown by the `auth0` SDK (ManagementError, ManagementTimeoutError) or fetch. */
export function classifyFailure(error: unknown, now: number): RequestFailure {
  const shape = (error ?? {}) as SdkErrorShape;
  const status = typeof shape.statusCode === "number" ? shape.statusCode : undefined;
  const message =
    bodyMessage(shape.body) ??
    (typeof shape.message === "string" ? shape.message : "unknown error");
  if (shape.name === "ManagementTimeoutError" || shape.name === "TimeoutError") {
    return { kind: "timeout", message };
  }
  if (status === undefined) return { kind: "network", message };
  if (status === 429) {
    return {
      kind: "rate_limited",
      status,
      message,
      retryAt: retryAtFromHeaders(shape.rawResponse?.headers, now),
    };
  }
  if (status >= 500) return { kind: "server_error", status, message };
  return { kind: "client_error", status, message };
}
