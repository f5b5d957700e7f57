import type { StoredUser } from "../../src/local-tenant/tenant-state";

/**
 * What a backfill must leave the same whether or not it was interrupted: who exists, their
 * identities and their metadata. Times of the writes themselves (`updated_at`, the marker's
 * `checked_at`) differ from run to run and are left out.
 */
export function tenantDigest(users: readonly StoredUser[]): Map<string, string> {
  const digest = new Map<string, string>();
  for (const user of users) {
    const { updated_at: _updated, last_login: _login, ...kept } = user;
    const identities = [...user.identities].sort((a, b) =>
      `${a.provider}|${a.user_id}`.localeCompare(`${b.provider}|${b.user_id}`),
    );
    digest.set(
      user.user_id,
      stableJson({ ...kept, identities, app_metadata: withoutMarkerTime(user.app_metadata) }),
    );
  }
  return digest;
}

/** User ids whose digest differs between two tenants, or that exist in one only. */
export function digestDifferences(a: Map<string, string>, b: Map<string, string>): string[] {
  const ids = new Set([...a.keys(), ...b.keys()]);
  return [...ids].filter((id) => a.get(id) !== b.get(id)).sort();
}

function withoutMarkerTime(appMetadata: Record<string, unknown>): Record<string, unknown> {
  const marker = appMetadata.account_linking;
  if (typeof marker !== "object" || marker === null) return appMetadata;
  const { checked_at: _checked, ...rest } = marker as Record<string, unknown>;
  return { ...appMetadata, account_linking: rest };
}

function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}
