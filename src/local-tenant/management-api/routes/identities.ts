import { managementError } from "../errors";
import type { ApiResponse, Route, RouteContext } from "../route";
import { identitiesView } from "./user-view";

export const identityRoutes: Route[] = [
  {
    method: "POST",
    pattern: "/api/v2/users/:id/identities",
    endpointKey: "link-identity",
    api: "management",
    handler: linkIdentity,
  },
  {
    method: "DELETE",
    pattern: "/api/v2/users/:id/identities/:provider/:user_id",
    endpointKey: "unlink-identity",
    api: "management",
    handler: unlinkIdentity,
  },
];

function unlinkIdentity(context: RouteContext): ApiResponse {
  const identities = context.state.unlinkIdentity(
    context.params.id ?? "",
    context.params.provider ?? "",
    context.params.user_id ?? "",
  );
  return { status: 200, body: identitiesView(identities, context) };
}

function linkIdentity(context: RouteContext): ApiResponse {
  const body = (typeof context.body === "object" && context.body !== null ? context.body : {}) as {
    provider?: unknown;
    user_id?: unknown;
    connection_id?: unknown;
    link_with?: unknown;
  };
  if (body.link_with !== undefined) {
    return managementError(
      400,
      "Linking with an ID token (link_with) is not emulated.",
      "invalid_body",
    );
  }
  if (typeof body.provider !== "string") return missingProperty("provider");
  if (typeof body.user_id !== "string" && typeof body.user_id !== "number") {
    return missingProperty("user_id");
  }
  const identities = context.state.linkIdentity(context.params.id ?? "", {
    provider: body.provider,
    user_id: String(body.user_id),
    ...(typeof body.connection_id === "string" ? { connection_id: body.connection_id } : {}),
  });
  return { status: 201, body: identitiesView(identities, context) };
}

function missingProperty(property: string): ApiResponse {
  return managementError(
    400,
    `Payload validation error: 'Missing required property: ${property}'.`,
    "invalid_body",
  );
}
