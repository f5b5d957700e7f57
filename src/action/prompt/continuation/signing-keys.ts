import type { JSONWebKeySet } from "jose";
import type { TimeBudget } from "../../time-budget";
import { fetchWithinBudget } from "./authentication-request";

// The tenant's keys change rarely: one fetch per Action instance, again only when a token names a
// key the cached set lacks, and no more often than this, so a token signed with a foreign key
// cannot make every login fetch the set.
export const minRefetchIntervalMs = 60_000;

interface CachedKeys {
  keys: JSONWebKeySet;
  fetchedAt: number;
}

const cachedByDomain = new Map<string, CachedKeys>();

export type KeysResult =
  | { ok: true; keys: JSONWebKeySet; fresh: boolean }
  | { ok: false; detail: string };

function isKeySet(value: unknown): value is JSONWebKeySet {
  return (
    typeof value === "object" && value !== null && Array.isArray((value as { keys?: unknown }).keys)
  );
}

/** The tenant's JWKS (`https://{domain}/.well-known/jwks.json`), cached in module scope. */
export async function signingKeys(
  domain: string,
  budget: TimeBudget,
  options: { refresh: boolean; onRequest: () => void; now?: () => number },
): Promise<KeysResult> {
  const now = options.now ?? Date.now;
  const cached = cachedByDomain.get(domain);
  const mayRefetch = !cached || now() - cached.fetchedAt >= minRefetchIntervalMs;
  if (cached && !(options.refresh && mayRefetch)) {
    return { ok: true, keys: cached.keys, fresh: false };
  }
  if (cached && options.refresh && !mayRefetch) return { ok: false, detail: "refetched_recently" };
  const sent = await fetchWithinBudget(
    `https://${domain}/.well-known/jwks.json`,
    { headers: { accept: "application/json" } },
    budget,
  );
  if (!sent.ok) return { ok: false, detail: sent.kind };
  options.onRequest();
  if (!sent.response.ok) return { ok: false, detail: `status_${sent.response.status}` };
  let keys: unknown;
  try {
    keys = await sent.response.json();
  } catch {
    return { ok: false, detail: "malformed_response" };
  }
  if (!isKeySet(keys)) return { ok: false, detail: "malformed_response" };
  cachedByDomain.set(domain, { keys, fetchedAt: now() });
  return { ok: true, keys, fresh: true };
}

/** Tests start each case with no keys cached, as a fresh Action instance would. */
export function forgetSigningKeys(): void {
  cachedByDomain.clear();
}
