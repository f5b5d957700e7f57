import { managementError } from "../errors";
import type { ApiResponse, Route, RouteContext } from "../route";
import { offsetPageOf } from "./offset-page";

/** The factors a user enrolled, email and WebAuthn included, which `multifactor` may omit. */
export const userAuthenticationMethodRoutes: Route[] = [
  {
    method: "GET",
    pattern: "/api/v2/users/:id/authentication-methods",
    endpointKey: "get-user-authentication-methods",
    api: "management",
    handler: listUserAuthenticationMethods,
  },
];

// The specification's default page size for this operation.
const defaultPerPage = 50;

function listUserAuthenticationMethods(context: RouteContext): ApiResponse {
  const methods = context.state.authenticationMethodsOf(context.params.id ?? "");
  // The operation declares a 404 for a user that does not exist.
  if (!methods) return managementError(404, "The user does not exist.", "inexistent_user");
  return offsetPageOf("authenticators", methods, context.query, defaultPerPage, (method) => ({
    ...method,
  }));
}
