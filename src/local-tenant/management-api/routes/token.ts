import { timingSafeEqual } from "node:crypto";
import { oauthError } from "../errors";
import type { ApiResponse, Route, RouteContext } from "../route";

interface TokenRequest {
  grant_type?: string;
  client_id?: string;
  client_secret?: string;
  audience?: string;
  scope?: string;
}

export const tokenRoutes: Route[] = [
  {
    method: "POST",
    pattern: "/oauth/token",
    endpointKey: "token",
    api: "authentication",
    handler: issueToken,
  },
];

function issueToken(context: RouteContext): ApiResponse {
  const request = tokenRequest(context);
  if (!request.grant_type) {
    return oauthError(400, "invalid_request", "Missing required parameter: grant_type");
  }
  if (request.grant_type !== "client_credentials") {
    return oauthError(
      403,
      "unauthorized_client",
      `Grant type '${request.grant_type}' not allowed for the client.`,
    );
  }
  const client = request.client_id ? context.state.getClient(request.client_id) : undefined;
  if (!client || !secretsMatch(client.client_secret, request.client_secret ?? "")) {
    return oauthError(401, "access_denied", "Unauthorized");
  }
  if (!request.audience) {
    return oauthError(
      403,
      "access_denied",
      "No audience parameter was provided, and no default audience has been configured",
    );
  }
  if (request.audience !== context.managementAudience) {
    return oauthError(403, "access_denied", `Service not found: ${request.audience}`);
  }
  const grant = client.grants.find(
    (candidate) => (candidate.audience ?? context.managementAudience) === request.audience,
  );
  if (!grant) {
    return oauthError(
      403,
      "access_denied",
      `Client is not authorized to access "${request.audience}". You need to create a "client-grant" associated to this API. See: https://auth0.com/docs/api/v2#!/Client_Grants/post_client_grants`,
    );
  }
  const requestedScope = request.scope?.split(" ").filter(Boolean);
  const scope = requestedScope
    ? grant.scope.filter((granted) => requestedScope.includes(granted))
    : grant.scope;
  const issued = context.issueAccessToken({
    clientId: client.client_id,
    audience: request.audience,
    scope,
  });
  return {
    status: 200,
    body: {
      access_token: issued.accessToken,
      scope: issued.scope,
      expires_in: issued.expiresIn,
      token_type: "Bearer",
    },
  };
}

/** Credentials come from the body or, as `client_secret_basic`, from the Authorization header. */
function tokenRequest(context: RouteContext): TokenRequest {
  const body = typeof context.body === "object" && context.body !== null ? context.body : {};
  const fields = Object.fromEntries(
    Object.entries(body).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
  ) as TokenRequest;
  const basic = basicCredentials(context.headers.authorization);
  return basic
    ? { ...fields, client_id: basic.clientId, client_secret: basic.clientSecret }
    : fields;
}

function basicCredentials(
  authorization: string | undefined,
): { clientId: string; clientSecret: string } | undefined {
  const match = /^Basic (.+)$/i.exec(authorization ?? "");
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], "base64").toString("utf8");
  const separator = decoded.indexOf(":");
  if (separator < 0) return undefined;
  return {
    clientId: decodeURIComponent(decoded.slice(0, separator)),
    clientSecret: decodeURIComponent(decoded.slice(separator + 1)),
  };
}

function secretsMatch(expected: string, actual: string): boolean {
  const expectedBytes = Buffer.from(expected);
  const actualBytes = Buffer.from(actual);
  return expectedBytes.length === actualBytes.length && timingSafeEqual(expectedBytes, actualBytes);
}
