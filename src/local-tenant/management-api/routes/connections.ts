import type { Connection } from "../../tenant-state";
import { managementError } from "../errors";
import type { ApiResponse, Route, RouteContext } from "../route";
import { connectionsPage } from "./connection-pages";

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
  {
    method: "GET",
    pattern: "/api/v2/connections/:id/scim-configuration",
    endpointKey: "get-scim-configuration",
    api: "management",
    // Not in the repository's published document either.
    scope: ["read:scim_config"],
    handler: getScimConfiguration,
  },
];

// Auth0 answers a connection's `options` only to a token that also has
// `read:connections_options` (the specification's ConnectionOptions: "In order to return options
// in the response, the read:connections_options scope must be present"), and then as an object,
// empty when nothing is configured. Without that scope the field is left out, even when `fields`
// asks for it: the answer that tells a client least.
const optionsScope = "read:connections_options";

// What Auth0 sets on a database connection created in the Dashboard: a seed that configures
// nothing gets these, as a real one never answers an empty object; other kinds answer {}.
const databaseDefaultOptions = {
  passwordPolicy: "good",
  brute_force_protection: true,
  strategy_version: 2,
};

function defaultOptionsOf(connection: Connection): Record<string, unknown> {
  return connection.strategy === "auth0" ? { ...databaseDefaultOptions } : {};
}

function view(connection: Connection, context: RouteContext): Record<string, unknown> {
  const { options, ...withoutOptions } = connection;
  const full: Record<string, unknown> = context.grantedScopes.includes(optionsScope)
    ? { ...withoutOptions, options: options ?? defaultOptionsOf(connection) }
    : withoutOptions;
  const query = context.query;
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
  const all = context.state.connections.filter(
    (connection) =>
      (strategies.length === 0 || strategies.includes(connection.strategy)) &&
      (name === null || connection.name === name),
  );
  return connectionsPage(all, context.query, (connection) => view(connection, context));
}

function getConnection(context: RouteContext): ApiResponse {
  const connection = context.state.getConnectionById(context.params.id ?? "");
  if (!connection) {
    return managementError(404, "The connection does not exist", "inexistent_connection");
  }
  return { status: 200, body: view(connection, context) };
}

// The seed configures SCIM on no connection: Auth0 answers 404 for a connection without a SCIM
// configuration (auth0-deploy-cli's scimHandler skips such a connection on exactly that status).
function getScimConfiguration(context: RouteContext): ApiResponse {
  if (!context.state.getConnectionById(context.params.id ?? "")) {
    return managementError(404, "The connection does not exist", "inexistent_connection");
  }
  return managementError(
    404,
    "The connection has no SCIM configuration",
    "inexistent_scim_configuration",
  );
}
