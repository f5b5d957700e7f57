// Auth0 stops an Action after 20 s and the person waits for every millisecond of it, so the whole
// execution shares one deadline and every network step asks it for permission first.
export interface TimeBudget {
  readonly startedAt: number;
  elapsedMs(): number;
  remainingMs(): number;
  allows(ms: number): boolean;
}

export function startTimeBudget(totalMs: number, now: () => number = Date.now): TimeBudget {
  const startedAt = now();
  const deadline = startedAt + totalMs;
  return {
    startedAt,
    elapsedMs: () => now() - startedAt,
    remainingMs: () => Math.max(0, deadline - now()),
    allows: (ms) => deadline - now() >= ms,
  };
}

// Auth0 stops an execution at 20 s. A request that must not be abandoned once sent (the link that
// turns the logging-in account into a secondary) may run past the configured budget, up to this
// limit, which leaves room for the rest of the execution and the runtime's own start.
export const mustFinishLimitMs = 15_000;
