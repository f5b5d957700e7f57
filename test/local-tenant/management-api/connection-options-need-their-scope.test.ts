import { describe, expect, test } from "vitest";
import { loadDemoSeed } from "../../../src/local-tenant/local-tenant";
import { TenantState } from "../../../src/local-tenant/tenant-state";
import { callManagementApi, linkingAction, requestToken, startDemoTenant } from "./harness";

// The specification's ConnectionOptions: "In order to return options in the response, the
// read:connections_options scope must be present".
const legacy = {
  id: "con_LegacyDatabase01",
  name: "legacy-db",
  strategy: "auth0",
  options: { enabledDatabaseCustomization: true },
};

async function tenantWithLegacyDatabase() {
  const seed = await loadDemoSeed({ withUsers: false });
  return startDemoTenant({
    state: TenantState.fromSeed({ ...seed, connections: [...seed.connections, legacy] }),
  });
}

async function tokenWith(server: Awaited<ReturnType<typeof startDemoTenant>>, scope: string) {
  const response = await requestToken(server, linkingAction, { scope });
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

const listPath =
  "/api/v2/connections?strategy=auth0&fields=name,strategy,options&include_fields=true";
const getPath = `/api/v2/connections/${legacy.id}?fields=name,strategy,options&include_fields=true`;

describe("a connection's options need read:connections_options", () => {
  test("the list answers each database with its options to a token with the scope", async () => {
    const server = await tenantWithLegacyDatabase();
    const token = await tokenWith(server, "read:connections read:connections_options");
    const response = await callManagementApi(server, token, listPath);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual([
      {
        name: "Username-Password-Authentication",
        strategy: "auth0",
        options: { passwordPolicy: "good", brute_force_protection: true, strategy_version: 2 },
      },
      { name: "legacy-db", strategy: "auth0", options: { enabledDatabaseCustomization: true } },
    ]);
  });

  test("the list leaves the options out for a token without it, even when asked", async () => {
    const server = await tenantWithLegacyDatabase();
    const token = await tokenWith(server, "read:connections");
    const response = await callManagementApi(server, token, listPath);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual([
      { name: "Username-Password-Authentication", strategy: "auth0" },
      { name: "legacy-db", strategy: "auth0" },
    ]);
  });

  test("get-one answers the options to a token with the scope only", async () => {
    const server = await tenantWithLegacyDatabase();
    const withScope = await tokenWith(server, "read:connections read:connections_options");
    const withoutScope = await tokenWith(server, "read:connections");
    const full = await callManagementApi(server, withScope, getPath);
    expect(await full.json()).toEqual({
      name: "legacy-db",
      strategy: "auth0",
      options: { enabledDatabaseCustomization: true },
    });
    const bare = await callManagementApi(server, withoutScope, getPath);
    expect(bare.status).toBe(200);
    expect(await bare.json()).toEqual({ name: "legacy-db", strategy: "auth0" });
  });

  test("the options scope alone reads no connection", async () => {
    const server = await tenantWithLegacyDatabase();
    const token = await tokenWith(server, "read:connections_options");
    expect((await callManagementApi(server, token, listPath)).status).toBe(403);
    expect((await callManagementApi(server, token, getPath)).status).toBe(403);
  });
});
