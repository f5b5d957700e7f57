import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, it } from "vitest";
import { TenantState } from "../../src/local-tenant/tenant-state";
import { startDemoTenant } from "../local-tenant/management-api/harness";
import { backfillEnvironment, outDir, runBackfillCli } from "./support/backfill-cli";
import { account, duplicateUsers, seedWith, writeExportFile } from "./support/duplicates-tenant";

async function decisions(dir: string): Promise<string[]> {
  const text = await readFile(join(dir, "plan.jsonl"), "utf8");
  return text
    .trim()
    .split("\n")
    .map((line) => {
      const { group, decision, reason, primary_user_id, secondary_user_ids } = JSON.parse(line);
      return JSON.stringify({ group, decision, reason, primary_user_id, secondary_user_ids });
    })
    .sort();
}

it("export-source-runs-a-job-downloads-its-file-and-plans-what-a-file-plans", async () => {
  const users = duplicateUsers();
  const server = await startDemoTenant({ state: TenantState.fromSeed(await seedWith(users)) });
  const env = await backfillEnvironment(server);
  const fromFile = await outDir();
  const fromExport = await outDir();

  await runBackfillCli(["--source", await writeExportFile(users), "--out", fromFile], env);
  const run = await runBackfillCli(["--source", "export", "--out", fromExport], env);

  expect(run.stderr).not.toContain("fatal");
  expect(run.exitCode).toBe(0);
  expect(await decisions(fromExport)).toEqual(await decisions(fromFile));
  const calls = server.requestLog.entries().map((entry) => entry.endpointKey);
  expect(calls.filter((key) => key === "create-users-export")).toHaveLength(1);
  expect(calls).toContain("get-job");
  expect(
    server.requestLog
      .entries()
      .filter(
        (entry) =>
          entry.method !== "GET" &&
          entry.endpointKey !== "token" &&
          entry.endpointKey !== "create-users-export",
      ),
  ).toEqual([]);
  expect(run.stderr).toMatch(/backfill: export .*100%/);
  expect(run.stderr).toMatch(/backfill: download /);
});

it("search-source-slices-by-creation-time-and-never-hits-the-1000-cap", async () => {
  const many = Array.from({ length: 2_400 }, (_, index) =>
    account({
      provider: "auth0",
      id: `many-${index}`,
      // Every tenth person has a Google account too.
      email: `person${index}@example.com`,
      createdAt: new Date(Date.parse("2022-01-01T00:00:00.000Z") + index * 60_000).toISOString(),
    }),
  );
  const googles = Array.from({ length: 240 }, (_, index) =>
    account({
      provider: "google-oauth2",
      id: `many-google-${index}`,
      email: `person${index * 10}@example.com`,
      createdAt: new Date(Date.parse("2023-01-01T00:00:00.000Z") + index * 60_000).toISOString(),
    }),
  );
  const server = await startDemoTenant({
    state: TenantState.fromSeed(await seedWith([...many, ...googles])),
  });
  const out = await outDir();

  const run = await runBackfillCli(
    ["--source", "search", "--out", out],
    await backfillEnvironment(server),
  );

  expect(run.stderr).not.toContain("fatal");
  expect(run.exitCode).toBe(0);
  const searches = server.requestLog
    .entries()
    .filter((entry) => entry.endpointKey === "list-users");
  expect(searches.length).toBeGreaterThan(10);
  expect(searches.filter((entry) => entry.status !== 200)).toEqual([]);
  const summary = await readFile(join(out, "summary.md"), "utf8");
  expect(summary).toContain("| accounts read | 2,640 |");
  expect(summary).toContain("| groups that would be linked | 240 |");
});
