import { managementError } from "../errors";
import type { ApiResponse, Route, RouteContext } from "../route";
import { offsetPageOf } from "./offset-page";

/** The roles and the permissions assigned to a user id: what RBAC gives its tokens. */
export const userAuthorizationRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/api/v2/users/:id/roles",
    endpointKey: "get-user-roles",
    api: "management",
    handler: listUserRoles,
  },
  {
    method: "GET",
    pattern: "/api/v2/users/:id/permissions",
    endpointKey: "get-user-permissions",
    api: "management",
    handler: listUserPermissions,
  },
];

// Auth0's default page size for its users' lists.
const defaultPerPage = 50;

// Both operations declare a 404, which is Auth0's answer for a user id that does not exist.
function unknownUser(context: RouteContext): ApiResponse | undefined {
  if (context.state.getUser(context.params.id ?? "")) return undefined;
  return managementError(404, "The user does not exist.", "inexistent_user");
}

function listUserRoles(context: RouteContext): ApiResponse {
  const unknown = unknownUser(context);
  if (unknown) return unknown;
  const all = context.state.rolesOf(context.params.id ?? "");
  return offsetPageOf("roles", all, context.query, defaultPerPage, ({ id, name, description }) => ({
    id,
    name,
    ...(description === undefined ? {} : { description }),
  }));
}

// Auth0 also lists here the permissions of the roles assigned directly; the local tenant's roles
// carry none, so this is the permissions assigned to the user itself.
function listUserPermissions(context: RouteContext): ApiResponse {
  const unknown = unknownUser(context);
  if (unknown) return unknown;
  const all = context.state.permissionsOf(context.params.id ?? "");
  return offsetPageOf("permissions", all, context.query, defaultPerPage, (permission) => ({
    resource_server_identifier: permission.resource_server_identifier,
    permission_name: permission.permission_name,
    ...(permission.resource_server_name === undefined
      ? {}
      : { resource_server_name: permission.resource_server_name }),
    ...(permission.description === undefined ? {} : { description: permission.description }),
  }));
}
