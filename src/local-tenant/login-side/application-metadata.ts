import type { ClientMetadata } from "oidc-provider";
import type { Client } from "../tenant-state";

// Auth0's default grant types for an application that signs people in; the Management API's
// view of a client says the same (`GET /api/v2/clients/{id}`).
const defaultGrantTypes = ["authorization_code", "implicit", "refresh_token"];
const authorizationServerGrantTypes = new Set(["authorization_code", "implicit", "refresh_token"]);

/** `{domain}` in a seeded URL stands for the tenant's `localhost:PORT`. */
export function withDomain(urls: readonly string[] | undefined, domain: string): string[] {
  return (urls ?? []).map((url) => url.replaceAll("{domain}", domain));
}

/**
 * A seeded application as oidc-provider registers it: its grant types (implicit also allows
 * `id_token` and `code id_token`), its token endpoint authentication (`none`: a public client,
 * which oidc-provider makes use PKCE, as Auth0 does for single-page applications), Allowed
 * Logout URLs and Allowed Web Origins.
 */
export function applicationMetadata(
  client: Client,
  domain: string,
  extraCallbacks: string[],
): ClientMetadata {
  const grantTypes = (client.grant_types ?? defaultGrantTypes).filter((grant) =>
    authorizationServerGrantTypes.has(grant),
  );
  const implicit = grantTypes.includes("implicit");
  const authMethod = client.token_endpoint_auth_method ?? "client_secret_post";
  return {
    client_id: client.client_id,
    ...(authMethod === "none" ? {} : { client_secret: client.client_secret }),
    client_name: client.name,
    redirect_uris: [...withDomain(client.callbacks, domain), ...extraCallbacks],
    post_logout_redirect_uris: withDomain(client.allowed_logout_urls, domain),
    web_origins: withDomain(client.web_origins, domain),
    grant_types: grantTypes,
    response_types: implicit ? ["code", "id_token", "code id_token"] : ["code"],
    token_endpoint_auth_method: authMethod as ClientMetadata["token_endpoint_auth_method"],
    id_token_signed_response_alg: "RS256",
    require_auth_time: true,
  };
}

/** Auth0's CORS rule: an origin among the application's Allowed Web Origins. */
export function allowedWebOrigin(origin: string, client: { metadata(): ClientMetadata }): boolean {
  const origins = client.metadata().web_origins;
  return Array.isArray(origins) && origins.includes(origin);
}
