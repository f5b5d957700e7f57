import { readFile } from "node:fs/promises";
import { describe, expect, test } from "vitest";
import { demoSeedPath } from "../../../src/local-tenant/local-tenant";
import { ManagementApiError } from "../../../src/local-tenant/management-api-error";
import { type TenantSeed, TenantState } from "../../../src/local-tenant/tenant-state";
import { aliceDatabaseId } from "./harness";

const demoTenant = () => TenantState.fromFile(demoSeedPath);

describe("tenant state", () => {
  test("hands out copies: mutating a returned user changes nothing", async () => {
    const state = await demoTenant();
    const user = state.getUser(aliceDatabaseId);
    if (!user) throw new Error("seed user missing");
    user.app_metadata.roles = ["admin"];
    user.identities.length = 0;
    expect(state.getUser(aliceDatabaseId)?.app_metadata).toEqual({ plan: "pro" });
    expect(state.getUser(aliceDatabaseId)?.identities).toHaveLength(1);
  });

  test("creates a social user with the strategy as provider and one identity", async () => {
    const state = await demoTenant();
    const user = state.createUser({
      connection: "apple",
      providerUserId: "001234.abcd",
      email: "dave@example.com",
      email_verified: true,
    });
    expect(user).toMatchObject({
      user_id: "apple|001234.abcd",
      email: "dave@example.com",
      email_verified: true,
      logins_count: 0,
      identities: [
        { provider: "apple", user_id: "001234.abcd", connection: "apple", isSocial: true },
      ],
    });
    expect(state.findUserByIdentity("apple", "001234.abcd")?.user_id).toBe("apple|001234.abcd");
  });

  test("creates enterprise and passwordless users as non-social", async () => {
    const state = await demoTenant();
    const entra = state.createUser({ connection: "contoso-entra", email: "erin@contoso.example" });
    const passwordless = state.createUser({ connection: "email", email: "frank@example.com" });
    expect(entra.user_id).toMatch(/^waad\|/);
    expect(entra.identities[0]?.isSocial).toBe(false);
    expect(passwordless.identities[0]).toMatchObject({ provider: "email", isSocial: false });
  });

  test("refuses an unknown connection", async () => {
    const state = await demoTenant();
    expect(() => state.createUser({ connection: "nope" })).toThrow(ManagementApiError);
  });

  test("counts logins", async () => {
    const state = await demoTenant();
    state.incrementLoginsCount(aliceDatabaseId);
    expect(state.getUser(aliceDatabaseId)?.logins_count).toBe(15);
  });
});

describe("tenant seed", () => {
  test("the demo seed is consistent", async () => {
    await expect(demoTenant()).resolves.toBeInstanceOf(TenantState);
  });

  test("a seed with a malformed connection id or unknown connection is refused", () => {
    expect(() =>
      TenantState.fromSeed({
        connections: [{ id: "con_short", name: "db", strategy: "auth0" }],
        clients: [],
        users: [
          {
            user_id: "auth0|1",
            created_at: "2024-01-01T00:00:00.000Z",
            updated_at: "2024-01-01T00:00:00.000Z",
            identities: [{ provider: "auth0", user_id: "1", connection: "other", isSocial: false }],
            app_metadata: {},
            user_metadata: {},
          },
        ],
      }),
    ).toThrow(/con_short[\s\S]*unknown connection other/);
  });
});

describe("what a link and a PATCH keep", () => {
  const member = "google-oauth2|104857362910473829104";
  const bystander = "auth0|65b2e1d3c4b5a69788796a5c";

  async function tenantWithHoldings() {
    const seed = JSON.parse(await readFile(demoSeedPath, "utf8")) as TenantSeed;
    return TenantState.fromSeed({
      ...seed,
      organizations: [{ id: "org_0000000000000001", name: "acme", members: [member, bystander] }],
      roles: [{ id: "rol_0000000000000001", name: "editor", users: [member, bystander] }],
      permissions: [
        {
          resource_server_identifier: "https://api.example.com",
          permission_name: "read:reports",
          users: [member, bystander],
        },
      ],
    });
  }

  test("a link deletes the secondary's memberships, roles and permissions, and only its", async () => {
    const state = await tenantWithHoldings();
    state.linkIdentity(aliceDatabaseId, {
      provider: "google-oauth2",
      user_id: member.split("|")[1] as string,
    });
    expect(state.organizationsOf(member)).toEqual([]);
    expect(state.rolesOf(member)).toEqual([]);
    expect(state.permissionsOf(member)).toEqual([]);
    // Control: another member keeps all three.
    expect(state.organizationsOf(bystander)).toHaveLength(1);
    expect(state.rolesOf(bystander)).toHaveLength(1);
    expect(state.permissionsOf(bystander)).toHaveLength(1);
  });

  test("a PATCH accepts a password and never stores it", async () => {
    const state = await demoTenant();
    state.updateUser(aliceDatabaseId, {
      password: "a new password",
      user_metadata: { theme: "dark" },
    });
    const user = state.getUser(aliceDatabaseId);
    expect(user?.user_metadata).toEqual({ theme: "dark" });
    expect(user).not.toHaveProperty("password");
  });
});
