import type { Connection } from "../../tenant-state";
import { managementError } from "../errors";
import type { ApiResponse, Route, RouteContext } from "../route";

export const connectionRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/api/v2/connections",
    endpointKey: "list-connections",
    api: "management",
    // Not in the repository's published document, so the route says which scope it takes.
    scope: ["read:connections"],
    handler: listConnections,
  },
  {
    method: "GET",
    pattern: "/api/v2/connections/:id",
    endpointKey: "get-connection",
    api: "management",
    handler: getConnection,
  },
];

const maxTake = 100;

// Auth0 answers every connection with an `options` object, empty when nothing is configured.
function view(connection: Connection, query: URLSearchParams): Record<string, unknown> {
  const full: Record<string, unknown> = { ...connection, options: connection.options ?? {} };
  const fields = query
    .get("fields")
    ?.split(",")
    .map((field) => field.trim())
    .filter(Boolean);
  if (!fields || fields.length === 0) return full;
  const include = query.get("include_fields") !== "false";
  return Object.fromEntries(
    Object.entries(full).filter(([field]) => fields.includes(field) === include),
  );
}

function listConnections(context: RouteContext): ApiResponse {
  const strategies = context.query.getAll("strategy");
  const name = context.query.get("name");
  const take = Number(context.query.get("take") ?? 50);
  if (!Number.isInteger(take) || take < 1 || take > maxTake) {
    return managementError(
      400,
      `Query validation error: 'take' must be an integer from 1 to ${maxTake}.`,
      "invalid_query_string",
    );
  }
  const from = context.query.get("from");
  const all = context.state.connections.filter(
    (connection) =>
      (strategies.length === 0 || strategies.includes(connection.strategy)) &&
      (name === null || connection.name === name),
  );
  const start = from === null ? 0 : all.findIndex((connection) => connection.id === from) + 1;
  const page = all.slice(Math.max(0, start), Math.max(0, start) + take);
  return { status: 200, body: page.map((connection) => view(connection, context.query)) };
}

function getConnection(context: RouteContext): ApiResponse {
  const connection = context.state.getConnectionById(context.params.id ?? "");
  if (!connection) {
    return managementError(404, "The connection does not exist", "inexistent_connection");
  }
  return { status: 200, body: view(connection, context.query) };
}
