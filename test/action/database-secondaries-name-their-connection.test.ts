import { describe, expect, it } from "vitest";
import { FakeManagementPort, type FakeUser } from "./support/fake-management-port";
import { account, connections, loginEvent } from "./support/post-login-fixtures";
import { runLogin } from "./support/run-login";

// The link request's connection_id names the secondary's connection "when more than one `auth0`
// database provider exists" (the specification): two database connections can each hold a user
// with the same id.
const legacy = {
  id: "con_Le9gAcYd8tAbAs3e",
  name: "legacy-db",
  strategy: "auth0",
  options: { passwordPolicy: "good" },
};
const tenantConnections = [
  { ...connections.database, options: { passwordPolicy: "good" } },
  legacy,
];

const olderGoogle = account("google", "older", { created_at: "2020-01-01T00:00:00.000Z" });

function databaseAccount(connection: string, id: string, createdAt: string): FakeUser {
  return {
    ...account("database", id, { created_at: createdAt }),
    identities: [{ provider: "auth0", user_id: id, connection, isSocial: false }],
  };
}

function tenant(...users: FakeUser[]) {
  return new FakeManagementPort(
    users.map((user) => structuredClone(user)),
    tenantConnections,
  );
}

function linkCalls(port: FakeManagementPort) {
  return port.calls.flatMap((call) => (call.op === "linkIdentity" ? [call.identity] : []));
}

describe("database secondaries", () => {
  it("sends-the-connection-id-of-every-database-secondary", async () => {
    const inDefault = databaseAccount(connections.database.name, "a", "2023-01-01T00:00:00.000Z");
    const inLegacy = databaseAccount(legacy.name, "b", "2024-01-01T00:00:00.000Z");
    const port = tenant(olderGoogle, inDefault, inLegacy);
    const run = await runLogin(loginEvent(olderGoogle, "google"), port);
    expect(run.log).toMatchObject({ outcome: "linked", links: 2 });
    expect(linkCalls(port)).toEqual([
      { provider: "auth0", providerUserId: "a", connectionId: connections.database.id },
      { provider: "auth0", providerUserId: "b", connectionId: legacy.id },
    ]);
  });

  it("keeps-apart-two-accounts-with-the-same-user-id-in-two-database-connections", async () => {
    const inDefault = databaseAccount(
      connections.database.name,
      "same",
      "2023-01-01T00:00:00.000Z",
    );
    const inLegacy = databaseAccount(legacy.name, "same", "2024-01-01T00:00:00.000Z");
    const port = tenant(olderGoogle, inDefault, inLegacy);
    const run = await runLogin(loginEvent(olderGoogle, "google"), port);
    // Both are found (merged by identity, not by user id), and since every request naming
    // auth0|same could reach either, neither is linked.
    expect(run.log).toMatchObject({
      outcome: "skipped",
      reason: "ambiguous_user_id",
      candidates: 2,
      links: 0,
    });
    expect(linkCalls(port)).toEqual([]);
    expect(port.users.filter((user) => user.user_id === "auth0|same")).toHaveLength(2);
  });

  it("refuses-a-database-secondary-whose-connection-id-cannot-be-learned", async () => {
    const inDefault = databaseAccount(connections.database.name, "a", "2023-01-01T00:00:00.000Z");
    const port = new FakeManagementPort(
      [structuredClone(olderGoogle), structuredClone(inDefault)],
      [{ name: connections.database.name, strategy: "auth0", options: { passwordPolicy: "good" } }],
    );
    const run = await runLogin(loginEvent(olderGoogle, "google"), port);
    expect(run.log).toMatchObject({
      outcome: "error",
      reason: "connection_lookup_failed",
      links: 0,
    });
    expect(linkCalls(port)).toEqual([]);
    expect(port.calls.some((call) => call.op === "updateMetadata")).toBe(false);
  });
});
