import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, it } from "vitest";
import { TenantState } from "../../src/local-tenant/tenant-state";
import { clientWithoutGrants, startDemoTenant } from "../local-tenant/management-api/harness";
import { backfillEnvironment, outDir, runBackfillCli } from "./support/backfill-cli";
import { duplicateUsers, ids, seedWith, writeExportFile } from "./support/duplicates-tenant";

interface PlanLine {
  decision: string;
  primary_user_id?: string;
  excluded: { user_id: string; reason: string }[];
}

async function janesGroup(dir: string): Promise<PlanLine | undefined> {
  const text = await readFile(join(dir, "plan.jsonl"), "utf8");
  return text
    .trim()
    .split("\n")
    .filter((line) => line.includes(ids.janeDb))
    .map((line) => JSON.parse(line) as PlanLine)[0];
}

const offline = {
  AUTH0_CLIENT_ID: clientWithoutGrants.clientId,
  AUTH0_CLIENT_SECRET: clientWithoutGrants.clientSecret,
};

it("a-file-planned-without-the-connections-trusts-no-database-and-says-so", async () => {
  const users = duplicateUsers();
  const server = await startDemoTenant({ state: TenantState.fromSeed(await seedWith(users)) });
  const out = await outDir();

  const run = await runBackfillCli(
    ["--source", await writeExportFile(users), "--out", out],
    await backfillEnvironment(server, offline),
  );

  expect(run.exitCode).toBe(0);
  expect(run.stderr).toContain("no database connection is trusted unless TRUSTED_CONNECTIONS");
  const summary = await readFile(join(out, "summary.md"), "utf8");
  expect(summary).toContain(
    "**No database connection is trusted unless `TRUSTED_CONNECTIONS` lists it**",
  );
  const jane = await janesGroup(out);
  expect(jane?.decision).toBe("refused");
  expect(jane?.excluded).toContainEqual({ user_id: ids.janeDb, reason: "database_kind_unknown" });
});

it("a-file-planned-with-trusted-connections-listed-asks-the-tenant-nothing-and-links", async () => {
  const users = duplicateUsers();
  const server = await startDemoTenant({ state: TenantState.fromSeed(await seedWith(users)) });
  const out = await outDir();

  const run = await runBackfillCli(
    ["--source", await writeExportFile(users), "--out", out],
    await backfillEnvironment(server, {
      ...offline,
      TRUSTED_CONNECTIONS: "Username-Password-Authentication,google-oauth2,apple,email",
    }),
  );

  expect(run.exitCode).toBe(0);
  expect(server.requestLog.entries()).toEqual([]);
  const summary = await readFile(join(out, "summary.md"), "utf8");
  expect(summary).not.toContain("No database connection is trusted");
  const jane = await janesGroup(out);
  expect(jane).toMatchObject({ decision: "link", primary_user_id: ids.janeDb });
});
