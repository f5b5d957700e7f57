import { afterAll } from "vitest";
import { deployToLocalTenant } from "../../src/deploy/deploy-to-local-tenant";
import type { CheckRow } from "../../src/doctor/report";
import { runDoctor } from "../../src/doctor/run-doctor";
import {
  type LocalTenant,
  linkingClientName,
  loadDemoSeed,
  promptClientName,
  startLocalTenant,
} from "../../src/local-tenant/local-tenant";
import type { Client, TenantSeed } from "../../src/local-tenant/tenant-state";

export const adminClient: Client = {
  client_id: "DoctorAdminClientId0000000000009",
  client_secret: "local-only-doctor-admin-secret-not-a-real-credential",
  name: "tenant-admin",
  grants: [{ scope: ["read:clients", "read:connections", "read:custom_domains", "read:actions"] }],
};

export type SeedChange = (seed: TenantSeed) => TenantSeed;

export const withClient =
  (name: string, change: (client: Client) => Client): SeedChange =>
  (seed) => ({
    ...seed,
    clients: seed.clients.map((client) => (client.name === name ? change(client) : client)),
  });

/** The demo tenant with an administrator's application for the doctor, changed as a test says. */
export async function doctorSeed(...changes: SeedChange[]): Promise<TenantSeed> {
  const demo = await loadDemoSeed({ withUsers: false });
  const seed = { ...demo, clients: [...demo.clients, adminClient] };
  return changes.reduce((changed, change) => change(changed), seed);
}

const started: LocalTenant[] = [];
afterAll(async () => {
  await Promise.all(started.splice(0).map((tenant) => tenant.close()));
});

export async function doctorTenant(
  options: { seed?: TenantSeed; deploy?: Record<string, string> } = {},
): Promise<LocalTenant> {
  const tenant = await startLocalTenant({
    seed: options.seed ?? (await doctorSeed()),
    source: "deployed",
  });
  started.push(tenant);
  if (options.deploy) {
    const outcome = await deployToLocalTenant(tenant, { settings: options.deploy });
    if (!outcome.ok) throw new Error(`the deploy failed: ${outcome.code} ${outcome.message}`);
  }
  return tenant;
}

function clientNamed(tenant: LocalTenant, name: string): Client {
  const client = tenant.state.clients.find((candidate) => candidate.name === name);
  if (!client) throw new Error(`no client ${name}`);
  return client;
}

/** The environment `npm run deploy` would have for this tenant, with prompted linking on. */
export function doctorEnvironment(tenant: LocalTenant): Record<string, string | undefined> {
  const linking = clientNamed(tenant, linkingClientName);
  const prompt = clientNamed(tenant, promptClientName);
  return {
    AUTH0_DOMAIN: tenant.api.domain,
    AUTH0_CLIENT_ID: adminClient.client_id,
    AUTH0_CLIENT_SECRET: adminClient.client_secret,
    LINKING_CLIENT_ID: linking.client_id,
    LINKING_CLIENT_SECRET: linking.client_secret,
    LINKING_MODE: "link",
    PROMPTED_LINKING: "on",
    PROMPT_CLIENT_ID: prompt.client_id,
    PROMPT_CLIENT_SECRET: prompt.client_secret,
  };
}

export const promptSettings = (tenant: LocalTenant): Record<string, string> => {
  const prompt = clientNamed(tenant, promptClientName);
  return {
    PROMPTED_LINKING: "on",
    PROMPT_CLIENT_ID: prompt.client_id,
    PROMPT_CLIENT_SECRET: prompt.client_secret,
  };
};

export async function doctorRows(env: Record<string, string | undefined>): Promise<CheckRow[]> {
  const outcome = await runDoctor(env);
  if (outcome.kind !== "checked") throw new Error(outcome.message);
  return outcome.rows;
}

export const rowNamed = (rows: readonly CheckRow[], check: string): CheckRow | undefined =>
  rows.find((row) => row.check === check);

export const failures = (rows: readonly CheckRow[]) =>
  rows.filter(({ status }) => status === "fail").map(({ check }) => check);
