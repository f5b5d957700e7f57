import type { EndpointKey } from "./route";

export type Fault =
  | { kind: "latency"; ms: number }
  | { kind: "status"; status: 500 | 502 | 503 | 504 }
  /** Destroys the socket before answering; the request has no effect. */
  | { kind: "reset" }
  /** Answers 429 with rate-limit headers saying the limit resets in `resetInSeconds`. */
  | { kind: "rate-limit"; resetInSeconds: number }
  /** Applies the request's effect on the tenant, then destroys the socket unanswered. */
  | { kind: "lose-response" }
  /**
   * Another actor's change (a concurrent login, the backfill, an administrator) made on the
   * tenant just before this request is handled: a race at a chosen moment. `path` is the
   * request's, so a change can wait for the one request it races.
   */
  | { kind: "interleave"; change: (path: string) => void };

export type FaultTarget = EndpointKey | "*";

interface InjectedFault {
  target: FaultTarget;
  fault: Fault;
  remaining: number;
}

/**
 * Faults waiting for requests, applied in the order they were injected: each request to a
 * matching endpoint uses up the first one. Without `times`, a fault stays until `clear()`.
 */
export class FaultInjector {
  #injected: InjectedFault[] = [];

  inject(target: FaultTarget, fault: Fault, options: { times?: number } = {}): void {
    this.#injected.push({
      target,
      fault: { ...fault },
      remaining: options.times ?? Number.POSITIVE_INFINITY,
    });
  }

  clear(): void {
    this.#injected = [];
  }

  take(endpointKey: EndpointKey): Fault | undefined {
    const match = this.#injected.find(
      (injected) => injected.target === "*" || injected.target === endpointKey,
    );
    if (!match) return undefined;
    match.remaining -= 1;
    if (match.remaining <= 0) this.#injected = this.#injected.filter((entry) => entry !== match);
    return match.fault;
  }
}
