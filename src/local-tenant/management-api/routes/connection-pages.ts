import type { ApiResponse } from "../route";
import { invalidQuery } from "./page";

const maxTake = 100;
const maxPerPage = 100;
const defaultPerPage = 50;

/**
 * A page of `GET /api/v2/connections` in the pagination the request asked for, as Auth0's
 * get_connections answers (https://auth0.com/docs/api/management/v2/connections/get-connections):
 * - checkpoint (`take` or `from`): `{ connections, next }`, `next` an opaque value for `from`,
 *   absent on the last page (ListConnectionsCheckpointPaginatedResponseContent);
 * - offset with `include_totals=true`: `{ start, limit, total, connections }`;
 * - otherwise a bare array of the offset page (`page`, `per_page`).
 */
export function connectionsPage<T extends { id: string }>(
  all: readonly T[],
  query: URLSearchParams,
  view: (item: T) => Record<string, unknown>,
): ApiResponse {
  if (query.has("take") || query.has("from")) return checkpointPage(all, query, view);
  const page = Number(query.get("page") ?? 0);
  const perPage = Number(query.get("per_page") ?? defaultPerPage);
  if (!Number.isInteger(page) || page < 0) return invalidQuery("page", "a non-negative integer");
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > maxPerPage) {
    return invalidQuery("per_page", `an integer from 1 to ${maxPerPage}`);
  }
  const start = page * perPage;
  const connections = all.slice(start, start + perPage).map(view);
  if (query.get("include_totals") === "true") {
    return { status: 200, body: { start, limit: perPage, total: all.length, connections } };
  }
  return { status: 200, body: connections };
}

/** Checkpoint pagination (`take`, `from` → `{ connections, next }`), as get_connections answers it. */
export function checkpointPage<T extends { id: string }>(
  all: readonly T[],
  query: URLSearchParams,
  view: (item: T) => Record<string, unknown>,
): ApiResponse {
  const take = Number(query.get("take") ?? defaultPerPage);
  if (!Number.isInteger(take) || take < 1 || take > maxTake) {
    return invalidQuery("take", `an integer from 1 to ${maxTake}`);
  }
  const from = query.get("from");
  let start = 0;
  if (from !== null) {
    const after = all.findIndex(({ id }) => checkpointOf(id) === from);
    if (after < 0) return invalidQuery("from", "a checkpoint a previous page returned as next");
    start = after + 1;
  }
  const page = all.slice(start, start + take);
  const last = page.at(-1);
  return {
    status: 200,
    body: {
      connections: page.map(view),
      ...(last && start + take < all.length ? { next: checkpointOf(last.id) } : {}),
    },
  };
}

// Opaque to clients, as Auth0's is: a client must send back what it was given.
function checkpointOf(id: string): string {
  return Buffer.from(id).toString("base64url");
}
