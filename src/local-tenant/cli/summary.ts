import type { TenantSeed } from "../tenant-state";
import type { RateLimitPlanName } from "./rate-limit-plans";

export interface LocalTenantSummary {
  origin: string;
  /** Trust it with NODE_EXTRA_CA_CERTS. */
  caPath: string;
  rateLimit: RateLimitPlanName;
  /** The machine-to-machine clients: local-only ids and secrets, and their Management API scopes. */
  clients: { name: string; client_id: string; client_secret: string; scope: string[] }[];
  /** The applications people sign in to at /authorize, with the callbacks they may return to. */
  applications: { name: string; client_id: string; client_secret: string; callbacks: string[] }[];
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
    applications: seed.clients
      .filter((client) => client.app_type !== undefined)
      .map((client) => ({
        name: client.name,
        client_id: client.client_id,
        client_secret: client.client_secret,
        callbacks: (client.callbacks ?? []).map((callback) =>
          callback.replaceAll("{domain}", new URL(origin).host),
        ),
      })),
  };
}

export function describeForPeople(summary: LocalTenantSummary): string {
  const clients = summary.clients.map(
    (client) =>
      `  ${client.name}\n    client_id      ${client.client_id}\n    client_secret  ${client.client_secret}\n    scopes         ${client.scope.join(" ") || "(none)"}`,
  );
  const applications = summary.applications.map(
    (app) =>
      `  ${app.name}\n    client_id      ${app.client_id}\n    client_secret  ${app.client_secret}\n    callbacks      ${app.callbacks.join(" ") || "(none)"}`,
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
    `Applications to sign in to (authorization code flow at ${summary.origin}/authorize):`,
    ...applications,
    "",
    "Logins at /authorize run the Action in tenant.yaml. Ctrl-C stops the tenant.",
  ].join("\n");
}
