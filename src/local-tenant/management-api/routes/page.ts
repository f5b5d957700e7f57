import { managementError } from "../errors";
import type { ApiResponse } from "../route";

const defaultPerPage = 20;
const maxPerPage = 100;

/**
 * One page of a list as the Actions API pages it: `{ [key]: items, total, page, per_page }`,
 * `page` counted from 0.
 */
export function pageOf<T>(
  key: string,
  items: readonly T[],
  query: URLSearchParams,
  view: (item: T) => object,
): ApiResponse {
  const page = Number(query.get("page") ?? 0);
  const perPage = Number(query.get("per_page") ?? defaultPerPage);
  if (!Number.isInteger(page) || page < 0) return invalidQuery("page", "a non-negative integer");
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > maxPerPage) {
    return invalidQuery("per_page", `an integer from 1 to ${maxPerPage}`);
  }
  const start = page * perPage;
  return {
    status: 200,
    body: {
      [key]: items.slice(start, start + perPage).map(view),
      total: items.length,
      page,
      per_page: perPage,
    },
  };
}

/**
 * A list whose "Paging is disabled if parameter not sent" (the specification's `per_page` of
 * `GET /actions/modules`): every item without `per_page`, one page with it.
 */
export function pageOfWhenAsked<T>(
  key: string,
  items: readonly T[],
  query: URLSearchParams,
  view: (item: T) => object,
): ApiResponse {
  if (query.has("per_page")) return pageOf(key, items, query, view);
  return { status: 200, body: { [key]: items.map(view), total: items.length } };
}

export function invalidQuery(parameter: string, expected: string): ApiResponse {
  return managementError(
    400,
    `Query validation error: '${parameter}' must be ${expected}.`,
    "invalid_query_string",
  );
}
