import { matchesUserQuery } from "../../user-search/match";
import { parseUserQuery, type QueryNode } from "../../user-search/query";
import { parseUserSort, sortUsers } from "../../user-search/sort";
import { managementError } from "../errors";
import type { ApiResponse, Route, RouteContext } from "../route";
import { userView } from "./user-view";

const defaultPerPage = 50;
/** Auth0 returns at most this many results of one query, however it is paged. */
export const searchResultCap = 1000;

export const listUsersRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/api/v2/users",
    endpointKey: "list-users",
    api: "management",
    handler: listUsers,
  },
];

/**
 * `GET /api/v2/users`: search (`q`, v3 syntax as far as `user-search/query.ts` goes), `sort`,
 * `page`/`per_page`, `include_totals`, `fields`/`include_fields`, and the 1,000-result cap.
 * `total` stops at 1,000 however many match, as an Auth0 staff answer describes it ("total number
 * of results in the query (max 1,000)", community.auth0.com/t/18983): the worst answer for a
 * client that pages until `total`. The
 * parameters' types and bounds (`per_page` at most 100, `sort`'s pattern) are checked against
 * the specification before this runs.
 */
function listUsers(context: RouteContext): ApiResponse {
  const { query } = context;
  const engine = query.get("search_engine");
  if (engine === "v1" || engine === "v2") {
    const hint = engine === "v2" ? " Use search_engine=v3 instead." : "";
    return invalidQuery(`You are not allowed to use search_engine=${engine}.${hint}`);
  }
  const page = Number(query.get("page") ?? 0);
  const perPage = Number(query.get("per_page") ?? defaultPerPage);
  const filter = searchFilter(query.get("q"));
  if (typeof filter === "string") return invalidQuery(filter);
  const sortText = query.get("sort");
  const sort = sortText === null ? undefined : parseUserSort(sortText);
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
    .map((user) => userView(structuredClone(user), context));
  if (query.get("include_totals") !== "true") return { status: 200, body: users };
  return {
    status: 200,
    body: {
      start,
      limit: perPage,
      length: users.length,
      total: Math.min(matching.length, searchResultCap),
      users,
    },
  };
}

function searchFilter(q: string | null): QueryNode | undefined | string {
  if (q === null || q.trim() === "") return undefined;
  const parsed = parseUserQuery(q);
  return parsed.ok
    ? parsed.query
    : `Query validation error: 'Invalid query: ${parsed.message}' on property q.`;
}

function invalidQuery(message: string): ApiResponse {
  return managementError(400, message, "invalid_query_string");
}
