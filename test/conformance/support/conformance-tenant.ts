import { createCertificateAuthority } from "../../../src/local-tenant/certificates";
import { loadDemoSeed } from "../../../src/local-tenant/local-tenant";
import { type Route, startManagementApi } from "../../../src/local-tenant/management-api";
import { findOperation } from "../../../src/local-tenant/management-api/openapi/operations";
import { acceptedScopes } from "../../../src/local-tenant/management-api/openapi/scopes";
import { defaultRoutes } from "../../../src/local-tenant/management-api/routes";
import { TenantState } from "../../../src/local-tenant/tenant-state";
import { trustCertificateAuthority } from "../../../src/local-tenant/trust";
import { bobDatabaseId, managementToken } from "../../local-tenant/management-api/harness";
import type { CaseContext } from "./case";

/** A route of the emulator and the specified operation it serves, if the specification has one. */
export interface ServedRoute {
  route: Route;
  operationId: string | undefined;
}

/** Every route the emulator serves, each with its operation found as a request would find it. */
export function servedRoutes(): ServedRoute[] {
  return defaultRoutes.map((route) => ({
    route,
    operationId: findOperation(route.method, samplePath(route.pattern))?.operation.operationId,
  }));
}

/** A concrete path for a route pattern: each `:name` segment becomes a plain value. */
function samplePath(pattern: string): string {
  return pattern
    .split("/")
    .map((segment) => (segment.startsWith(":") ? "sample" : segment))
    .join("/");
}

const clients = {
  admin: {
    client_id: "ConformanceAdminClient0000000001",
    client_secret: "local-only-conformance-admin-secret-not-a-real-credential",
  },
  unrelated: {
    client_id: "ConformanceStatsClient0000000002",
    client_secret: "local-only-conformance-stats-secret-not-a-real-credential",
  },
  connectionsReader: {
    client_id: "ConformanceConnsClient0000000003",
    client_secret: "local-only-conformance-connections-secret-not-a-real-credential",
  },
};

// Not in any operation's `security`: the specification's ConnectionOptions says a connection's
// options are returned only when it is present.
const connectionsOptionsScope = "read:connections_options";

export const conformanceRole = {
  id: "rol_Conformance00000001",
  name: "auditor",
  description: "Reads the reports",
};

export const conformancePermission = {
  resource_server_identifier: "https://reports.example.com/",
  permission_name: "read:reports",
  resource_server_name: "Reports",
  description: "Read the reports",
};

/** The demo tenant with its users, rate limits off, and the suite's two clients. */
export async function startConformanceTenant(): Promise<CaseContext> {
  const everyAcceptedScope = [
    ...new Set(
      servedRoutes().flatMap(({ route, operationId }) => {
        const operation = operationId
          ? findOperation(route.method, samplePath(route.pattern))
          : undefined;
        return operation ? acceptedScopes(operation.operation) : [...(route.scope ?? [])];
      }),
    ),
  ].filter((scope) => !scope.includes("current_user"));
  const seed = await loadDemoSeed({ withUsers: true });
  const state = TenantState.fromSeed({
    ...seed,
    clients: [
      ...seed.clients,
      {
        ...clients.admin,
        name: "conformance-admin",
        grants: [{ scope: [...everyAcceptedScope, connectionsOptionsScope] }],
      },
      { ...clients.unrelated, name: "conformance-stats", grants: [{ scope: ["read:stats"] }] },
      {
        ...clients.connectionsReader,
        name: "conformance-connections",
        grants: [{ scope: ["read:connections"] }],
      },
    ],
    // Something for the users' roles and permissions lists to answer with.
    roles: [{ ...conformanceRole, users: [bobDatabaseId] }],
    permissions: [{ ...conformancePermission, users: [bobDatabaseId] }],
  });
  const ca = await createCertificateAuthority();
  trustCertificateAuthority(ca.caPem);
  const server = await startManagementApi({ state, ca, rateLimit: false, tokenRateLimit: false });
  const token = (client: { client_id: string; client_secret: string }) =>
    managementToken(server, { clientId: client.client_id, clientSecret: client.client_secret });
  return {
    server,
    tokens: {
      admin: await token(clients.admin),
      "unrelated-scope": await token(clients.unrelated),
      "connections-reader": await token(clients.connectionsReader),
    },
  };
}
