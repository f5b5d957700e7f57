import { isLinkRecordsKey } from "../../src/linking/link-records";
import { markerEmailHash } from "../../src/linking/marker";
import type { StoredUser } from "../../src/local-tenant/tenant-state";

/**
 * What a backfill must leave the same whether or not it was interrupted: who exists, their
 * identities and their metadata. Times of the writes themselves (`updated_at`, the marker's
 * `checked_at`, the audit records' `at`) differ from run to run and are left out; the marker's hash is keyed by the
 * tenant's domain (another port for each local tenant), so it is compared as whether it is
 * the right one for the user's address on its own tenant.
 */
export function tenantDigest(
  users: readonly StoredUser[],
  domain: string,
  part: "everything" | "without-audit-records" = "everything",
): Map<string, string> {
  const digest = new Map<string, string>();
  for (const user of users) {
    const { updated_at: _updated, last_login: _login, ...kept } = user;
    const identities = [...user.identities].sort((a, b) =>
      `${a.provider}|${a.user_id}`.localeCompare(`${b.provider}|${b.user_id}`),
    );
    digest.set(
      user.user_id,
      stableJson({ ...kept, identities, app_metadata: comparableMarker(user, domain, part) }),
    );
  }
  return digest;
}

/** User ids whose digest differs between two tenants, or that exist in one only. */
export function digestDifferences(a: Map<string, string>, b: Map<string, string>): string[] {
  const ids = new Set([...a.keys(), ...b.keys()]);
  return [...ids].filter((id) => a.get(id) !== b.get(id)).sort();
}

/** The audit records of the links (what was carried, the copy kept) have keys of their own. */
function comparableMarker(
  user: StoredUser,
  domain: string,
  part: "everything" | "without-audit-records",
): Record<string, unknown> {
  const others = Object.fromEntries(
    Object.entries(user.app_metadata).filter(([key]) => !isLinkRecordsKey(key)),
  );
  const kept = part === "everything" ? user.app_metadata : others;
  const appMetadata = withoutWriteTimes(kept) as Record<string, unknown>;
  const marker = appMetadata.account_linking;
  if (typeof marker !== "object" || marker === null) return appMetadata;
  const { email_hash: hash, ...rest } = marker as Record<string, unknown>;
  const rightHash = typeof user.email === "string" && hash === markerEmailHash(user.email, domain);
  return { ...appMetadata, account_linking: { ...rest, email_hash_right: rightHash } };
}

const writeTimeKeys = new Set(["at", "checked_at"]);

function withoutWriteTimes(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutWriteTimes);
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !writeTimeKeys.has(key))
      .map(([key, inner]) => [key, withoutWriteTimes(inner)]),
  );
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}
