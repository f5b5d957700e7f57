import type { ApiKind } from "./route";

export interface RateLimitOptions {
  /** Bucket size: how many requests may arrive at once. */
  limit: number;
  refillPerSecond: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Epoch seconds at which a request will next be allowed. */
  resetEpochSeconds: number;
}

interface BucketState {
  tokens: number;
  updatedAtMs: number;
}

/**
 * Modelled on a free production tenant, whose documented sustained rate is 2 requests per
 * second; the burst of 10 is our choice (Auth0 does not publish one for free tenants).
 */
export const defaultManagementRateLimit: RateLimitOptions = { limit: 10, refillPerSecond: 2 };
/** For `/oauth/token`; generous, since the Action is expected to cache its token anyway. */
export const defaultAuthenticationRateLimit: RateLimitOptions = { limit: 30, refillPerSecond: 10 };

export const defaultRateLimits: Record<ApiKind, RateLimitOptions> = {
  management: defaultManagementRateLimit,
  authentication: defaultAuthenticationRateLimit,
};

export function refillBucket(
  state: BucketState,
  options: RateLimitOptions,
  nowMs: number,
): BucketState {
  const elapsedSeconds = Math.max(0, nowMs - state.updatedAtMs) / 1000;
  return {
    tokens: Math.min(options.limit, state.tokens + elapsedSeconds * options.refillPerSecond),
    updatedAtMs: nowMs,
  };
}

export function takeFromBucket(
  state: BucketState,
  options: RateLimitOptions,
  nowMs: number,
): { state: BucketState; decision: RateLimitDecision } {
  const refilled = refillBucket(state, options, nowMs);
  const allowed = refilled.tokens >= 1;
  const next = allowed ? { ...refilled, tokens: refilled.tokens - 1 } : refilled;
  return { state: next, decision: describeBucket(next, options, nowMs, allowed) };
}

function describeBucket(
  state: BucketState,
  options: RateLimitOptions,
  nowMs: number,
  allowed: boolean,
): RateLimitDecision {
  const secondsUntilNextToken =
    state.tokens >= 1 ? 0 : (1 - state.tokens) / options.refillPerSecond;
  return {
    allowed,
    limit: options.limit,
    remaining: Math.floor(state.tokens),
    resetEpochSeconds: Math.ceil(nowMs / 1000 + secondsUntilNextToken),
  };
}

/** One token bucket per API of the tenant; `false` turns a bucket off. */
export class RateLimiter {
  readonly #options: Record<ApiKind, RateLimitOptions | false>;
  readonly #buckets = new Map<ApiKind, BucketState>();
  readonly #clock: () => number;

  constructor(options: Record<ApiKind, RateLimitOptions | false>, clock: () => number = Date.now) {
    for (const bucketOptions of Object.values(options)) validate(bucketOptions);
    this.#options = { ...options };
    this.#clock = clock;
  }

  /** Replaces a bucket's options and refills it. */
  configure(options: RateLimitOptions | false, api: ApiKind = "management"): void {
    validate(options);
    this.#options[api] = options;
    this.#buckets.delete(api);
  }

  /** Refills every bucket. */
  reset(): void {
    this.#buckets.clear();
  }

  options(api: ApiKind): RateLimitOptions | false {
    const options = this.#options[api];
    return options === false ? false : { ...options };
  }

  /**
   * Takes a token for one request. An API whose limit is off always allows, and reports its
   * plan's default bucket as full: Auth0 sends the headers on every response, and a client that
   * paces itself by them must see them locally too.
   */
  take(api: ApiKind): RateLimitDecision {
    const options = this.#options[api];
    const nowMs = this.#clock();
    if (options === false) return unlimitedDecision(api, nowMs);
    const current = this.#buckets.get(api) ?? { tokens: options.limit, updatedAtMs: nowMs };
    const { state, decision } = takeFromBucket(current, options, nowMs);
    this.#buckets.set(api, state);
    return decision;
  }

  /** What `take` would report, without taking: for answers that cost no token (unknown paths). */
  peek(api: ApiKind): RateLimitDecision {
    const options = this.#options[api];
    const nowMs = this.#clock();
    if (options === false) return unlimitedDecision(api, nowMs);
    const current = this.#buckets.get(api) ?? { tokens: options.limit, updatedAtMs: nowMs };
    const refilled = refillBucket(current, options, nowMs);
    return describeBucket(refilled, options, nowMs, refilled.tokens >= 1);
  }
}

function unlimitedDecision(api: ApiKind, nowMs: number): RateLimitDecision {
  const { limit } = defaultRateLimits[api];
  return { allowed: true, limit, remaining: limit, resetEpochSeconds: Math.ceil(nowMs / 1000) };
}

export function rateLimitHeaders(decision: RateLimitDecision): Record<string, string> {
  return {
    "x-ratelimit-limit": String(decision.limit),
    "x-ratelimit-remaining": String(decision.remaining),
    "x-ratelimit-reset": String(decision.resetEpochSeconds),
  };
}

function validate(options: RateLimitOptions | false): void {
  if (options === false) return;
  if (!(options.limit >= 1) || !(options.refillPerSecond > 0)) {
    throw new RangeError("A rate limit needs limit >= 1 and refillPerSecond > 0.");
  }
}
