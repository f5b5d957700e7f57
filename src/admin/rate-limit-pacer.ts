interface HeadersLike {
  get(name: string): string | null;
}

export interface PacerOptions {
  /** A cap below the tenant's limit, in requests per second (`--max-rps`). */
  maxRequestsPerSecond?: number;
  now?: () => number;
}

/** What the pacer has learnt from the tenant's answers, for progress lines and reports. */
export interface PacerState {
  /** `X-RateLimit-Limit` of the latest answer: the bucket's size. */
  limit?: number;
  remaining?: number;
  resetAtMs?: number;
  inFlight: number;
}

const millisecondsPerSecond = 1000;
// The reset header has a resolution of one second and the two clocks are not the same: a request
// sent the very millisecond the window turns could still meet an empty bucket.
const resetMarginMs = 25;
// A 429 without any header still needs a pause; Auth0's buckets refill at least every second.
const defaultRateLimitPauseMs = 1000;
// The longest wait any header may impose, so that a wrong clock cannot stall a run for hours.
const maxWaitMs = 60_000;

/** Epoch milliseconds at which a 429 said to try again: Retry-After first, then X-RateLimit-Reset. */
export function retryAtFromHeaders(headers: HeadersLike, now: number): number {
  const retryAfter = Number(headers.get("retry-after"));
  if (Number.isFinite(retryAfter) && retryAfter > 0) {
    return now + retryAfter * millisecondsPerSecond;
  }
  const reset = Number(headers.get("x-ratelimit-reset"));
  if (Number.isFinite(reset) && reset > 0) {
    return Math.max(now, reset * millisecondsPerSecond) + resetMarginMs;
  }
  return now + defaultRateLimitPauseMs;
}

function headerNumber(headers: HeadersLike, name: string): number | undefined {
  const raw = headers.get(name);
  if (raw === null || raw.trim() === "") return undefined;
  const value = Number(raw);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * Paces requests to one rate-limited API from the `X-RateLimit-*` headers of its answers: a
 * request starts while the tenant's bucket has a token left for it (counting the requests still
 * in flight), otherwise when the bucket says it resets; after a 429, nothing starts before the
 * time it gave. Until the first answer only one request is in flight, to learn the limit.
 *
 * The headers do not say how fast the bucket refills, so the pacer never guesses a rate: it
 * spends what the tenant says is left and waits when it says to, which is the whole limit and
 * no 429 when the headers are right.
 */
export class RateLimitPacer {
  readonly #minIntervalMs: number;
  readonly #now: () => number;
  #limit: number | undefined;
  #remaining: number | undefined;
  #resetAtMs = 0;
  #blockedUntilMs = 0;
  #nextStartAtMs = 0;
  #inFlight = 0;
  #wake: (() => void) | undefined;
  #changed: Promise<void>;

  constructor(options: PacerOptions = {}) {
    const maxRps = options.maxRequestsPerSecond;
    this.#minIntervalMs = maxRps !== undefined && maxRps > 0 ? millisecondsPerSecond / maxRps : 0;
    this.#now = options.now ?? Date.now;
    this.#changed = this.#newChange();
  }

  get state(): PacerState {
    return {
      ...(this.#limit === undefined ? {} : { limit: this.#limit }),
      ...(this.#remaining === undefined ? {} : { remaining: this.#remaining }),
      ...(this.#resetAtMs === 0 ? {} : { resetAtMs: this.#resetAtMs }),
      inFlight: this.#inFlight,
    };
  }

  /** Resolves when one request may start; the caller must then call `settle` exactly once. */
  async acquire(): Promise<void> {
    for (;;) {
      const waitMs = this.#waitMs(this.#now());
      if (waitMs === 0) break;
      await this.#waitForChange(Math.min(waitMs, maxWaitMs));
    }
    this.#inFlight++;
    if (this.#remaining !== undefined) this.#remaining--;
    this.#nextStartAtMs = this.#now() + this.#minIntervalMs;
  }

  /** Records a request's answer (`headers`), or its absence (a dropped connection). */
  settle(answer?: { status: number; headers: HeadersLike }): void {
    this.#inFlight--;
    if (answer) this.#learn(answer.status, answer.headers);
    this.#notify();
  }

  #waitMs(now: number): number {
    if (this.#blockedUntilMs > now) return this.#blockedUntilMs - now;
    if (this.#nextStartAtMs > now) return this.#nextStartAtMs - now;
    if (this.#remaining === undefined) {
      // Nothing known yet: one probe at a time until an answer tells the limit.
      return this.#inFlight === 0 ? 0 : maxWaitMs;
    }
    if (this.#remaining >= 1) return 0;
    if (this.#resetAtMs > now) return this.#resetAtMs - now;
    // The window the headers spoke of is over: probe once for fresh headers.
    return this.#inFlight === 0 ? 0 : maxWaitMs;
  }

  #learn(status: number, headers: HeadersLike): void {
    const now = this.#now();
    const limit = headerNumber(headers, "x-ratelimit-limit");
    const remaining = headerNumber(headers, "x-ratelimit-remaining");
    const reset = headerNumber(headers, "x-ratelimit-reset");
    if (limit !== undefined) this.#limit = limit;
    if (status === 429) {
      this.#blockedUntilMs = Math.min(now + maxWaitMs, retryAtFromHeaders(headers, now));
      this.#remaining = 0;
      this.#resetAtMs = this.#blockedUntilMs;
      return;
    }
    if (remaining === undefined) {
      // An API that sends no rate-limit headers is not paced beyond --max-rps.
      if (this.#remaining === undefined) this.#remaining = Number.POSITIVE_INFINITY;
      return;
    }
    // The answer counted the requests that reached the tenant before it; those still in flight
    // from here may not have been counted yet, so they are taken off what it says is left.
    this.#remaining = Math.max(0, remaining - this.#inFlight);
    if (reset !== undefined) {
      this.#resetAtMs = Math.min(now + maxWaitMs, reset * millisecondsPerSecond + resetMarginMs);
    }
  }

  // A request that settles may free a token before the computed time. The timer is cleared
  // when it does, so a finished run is not kept alive by waits nobody needs any more.
  #waitForChange(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      void this.#changed.then(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  #newChange(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.#wake = resolve;
    });
  }

  #notify(): void {
    const wake = this.#wake;
    this.#changed = this.#newChange();
    wake?.();
  }
}
