import { isPlainRecord } from "../linking/account";
import {
  type DatabaseConnectionIds,
  isConnectionId,
  missingConnectionIds,
  toDatabaseConnectionIds,
} from "../linking/database-connection-ids";
import type { LinkStep } from "../linking/plan";
import type { PostLoginApi } from "./actions-api";
import type { RequestFailure } from "./management/failure";
import type { ManagementPort } from "./management/management-port";

// A connection's id never changes while it exists: the entry lives as long as api.cache allows.
const databaseConnectionIdsTtlMs = 24 * 60 * 60_000;
const cacheKey = "linking:database-ids";

export type DatabaseConnectionIdsResult =
  | { ok: true; ids: DatabaseConnectionIds }
  | { ok: false; failure: RequestFailure };

function knownIds(cache: PostLoginApi["cache"], now: number): DatabaseConnectionIds {
  const entry = cache.get(cacheKey);
  if (!entry || entry.expires_at <= now) return {};
  try {
    const parsed: unknown = JSON.parse(entry.value);
    if (!isPlainRecord(parsed)) return {};
    return Object.fromEntries(
      Object.entries(parsed).filter((entry): entry is [string, string] => isConnectionId(entry[1])),
    );
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
  // A full cache only costs a request at the next link of a database secondary.
  cache.set(cacheKey, JSON.stringify(ids), { expires_at: now + databaseConnectionIdsTtlMs });
  return ids;
}

/**
 * The ids of the database connections these links need: from api.cache, or read once when one
 * is missing. A connection the tenant does not list stays missing, and its link is not sent.
 */
export async function databaseConnectionIdsFor(
  steps: readonly LinkStep[],
  port: ManagementPort,
  cache: PostLoginApi["cache"],
  now = Date.now,
): Promise<DatabaseConnectionIdsResult> {
  const known = knownIds(cache, now());
  if (missingConnectionIds(steps, known).length === 0) return { ok: true, ids: known };
  const answer = await port.listDatabaseConnections();
  if (!answer.ok) return answer;
  const ids = rememberDatabaseConnectionIds(cache, answer.value, now());
  const missing = missingConnectionIds(steps, ids);
  if (missing.length > 0) {
    return {
      ok: false,
      failure: { kind: "client_error", message: "a database secondary's connection is not listed" },
    };
  }
  return { ok: true, ids };
}
