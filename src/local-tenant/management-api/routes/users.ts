import type { UserPatch } from "../../tenant-state";
import { managementError } from "../errors";
import type { ApiResponse, Route, RouteContext } from "../route";
import { userView } from "./user-view";

export const userRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/api/v2/users-by-email",
    endpointKey: "users-by-email",
    api: "management",
    handler: listUsersByEmail,
  },
  {
    method: "GET",
    pattern: "/api/v2/users/:id",
    endpointKey: "get-user",
    api: "management",
    handler: getUser,
  },
  {
    method: "PATCH",
    pattern: "/api/v2/users/:id",
    endpointKey: "patch-user",
    api: "management",
    handler: patchUser,
  },
];

function listUsersByEmail(context: RouteContext): ApiResponse {
  const email = context.query.get("email");
  if (!email) {
    return managementError(
      400,
      "Query validation error: 'Missing required property: email'.",
      "invalid_query_string",
    );
  }
  const users = context.state.usersByEmail(email);
  return { status: 200, body: users.map((user) => userView(user, context)) };
}

function getUser(context: RouteContext): ApiResponse {
  const user = context.state.getUser(context.params.id ?? "");
  if (!user) return managementError(404, "The user does not exist.", "inexistent_user");
  return { status: 200, body: userView(user, context) };
}

function patchUser(context: RouteContext): ApiResponse {
  const patch = context.body;
  if (typeof patch !== "object" || patch === null || Array.isArray(patch)) {
    return managementError(
      400,
      "Payload validation error: 'Expected type object' on the request body.",
      "invalid_body",
    );
  }
  return {
    status: 200,
    body: userView(
      context.state.updateUser(context.params.id ?? "", patch as UserPatch, {
        enforceProfileSize: true,
      }),
      { scopes: context.scopes, query: new URLSearchParams() },
    ),
  };
}
