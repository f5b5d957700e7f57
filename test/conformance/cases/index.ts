import type { ConformanceCase, KnownUndeclaredStatus } from "../support/case";
import { actionCases } from "./actions";
import { connectionCases } from "./connections";
import { identityCases } from "./identities";
import { jobCases } from "./jobs";
import { triggerCases } from "./triggers";
import { userAuthorizationCases } from "./user-authorization";
import { userOrganizationCases } from "./user-organizations";
import { userCases } from "./users";

/** Every hand-written case, in the order they run (later cases may rely on earlier effects). */
export const conformanceCases: readonly ConformanceCase[] = [
  ...userCases,
  ...identityCases,
  ...actionCases,
  ...triggerCases,
  ...jobCases,
  ...connectionCases,
  ...userOrganizationCases,
  ...userAuthorizationCases,
];

/** Statuses Auth0 answers that the specification omits for the operation, with the source. */
export const knownUndeclaredStatuses: readonly KnownUndeclaredStatus[] = [
  {
    operationId: "get_user_organizations",
    status: 400,
    // The operation's own parameters bound per_page to 1..100; Auth0 answers a query outside a
    // declared schema with 400 invalid_query_string on every operation, this one's list omits it.
    source:
      "Auth0 Management API errors, 400 invalid_query_string (https://auth0.com/docs/api/management/v2/users/get-user-organizations)",
  },
];

/**
 * Routes the emulator serves that the specification does not describe, and what each is
 * modelled on instead (the README's local-tenant section says the same).
 */
export const unspecifiedRoutes: Readonly<Record<string, string>> = {
  "POST /oauth/token":
    "Auth0's Authentication API client-credentials grant (https://auth0.com/docs/api/authentication#client-credentials-flow)",
  // The published document this repository keeps covers GET /connections/{id} only.
  "GET /api/v2/connections":
    "Auth0's list connections operation, get_connections (https://auth0.com/docs/api/management/v2/connections/get-connections): strategy, name, fields, include_fields; checkpoint (take, from: { connections, next }) or offset (page, per_page, include_totals: { start, limit, total, connections }) pagination",
  "GET /api/v2/connections/:id/scim-configuration":
    "Auth0's get a connection's SCIM configuration, get_scim_configuration (https://auth0.com/docs/api/management/v2/connections/get-scim-configuration): read:scim_config; 404 where none is configured, which the seed never does",
  "GET /api/v2/clients/:id":
    "Auth0's get a client operation, get_clients_by_id (https://auth0.com/docs/api/management/v2/clients/get-clients-by-id): read:clients; the secret only with read:client_keys",
  "GET /api/v2/clients/:id/connections":
    "Auth0's get enabled connections for a client, get_client_connections (https://auth0.com/docs/api/management/v2/clients/get-client-connections): read:connections and any one of read:clients or read:client_summary; take, from, { connections, next }",
  "GET /api/v2/custom-domains":
    "Auth0's get custom domains configurations, get_custom_domains (https://auth0.com/docs/api/management/v2/custom-domains/get-custom-domains): read:custom_domains, a bare array",
};
