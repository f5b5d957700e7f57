import type { TimeBudget } from "../../time-budget";

// No request to the authentication API starts with less than this left, nor waits longer.
const minRequestMs = 250;
const maxRequestMs = 5_000;

export type FetchOutcome =
  | { ok: true; response: Response }
  /** `sent`: the request left, and the tenant may have acted on it. */
  | { ok: false; kind: "budget_exhausted" | "network" | "timeout"; sent: boolean };

/** One request bounded by the continuation's budget; never throws. */
export async function fetchWithinBudget(
  url: string,
  init: RequestInit,
  budget: TimeBudget,
): Promise<FetchOutcome> {
  if (!budget.allows(minRequestMs)) return { ok: false, kind: "budget_exhausted", sent: false };
  const timeoutMs = Math.min(budget.remainingMs(), maxRequestMs);
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    return { ok: true, response };
  } catch (error) {
    const name = error instanceof Error ? error.name : "";
    if (name !== "TimeoutError" && name !== "AbortError") {
      return { ok: false, kind: "network", sent: true };
    }
    // Cut at the budget's end rather than at the per-request limit: the budget ran out.
    const kind = budget.remainingMs() === 0 ? "budget_exhausted" : "timeout";
    return { ok: false, kind, sent: true };
  }
}
