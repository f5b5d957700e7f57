import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, it } from "vitest";
import { TenantState } from "../../src/local-tenant/tenant-state";
import { startDemoTenant } from "../local-tenant/management-api/harness";
import { backfillEnvironment, outDir, runBackfillCli } from "./support/backfill-cli";
import {
  addresses,
  duplicateUsers,
  groupHash,
  journalOf,
  seedWith,
  withoutScope,
  writeExportFile,
} from "./support/duplicates-tenant";

// An application granted the scopes of before the holdings were read: every read of that list
// is refused with 403, and no group may be linked without it.
it.each([
  { scope: "read:organizations", code: "organization_lookup_failed" },
  { scope: "read:roles", code: "authorization_lookup_failed" },
])("links-nothing-without-$scope-and-says-to-run-again", async ({ scope, code }) => {
  const users = duplicateUsers();
  const seed = withoutScope(await seedWith(users), scope);
  const server = await startDemoTenant({ state: TenantState.fromSeed(seed) });
  const before = server.state.snapshot();
  const exportFile = await writeExportFile(users);
  const out = await outDir();

  const run = await runBackfillCli(
    ["--apply", "--source", exportFile, "--out", out],
    await backfillEnvironment(server),
  );

  expect(run.exitCode).not.toBe(0);
  expect(run.stderr).toContain("4 groups failed; run --apply again");
  expect(server.state.snapshot()).toEqual(before);
  expect(
    server.requestLog.entries().filter((entry) => entry.endpointKey === "link-identity"),
  ).toEqual([]);
  const summary = await readFile(join(out, "summary.md"), "utf8");
  expect(summary).toContain("| groups linked | 0 |");
  expect(summary).toContain("| groups that failed (run --apply again with the same --out) | 4 |");
  const journal = await journalOf(out);
  expect(journal).toContainEqual({
    type: "step",
    group: groupHash(addresses.jane),
    step: "holdings",
    phase: "failed",
    detail: "refused with 403 (insufficient_scope)",
  });
  expect(journal).toContainEqual({
    type: "group",
    group: groupHash(addresses.jane),
    phase: "done",
    outcome: "failed",
    reason: `${code}: refused with 403 (insufficient_scope)`,
  });
}, 60_000);
