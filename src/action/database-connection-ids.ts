import type { PostLoginApi } from "../actions-platform/post-login";
import {
  type DatabaseConnectionIds,
  lacksConnectionIds,
  toDatabaseConnectionIds,
} from "../linking/database-connection-ids";
import type { LinkStep } from "../linking/plan";
import type { RequestFailure } from "./management/failure";
import type { ManagementPort } from "./management/management-port";

// A connection's id never changes while it exists: the entry lives as long as api.cache allows.
const databaseConnectionIdsTtlMs = 24 * 60 * 60_000;
const cacheKey = "linking:database-ids";

export type DatabaseConnectionIdsResult =
  | { ok: true; ids: DatabaseConnectionIds }
  | { ok: false; failure: RequestFailure };

// Kept as the connections answer's own shape, so one reader checks both.
function cachedIds(cache: PostLoginApi["cache"]): DatabaseConnectionIds {
  try {
    return toDatabaseConnectionIds(JSON.parse(cache.get(cacheKey)?.value ?? "[]"));
  } catch {
    return {};
  }
}

/** Keeps the ids of the answer to `GET /connections?strategy=auth0`, read for another reason. */
export function rememberDatabaseConnectionIds(
  cache: PostLoginApi["cache"],
  connections: unknown,
  now = Date.now(),
): DatabaseConnectionIds {
  const ids = toDatabaseConnectionIds(connections);
  const kept = Object.entries(ids).map(([name, id]) => ({ name, id, strategy: "auth0" }));
  // A full cache only costs a request at the next link of a database secondary.
  cache.set(cacheKey, JSON.stringify(kept), { expires_at: now + databaseConnectionIdsTtlMs });
  return ids;
}

/**
 * The ids of the database connections these links need: from api.cache, or read once when one
 * is missing. A connection the tenant does not list stays missing, and no link is sent.
 */
export async function databaseConnectionIdsFor(
  steps: readonly LinkStep[],
  port: ManagementPort,
  cache: PostLoginApi["cache"],
): Promise<DatabaseConnectionIdsResult> {
  const known = cachedIds(cache);
  if (!lacksConnectionIds(steps, known)) return { ok: true, ids: known };
  const answer = await port.listDatabaseConnections();
  if (!answer.ok) return answer;
  const ids = rememberDatabaseConnectionIds(cache, answer.value);
  return lacksConnectionIds(steps, ids)
    ? { ok: false, failure: { kind: "client_error", message: "connection not listed" } }
    : { ok: true, ids };
}
