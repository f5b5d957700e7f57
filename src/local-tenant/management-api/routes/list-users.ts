import { matchesUserQuery } from "../../user-search/match";
import { parseUserQuery, type QueryNode } from "../../user-search/query";
import { parseUserSort, sortUsers } from "../../user-search/sort";
import { managementError } from "../errors";
import type { ApiResponse, Route, RouteContext } from "../route";
import { selectFields } from "./select-fields";

const defaultPerPage = 50;
const maxPerPage = 100;
/** Auth0 returns at most this many results of one query, however it is paged. */
export const searchResultCap = 1000;

export const listUsersRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/api/v2/users",
    endpointKey: "list-users",
    api: "management",
    scope: ["read:users"],
    handler: listUsers,
  },
];

/**
 * `GET /api/v2/users`: search (`q`, v3 syntax as far as `user-search/query.ts` goes), `sort`,
 * `page`/`per_page`, `include_totals`, `fields`/`include_fields`, and the 1,000-result cap.
 * `total` is every match, past the cap too [Auth0's figure past 1,000 is unconfirmed].
 */
function listUsers(context: RouteContext): ApiResponse {
  const { query } = context;
  const engine = query.get("search_engine");
  if (engine === "v1" || engine === "v2") {
    const hint = engine === "v2" ? " Use search_engine=v3 instead." : "";
    return invalidQuery(`You are not allowed to use search_engine=${engine}.${hint}`);
  }
  const page = integerParameter(query, "page", 0, 0, Number.POSITIVE_INFINITY);
  if (typeof page === "string") return invalidQuery(page);
  const perPage = integerParameter(query, "per_page", defaultPerPage, 0, maxPerPage);
  if (typeof perPage === "string") return invalidQuery(perPage);
  const filter = searchFilter(query.get("q"));
  if (typeof filter === "string") return invalidQuery(filter);
  const sortText = query.get("sort");
  const sort = sortText === null ? undefined : parseUserSort(sortText);
  if (sortText !== null && !sort) {
    return invalidQuery(
      `Query validation error: 'String does not match pattern ^(([a-zA-Z0-9_\\.]+))\\:(1|-1)$: ${sortText}' on property sort.`,
    );
  }
  if ((page + 1) * perPage > searchResultCap) {
    return managementError(
      400,
      "You can only page through the first 1000 records. See https://auth0.com/docs/users/search/v3/view-search-results-by-page#limitation.",
      "invalid_paging",
    );
  }
  const matching = context.state.usersMatching((user) => !filter || matchesUserQuery(user, filter));
  const ordered = sort ? sortUsers(matching, sort) : matching;
  const start = page * perPage;
  const users = ordered
    .slice(start, start + perPage)
    .map((user) => selectFields(structuredClone(user), query));
  if (query.get("include_totals") !== "true") return { status: 200, body: users };
  return {
    status: 200,
    body: { start, limit: perPage, length: users.length, total: matching.length, users },
  };
}

function searchFilter(q: string | null): QueryNode | undefined | string {
  if (q === null || q.trim() === "") return undefined;
  const parsed = parseUserQuery(q);
  return parsed.ok
    ? parsed.query
    : `Query validation error: 'Invalid query: ${parsed.message}' on property q.`;
}

function integerParameter(
  query: URLSearchParams,
  name: string,
  fallback: number,
  minimum: number,
  maximum: number,
): number | string {
  const text = query.get(name);
  if (text === null || text === "") return fallback;
  const value = Number(text);
  if (!/^-?\d+$/.test(text)) {
    return `Query validation error: 'Expected type integer but found type string' on property ${name}.`;
  }
  if (value < minimum) {
    return `Query validation error: 'Value ${text} is less than minimum ${minimum}' on property ${name}.`;
  }
  if (value > maximum) {
    return `Query validation error: 'Value ${text} is greater than maximum ${maximum}' on property ${name}.`;
  }
  return value;
}

function invalidQuery(message: string): ApiResponse {
  return managementError(400, message, "invalid_query_string");
}
