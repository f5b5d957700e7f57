import type { Client, Connection } from "../../tenant-state";
import { managementError } from "../errors";
import type { ApiResponse, Route, RouteContext } from "../route";
import { checkpointPage } from "./connection-pages";

// Not in the repository's published document: written from Auth0's reference pages for
// "Get a client" (read:clients) and "Get enabled connections for a client" (read:connections and
// any one of read:clients or read:client_summary, checkpoint pagination).
export const clientRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/api/v2/clients/:id",
    endpointKey: "get-client",
    api: "management",
    scope: ["read:clients"],
    handler: getClient,
  },
  {
    method: "GET",
    pattern: "/api/v2/clients/:id/connections",
    endpointKey: "get-client-connections",
    api: "management",
    scope: ["read:clients", "read:client_summary"],
    requiredScopes: ["read:connections"],
    handler: getClientConnections,
  },
];

// What Auth0 gives a regular web application created in the Dashboard.
const defaultGrantTypes = ["authorization_code", "implicit", "refresh_token", "client_credentials"];

function clientView(client: Client, domain: string): Record<string, unknown> {
  const signsPeopleIn = client.app_type !== undefined;
  return {
    client_id: client.client_id,
    name: client.name,
    app_type: client.app_type ?? "non_interactive",
    // Secrets come back only with read:client_keys, which nothing here asks for.
    callbacks: (client.callbacks ?? []).map((callback) => callback.replaceAll("{domain}", domain)),
    grant_types: client.grant_types ?? (signsPeopleIn ? defaultGrantTypes : ["client_credentials"]),
    token_endpoint_auth_method: client.token_endpoint_auth_method ?? "client_secret_post",
  };
}

function getClient(context: RouteContext): ApiResponse {
  const client = context.state.getClient(context.params.id ?? "");
  if (!client) return managementError(404, "The client does not exist", "inexistent_client");
  return { status: 200, body: clientView(client, context.domain) };
}

function enabledFor(client: Client, connection: Connection): boolean {
  return client.enabled_connections?.includes(connection.name) ?? true;
}

function getClientConnections(context: RouteContext): ApiResponse {
  const client = context.state.getClient(context.params.id ?? "");
  if (!client) return managementError(404, "The client does not exist", "inexistent_client");
  const enabled = context.state.connections.filter((connection) => enabledFor(client, connection));
  // Options need read:connections_options; this view never carries them.
  return checkpointPage(enabled, context.query, ({ id, name, strategy }) => ({
    id,
    name,
    strategy,
  }));
}
