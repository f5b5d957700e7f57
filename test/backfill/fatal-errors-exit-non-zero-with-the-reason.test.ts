import { expect, it } from "vitest";
import { TenantState } from "../../src/local-tenant/tenant-state";
import { startDemoTenant } from "../local-tenant/management-api/harness";
import { backfillEnvironment, outDir, runBackfillCli } from "./support/backfill-cli";
import { duplicateUsers, seedWith, writeExportFile } from "./support/duplicates-tenant";

it("stops-before-the-first-group-when-no-token-can-be-had-and-says-why", async () => {
  const users = duplicateUsers();
  const server = await startDemoTenant({ state: TenantState.fromSeed(await seedWith(users)) });
  const before = server.state.snapshot();
  const env = await backfillEnvironment(server, { AUTH0_CLIENT_SECRET: "not-the-secret" });

  const run = await runBackfillCli(
    [
      "--apply",
      "--source",
      await writeExportFile(users),
      "--out",
      await outDir(),
      "--concurrency",
      "1",
    ],
    env,
  );

  expect(run.exitCode).toBe(1);
  expect(run.stderr).toContain("backfill: no token for the Management API of ");
  expect(run.stderr).toContain("401: the client secret does not match the client id");
  expect(server.state.snapshot()).toEqual(before);
  // Named before the first group: not one token request per group.
  const tokenRequests = server.requestLog
    .entries()
    .filter((entry) => entry.endpointKey === "token");
  expect(tokenRequests.length).toBeLessThanOrEqual(2);
  expect(`${run.stdout}${run.stderr}`).not.toContain("not-the-secret");
});

it("names-a-source-file-that-does-not-exist", async () => {
  const server = await startDemoTenant();
  const run = await runBackfillCli(
    ["--source", "/no/such/export.json.gz", "--out", await outDir()],
    await backfillEnvironment(server),
  );
  expect(run.exitCode).toBe(1);
  expect(run.stderr).toContain("backfill: no such file: /no/such/export.json.gz");
});

it("refuses-to-apply-when-automatic-linking-is-off-and-still-plans-a-dry-run", async () => {
  const users = duplicateUsers();
  const server = await startDemoTenant({ state: TenantState.fromSeed(await seedWith(users)) });
  const before = server.state.snapshot();
  const env = await backfillEnvironment(server, { AUTOMATIC_LINKING: "off" });
  const source = await writeExportFile(users);

  const apply = await runBackfillCli(["--apply", "--source", source, "--out", await outDir()], env);
  expect(apply.exitCode).toBe(2);
  expect(apply.stderr).toContain("AUTOMATIC_LINKING=off forbids");
  expect(server.requestLog.entries()).toEqual([]);

  const dryRun = await runBackfillCli(["--source", source, "--out", await outDir()], env);
  expect(dryRun.exitCode).toBe(0);
  expect(server.state.snapshot()).toEqual(before);
});
