import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, it } from "vitest";
import { type StoredUser, TenantState } from "../../src/local-tenant/tenant-state";
import { startDemoTenant } from "../local-tenant/management-api/harness";
import { backfillEnvironment, outDir, runBackfillCli } from "./support/backfill-cli";
import { account, seedWith, writeExportFile } from "./support/duplicates-tenant";

// The link request's connection_id names the secondary's connection "when more than one `auth0`
// database provider exists" (the specification): two database connections can each hold a user
// with the same id, and a link without it may take the other one.
const legacy = { id: "con_Le9gAcYd8tAbAs3e", name: "legacy-db", strategy: "auth0" };

function databaseUser(connection: string, email: string, createdAt: string): StoredUser {
  return {
    user_id: "auth0|shared-id",
    email,
    email_verified: true,
    created_at: createdAt,
    updated_at: createdAt,
    identities: [{ provider: "auth0", user_id: "shared-id", connection, isSocial: false }],
    app_metadata: {},
    user_metadata: {},
  };
}

const janeGoogle = account({
  provider: "google-oauth2",
  id: "jane-google",
  email: "jane@example.com",
  createdAt: "2020-01-01T00:00:00.000Z",
});

async function run(users: StoredUser[]) {
  const seed = await seedWith(users);
  const server = await startDemoTenant({
    state: TenantState.fromSeed({ ...seed, connections: [...seed.connections, legacy] }),
  });
  const out = await outDir();
  const cli = await runBackfillCli(
    ["--apply", "--source", await writeExportFile(users), "--out", out],
    await backfillEnvironment(server),
  );
  return { server, out, cli };
}

it("links-the-database-secondary-in-its-own-connection-when-another-holds-the-same-id", async () => {
  // Stored first: a link that does not name the connection takes this one.
  const stranger = databaseUser(
    "Username-Password-Authentication",
    "stranger@example.net",
    "2021-01-01T00:00:00.000Z",
  );
  const janeLegacy = databaseUser(legacy.name, "jane@example.com", "2022-01-01T00:00:00.000Z");
  const { server, cli } = await run([stranger, janeGoogle, janeLegacy]);

  expect(cli.exitCode).toBe(0);
  expect(
    server.state.getUser(janeGoogle.user_id)?.identities.map((identity) => identity.connection),
  ).toEqual(["google-oauth2", legacy.name]);
  expect(server.state.usersByEmail("stranger@example.net")).toHaveLength(1);
  const links = server.requestLog
    .entries()
    .filter((entry) => entry.endpointKey === "link-identity");
  expect(links).toHaveLength(1);
});

it("links-neither-of-two-accounts-of-one-address-that-share-a-user-id", async () => {
  const janeDefault = databaseUser(
    "Username-Password-Authentication",
    "jane@example.com",
    "2021-01-01T00:00:00.000Z",
  );
  const janeLegacy = databaseUser(legacy.name, "jane@example.com", "2022-01-01T00:00:00.000Z");
  const { server, out, cli } = await run([janeGoogle, janeDefault, janeLegacy]);

  expect(cli.exitCode).toBe(0);
  expect(server.state.usersByEmail("jane@example.com")).toHaveLength(3);
  expect(server.requestLog.entries().some((entry) => entry.endpointKey === "link-identity")).toBe(
    false,
  );
  const summary = await readFile(join(out, "summary.md"), "utf8");
  expect(summary).toContain("`ambiguous_user_id`");
});
