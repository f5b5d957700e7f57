import type { TenantSeed } from "../tenant-state";
import type { RateLimitPlanName } from "./rate-limit-plans";

export interface LocalTenantSummary {
  origin: string;
  /** Trust it with NODE_EXTRA_CA_CERTS. */
  caPath: string;
  rateLimit: RateLimitPlanName;
  /** The machine-to-machine clients: local-only ids and secrets, and their Management API scopes. */
  clients: { name: string; client_id: string; client_secret: string; scope: string[] }[];
}

export function summarize(
  seed: TenantSeed,
  origin: string,
  caPath: string,
  rateLimit: RateLimitPlanName,
): LocalTenantSummary {
  return {
    origin,
    caPath,
    rateLimit,
    clients: seed.clients
      .filter((client) => client.app_type === undefined)
      .map((client) => ({
        name: client.name,
        client_id: client.client_id,
        client_secret: client.client_secret,
        scope: client.grants.flatMap((grant) => grant.scope),
      })),
  };
}

export function describeForPeople(summary: LocalTenantSummary): string {
  const clients = summary.clients.map(
    (client) =>
      `  ${client.name}\n    client_id      ${client.client_id}\n    client_secret  ${client.client_secret}\n    scopes         ${client.scope.join(" ") || "(none)"}`,
  );
  return [
    `Local tenant on ${summary.origin} (Management API at ${summary.origin}/api/v2/, rate limit: ${summary.rateLimit})`,
    "",
    "Trust its certificate authority:",
    `  export NODE_EXTRA_CA_CERTS=${summary.caPath}`,
    "",
    `Machine-to-machine clients (local-only credentials; audience ${summary.origin}/api/v2/):`,
    ...clients,
    "",
    "Logins at /authorize run the Action in tenant.yaml. Ctrl-C stops the tenant.",
  ].join("\n");
}
