import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { demoSeedPath } from "../../../src/local-tenant/local-tenant";
import { createLoginSimulator } from "../../../src/local-tenant/simulator/login";
import {
  type StoredUser,
  type TenantSeed,
  TenantState,
  type UserIdentity,
} from "../../../src/local-tenant/tenant-state";
import {
  aliceDatabaseId,
  aliceGoogleId,
  callManagementApi,
  startDemoTenantWithToken,
} from "./harness";

// The description of GET /api/v2/users-by-email: where Auth0 is the identity provider the address
// "is saved in lower case, regardless of how you initially provided it". A custom database without
// import mode returns whatever its script returns; with import mode the user is copied into
// Auth0's store.
const database = "Username-Password-Authentication";
const customDatabase = {
  id: "con_Cu5tomDb0000000A",
  name: "legacy-db",
  strategy: "auth0",
  options: { enabledDatabaseCustomization: true },
};
const importingDatabase = {
  id: "con_Imp0rtDb0000000B",
  name: "migrating-db",
  strategy: "auth0",
  options: { enabledDatabaseCustomization: true, import_mode: true },
};

function identity(connection: string, provider: string, id: string): UserIdentity {
  return { provider, user_id: id, connection, isSocial: provider === "google-oauth2" };
}

function user(main: UserIdentity, email: string, linked: UserIdentity[] = []): StoredUser {
  return {
    user_id: `${main.provider}|${main.user_id}`,
    email,
    email_verified: true,
    created_at: "2024-01-01T00:00:00.000Z",
    updated_at: "2024-01-01T00:00:00.000Z",
    identities: [main, ...linked],
    app_metadata: {},
    user_metadata: {},
  };
}

async function seedWith(users: StoredUser[]): Promise<TenantSeed> {
  const demo = JSON.parse(await readFile(demoSeedPath, "utf8")) as TenantSeed;
  return {
    ...demo,
    connections: [...demo.connections, customDatabase, importingDatabase],
    users: [...demo.users, ...users],
  };
}

async function startTenant(users: StoredUser[] = []) {
  const state = TenantState.fromSeed(await seedWith(users));
  const { server, token } = await startDemoTenantWithToken({ state });
  const usersByEmail = async (email: string) => {
    const query = new URLSearchParams({ email });
    const response = await callManagementApi(server, token, `/api/v2/users-by-email?${query}`);
    const found = (await response.json()) as StoredUser[];
    return found.map((each) => each.user_id);
  };
  const patchEmail = async (id: string, email: string) => {
    const response = await callManagementApi(
      server,
      token,
      `/api/v2/users/${encodeURIComponent(id)}`,
      {
        method: "PATCH",
        body: { email },
      },
    );
    expect(response.status).toBe(200);
    return ((await response.json()) as StoredUser).email;
  };
  return { state, usersByEmail, patchEmail };
}

describe("database addresses are stored in lower case, as Auth0 stores them", () => {
  it("stores-a-seeded-database-address-in-lower-case-and-other-connections'-as-given", async () => {
    const linkedDatabase = {
      ...identity(database, "auth0", "jane-work"),
      profileData: { email: "Jane.Work@Example.com", email_verified: true },
    };
    const tenant = await startTenant([
      user(identity(database, "auth0", "jane"), "Jane@Example.com"),
      user(identity("google-oauth2", "google-oauth2", "sam"), "Sam@Example.com", [linkedDatabase]),
      user(identity(customDatabase.name, "auth0", "legacy"), "Legacy@Example.com"),
      user(identity(importingDatabase.name, "auth0", "moved"), "Moved@Example.com"),
    ]);
    expect(await tenant.usersByEmail("jane@example.com")).toEqual(["auth0|jane"]);
    expect(await tenant.usersByEmail("Jane@Example.com")).toEqual([]);
    expect(await tenant.usersByEmail("Sam@Example.com")).toEqual(["google-oauth2|sam"]);
    expect(tenant.state.getUser("google-oauth2|sam")?.identities[1]?.profileData?.email).toBe(
      "jane.work@example.com",
    );
    expect(await tenant.usersByEmail("Legacy@Example.com")).toEqual(["auth0|legacy"]);
    expect(await tenant.usersByEmail("moved@example.com")).toEqual(["auth0|moved"]);
  });

  it("stores-a-database-sign-up's-address-in-lower-case-and-a-social-one's-as-sent", async () => {
    const state = TenantState.fromSeed(await seedWith([]));
    const { login } = createLoginSimulator({ state, action: undefined });
    const signUp = { email: "New.Person@Example.com", emailVerified: true };
    const password = await login({ connection: database, providerUserId: "new", ...signUp });
    const legacy = await login({
      connection: customDatabase.name,
      providerUserId: "old",
      ...signUp,
    });
    const google = await login({ connection: "google-oauth2", providerUserId: "g-new", ...signUp });
    expect(password.user).toMatchObject({
      email: "new.person@example.com",
      name: "new.person@example.com",
    });
    expect(legacy.user?.email).toBe("New.Person@Example.com");
    expect(google.user?.email).toBe("New.Person@Example.com");
  });

  it("stores-an-address-PATCHed-onto-a-database-user-in-lower-case", async () => {
    const tenant = await startTenant([
      user(identity(customDatabase.name, "auth0", "legacy"), "legacy@example.com"),
    ]);
    expect(await tenant.patchEmail(aliceDatabaseId, "Alice.New@Example.com")).toBe(
      "alice.new@example.com",
    );
    expect(await tenant.usersByEmail("alice.new@example.com")).toEqual([aliceDatabaseId]);
    // Where Auth0 is not the identity provider, the address is stored as given.
    expect(await tenant.patchEmail(aliceGoogleId, "Alice.New@Example.com")).toBe(
      "Alice.New@Example.com",
    );
    expect(await tenant.patchEmail("auth0|legacy", "Legacy@Example.com")).toBe(
      "Legacy@Example.com",
    );
  });

  it("lower-cases-beyond-ascii-the-worst-case-while-auth0's-mapping-is-undocumented", async () => {
    const state = TenantState.fromSeed(await seedWith([]));
    const kelvin = state.createUser({ connection: database, email: "\u212Aate@Example.com" });
    expect(kelvin.email).toBe("kate@example.com");
  });
});
