import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, it } from "vitest";
import { TenantState } from "../../src/local-tenant/tenant-state";
import { startDemoTenant } from "../local-tenant/management-api/harness";
import { backfillEnvironment, outDir, runBackfillCli } from "./support/backfill-cli";
import {
  addresses,
  duplicateUsers,
  identitiesOf,
  ids,
  seedWith,
  writeExportFile,
} from "./support/duplicates-tenant";

it("reads-each-group-again-and-plans-it-again-before-linking", async () => {
  const users = duplicateUsers();
  const server = await startDemoTenant({ state: TenantState.fromSeed(await seedWith(users)) });
  const exportFile = await writeExportFile(users);
  const { state } = server;
  // Since the export: Jane signed up with Apple too, and one of the trio's addresses lost its
  // verification.
  const janeApple = state.createUser({
    connection: "apple",
    providerUserId: "jane-apple",
    email: addresses.jane,
    email_verified: true,
  });
  state.updateUser(ids.trioApple, { email_verified: false });
  const out = await outDir();

  const run = await runBackfillCli(
    ["--apply", "--source", exportFile, "--out", out],
    await backfillEnvironment(server),
  );

  expect(run.stderr).not.toContain("fatal");
  expect(run.exitCode).toBe(0);
  expect(identitiesOf(state, ids.janeDb)).toEqual([ids.janeDb, ids.janeGoogle, janeApple.user_id]);
  expect(identitiesOf(state, ids.trioDb)).toEqual([ids.trioDb, ids.trioGoogle]);
  expect(identitiesOf(state, ids.trioApple)).toEqual([ids.trioApple]);
  const summary = await readFile(join(out, "summary.md"), "utf8");
  expect(summary).toContain("| groups changed since the export, planned again | 2 |");
  expect(summary).toContain("| groups linked | 4 |");
  const links = server.requestLog
    .entries()
    .filter((entry) => entry.endpointKey === "link-identity");
  expect(links.filter((entry) => entry.path.includes("trio-db"))).toHaveLength(1);
});

it("refuses-a-group-a-rule-refuses-when-read-again", async () => {
  const users = duplicateUsers();
  const server = await startDemoTenant({ state: TenantState.fromSeed(await seedWith(users)) });
  const exportFile = await writeExportFile(users);
  // Sam's older account was unverified after the export: the lone verified one has no partner.
  server.state.updateUser(ids.samGoogle, { email_verified: false });
  const out = await outDir();

  const run = await runBackfillCli(
    ["--apply", "--source", exportFile, "--out", out],
    await backfillEnvironment(server),
  );

  expect(run.exitCode).toBe(0);
  expect(identitiesOf(server.state, ids.samGoogle)).toEqual([ids.samGoogle]);
  expect(identitiesOf(server.state, ids.samDb)).toEqual([ids.samDb]);
  const summary = await readFile(join(out, "summary.md"), "utf8");
  expect(summary).toContain("| groups refused when read again | 1 |");
  expect(summary).toContain("| `email_not_verified` | 1 |");
  expect(summary).toContain("| groups linked | 3 |");
});
