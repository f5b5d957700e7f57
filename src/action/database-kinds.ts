import type { PostLoginApi } from "../actions-platform/post-login";
import type { AccountSnapshot } from "../linking/account";
import { isPlainRecord } from "../linking/account";
import { toDatabaseKinds } from "../linking/database-kinds";
import {
  type DatabaseKind,
  type DatabaseKinds,
  needsDatabaseKind,
  type TrustPolicy,
} from "../linking/trust";
import { rememberDatabaseConnectionIds } from "./database-connection-ids";
import type { RequestFailure } from "./management/failure";
import type { ManagementPort } from "./management/management-port";

// Long enough that a busy tenant asks a few times an hour, short enough that turning a
// connection into a custom database is noticed within minutes.
const databaseKindsTtlMs = 10 * 60_000;
const cacheKey = "linking:database-kinds";

export type DatabaseKindsResult =
  | { ok: true; kinds: DatabaseKinds }
  | { ok: false; failure: RequestFailure };

function isDatabaseKind(value: unknown): value is DatabaseKind {
  return value === "built_in" || value === "custom" || value === "options_withheld";
}

/**
 * What api.cache remembers, without a request: empty when nothing is (unknown is untrusted).
 * Kept in api.cache only: it is asked only when a lookup is due anyway, and a cache that lost it
 * costs one request.
 */
export function knownDatabaseKinds(cache: PostLoginApi["cache"], now = Date.now()): DatabaseKinds {
  const entry = cache.get(cacheKey);
  if (!entry || entry.expires_at <= now) return {};
  try {
    const parsed: unknown = JSON.parse(entry.value);
    if (!isPlainRecord(parsed)) return {};
    return Object.fromEntries(
      Object.entries(parsed).filter((entry): entry is [string, DatabaseKind] =>
        isDatabaseKind(entry[1]),
      ),
    );
  } catch {
    return {};
  }
}

/** Reads the tenant's database connections once and keeps what kind each is. */
export async function learnDatabaseKinds(
  port: ManagementPort,
  cache: PostLoginApi["cache"],
  now = Date.now,
): Promise<DatabaseKindsResult> {
  const answer = await port.listDatabaseConnections();
  if (!answer.ok) return answer;
  // The same answer names each connection's id, which every database secondary's link sends.
  rememberDatabaseConnectionIds(cache, answer.value, now());
  const parsed = toDatabaseKinds(answer.value);
  if (!parsed.ok) {
    return { ok: false, failure: { kind: "client_error", message: parsed.reason } };
  }
  // A full cache, or kinds too many for one entry, only cost a request next time.
  cache.set(cacheKey, JSON.stringify(parsed.kinds), { expires_at: now() + databaseKindsTtlMs });
  return { ok: true, kinds: parsed.kinds };
}

/**
 * The kinds of the database connections this decision depends on: read once from the tenant
 * when one of them is not known yet, else what api.cache remembers.
 */
export async function databaseKindsFor(
  accounts: readonly AccountSnapshot[],
  loginConnection: { name: string; strategy: string },
  known: DatabaseKinds,
  input: { config: { trust: TrustPolicy }; port: ManagementPort; api: PostLoginApi },
): Promise<{ ok: true; kinds: DatabaseKinds } | { ok: false; failure: RequestFailure }> {
  const connections = [
    loginConnection,
    ...accounts.flatMap((account) =>
      account.identities[0]
        ? [{ name: account.identities[0].connection, provider: account.identities[0].provider }]
        : [],
    ),
  ];
  const undescribed = connections.some((connection) =>
    needsDatabaseKind(connection, input.config.trust, known),
  );
  return undescribed ? learnDatabaseKinds(input.port, input.api.cache) : { ok: true, kinds: known };
}
