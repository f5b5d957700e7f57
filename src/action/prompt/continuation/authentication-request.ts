import type { TimeBudget } from "../../time-budget";

// No request to the authentication API starts with less than this left, nor waits longer.
const minRequestMs = 250;
const maxRequestMs = 5_000;

export type FetchOutcome =
  | { ok: true; response: Response }
  | { ok: false; kind: "budget_exhausted" | "network" | "timeout" };

/** One request bounded by the continuation's budget; never throws. */
export async function fetchWithinBudget(
  url: string,
  init: RequestInit,
  budget: TimeBudget,
): Promise<FetchOutcome> {
  if (!budget.allows(minRequestMs)) return { ok: false, kind: "budget_exhausted" };
  const timeoutMs = Math.min(budget.remainingMs(), maxRequestMs);
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    return { ok: true, response };
  } catch (error) {
    const name = error instanceof Error ? error.name : "";
    return {
      ok: false,
      kind: name === "TimeoutError" || name === "AbortError" ? "timeout" : "network",
    };
  }
}
