import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, it } from "vitest";
import { TenantState } from "../../src/local-tenant/tenant-state";
import { startDemoTenant } from "../local-tenant/management-api/harness";
import { backfillEnvironment, outDir, runBackfillCli } from "./support/backfill-cli";
import {
  duplicateUsers,
  expectLinkableGroupsLinked,
  identitiesOf,
  ids,
  seedWith,
  withoutScope,
  writeExportFile,
} from "./support/duplicates-tenant";

// Without read:connections_options Auth0 lists the database connections without their options:
// the built-in database cannot be told from a custom one, so the backfill trusts neither.
async function tenantWithoutOptionsScope() {
  const users = duplicateUsers();
  const seed = withoutScope(await seedWith(users), "read:connections_options");
  const server = await startDemoTenant({ state: TenantState.fromSeed(seed) });
  return { server, exportFile: await writeExportFile(users), out: await outDir() };
}

it("links-no-database-account-when-the-options-are-withheld-and-says-why", async () => {
  const { server, exportFile, out } = await tenantWithoutOptionsScope();

  const run = await runBackfillCli(
    ["--apply", "--source", exportFile, "--out", out],
    await backfillEnvironment(server),
  );

  expect(run.exitCode).toBe(0);
  expect(run.stderr).toContain(
    "listed 1 database connection(s) without their options (read:connections_options)",
  );
  for (const id of [ids.janeDb, ids.samDb, ids.trioDb, ids.zoeDb]) {
    expect(identitiesOf(server.state, id), id).toEqual([id]);
  }
  // The control inside the same run: Google and Apple, trusted by default, still link.
  expect(identitiesOf(server.state, ids.trioGoogle)).toEqual([ids.trioGoogle, ids.trioApple]);
  const summary = await readFile(join(out, "summary.md"), "utf8");
  expect(summary).toContain(
    "**These database connections are not trusted unless `TRUSTED_CONNECTIONS` lists them**: `Username-Password-Authentication`.",
  );
  expect(summary).toContain("| `database_options_withheld` |");
  expect(summary).toContain("| groups linked | 1 |");
}, 60_000);

it("links-the-database-accounts-an-administrator-names-without-the-scope", async () => {
  const { server, exportFile, out } = await tenantWithoutOptionsScope();

  const run = await runBackfillCli(
    ["--apply", "--source", exportFile, "--out", out],
    await backfillEnvironment(server, {
      TRUSTED_CONNECTIONS: "Username-Password-Authentication,google-oauth2,apple,email",
    }),
  );

  expect(run.exitCode).toBe(0);
  expect(run.stderr).not.toContain("read:connections_options");
  expectLinkableGroupsLinked(server.state);
}, 60_000);
