import { readFile } from "node:fs/promises";
import { describe, expect, test } from "vitest";
import { demoSeedPath } from "../../../src/local-tenant/local-tenant";
import {
  type StoredUser,
  type TenantSeed,
  TenantState,
} from "../../../src/local-tenant/tenant-state";
import { managementToken, startDemoTenant } from "./harness";
import { usersClient } from "./sdk-client";

// Two database connections can each hold a user with the same id (custom databases return their
// own ids; imports keep them): the link request's connection_id names the secondary's connection
// "when more than one `auth0` database provider exists" (the specification).
const legacy = { id: "con_Le9gAcYd8tAbAs3e", name: "legacy-db", strategy: "auth0" };
const sharedId = "7f3a9c2e";

function databaseUser(connection: string, email: string, createdAt: string): StoredUser {
  return {
    user_id: `auth0|${sharedId}`,
    email,
    email_verified: true,
    created_at: createdAt,
    updated_at: createdAt,
    identities: [{ provider: "auth0", user_id: sharedId, connection, isSocial: false }],
    app_metadata: {},
    user_metadata: {},
  };
}

async function startCollidingTenant() {
  const seed = JSON.parse(await readFile(demoSeedPath, "utf8")) as TenantSeed;
  const state = TenantState.fromSeed({
    ...seed,
    connections: [...seed.connections, legacy],
    users: [
      ...seed.users,
      databaseUser(
        "Username-Password-Authentication",
        "dana@example.com",
        "2020-01-01T00:00:00.000Z",
      ),
      databaseUser(legacy.name, "dana@example.com", "2021-01-01T00:00:00.000Z"),
    ],
  });
  const server = await startDemoTenant({ state });
  return { server, users: usersClient(server, await managementToken(server)) };
}

describe("the same user id in two database connections", () => {
  test("users-by-email answers both users", async () => {
    const { users } = await startCollidingTenant();
    const found = await users.listUsersByEmail({ email: "dana@example.com" });
    expect(found.map((user) => [user.user_id, user.identities?.[0]?.connection])).toEqual([
      [`auth0|${sharedId}`, "Username-Password-Authentication"],
      [`auth0|${sharedId}`, legacy.name],
    ]);
  });

  test("connection_id picks the secondary in that connection and leaves the other", async () => {
    const { server, users } = await startCollidingTenant();
    const identities = await users.identities.link("okta|00u1carol2acme3okta", {
      provider: "auth0",
      user_id: sharedId,
      connection_id: legacy.id,
    });
    expect(identities.map((identity) => identity.connection)).toEqual(["acme-okta", legacy.name]);
    const left = server.state.usersByEmail("dana@example.com");
    expect(left.map((user) => user.identities[0]?.connection)).toEqual([
      "Username-Password-Authentication",
    ]);
  });

  test("without connection_id the link takes the one stored first", async () => {
    const { server, users } = await startCollidingTenant();
    const identities = await users.identities.link("okta|00u1carol2acme3okta", {
      provider: "auth0",
      user_id: sharedId,
    });
    expect(identities[1]?.connection).toBe("Username-Password-Authentication");
    expect(server.state.usersByEmail("dana@example.com")[0]?.identities[0]?.connection).toBe(
      legacy.name,
    );
  });

  test("a seed may not repeat a user id within one connection", () => {
    const user = databaseUser(legacy.name, "dana@example.com", "2021-01-01T00:00:00.000Z");
    expect(() =>
      TenantState.fromSeed({ connections: [legacy], clients: [], users: [user, user] }),
    ).toThrow(/duplicate user_id/);
  });
});
