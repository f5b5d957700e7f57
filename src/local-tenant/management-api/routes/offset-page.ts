import type { ApiResponse } from "../route";

/**
 * One page of a user's list as the users endpoints page it: the list itself, or with
 * `include_totals=true` `{ start, limit, total, [key]: items }`. The query was checked against
 * the operation's parameters before the handler runs.
 */
export function offsetPageOf<T>(
  key: string,
  all: readonly T[],
  query: URLSearchParams,
  defaultPerPage: number,
  view: (item: T) => Record<string, unknown>,
): ApiResponse {
  const page = Number(query.get("page") ?? 0);
  const perPage = Number(query.get("per_page") ?? defaultPerPage);
  const start = page * perPage;
  const items = all.slice(start, start + perPage).map(view);
  if (query.get("include_totals") === "true") {
    return { status: 200, body: { start, limit: perPage, total: all.length, [key]: items } };
  }
  return { status: 200, body: items };
}
