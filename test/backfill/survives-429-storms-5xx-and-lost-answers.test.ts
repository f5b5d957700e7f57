import { expect, it } from "vitest";
import { TenantState } from "../../src/local-tenant/tenant-state";
import { startDemoTenant } from "../local-tenant/management-api/harness";
import { backfillEnvironment, outDir, runBackfillCli } from "./support/backfill-cli";
import {
  duplicateUsers,
  expectLinkableGroupsLinked,
  seedWith,
  writeExportFile,
} from "./support/duplicates-tenant";

it("finishes-every-link-once-through-429-storms-5xx-resets-and-a-lost-answer", async () => {
  const users = duplicateUsers();
  const server = await startDemoTenant({
    state: TenantState.fromSeed(await seedWith(users)),
    rateLimit: { limit: 4, refillPerSecond: 8 },
  });
  server.faults.inject("users-by-email", { kind: "rate-limit", resetInSeconds: 1 }, { times: 3 });
  server.faults.inject("link-identity", { kind: "status", status: 503 }, { times: 2 });
  server.faults.inject("link-identity", { kind: "reset" }, { times: 1 });
  server.faults.inject("link-identity", { kind: "lose-response" }, { times: 1 });
  server.faults.inject("patch-user", { kind: "status", status: 502 }, { times: 2 });
  const exportFile = await writeExportFile(users);

  const run = await runBackfillCli(
    ["--apply", "--source", exportFile, "--out", await outDir()],
    await backfillEnvironment(server),
  );

  expect(run.stderr).not.toContain("fatal");
  expect(run.exitCode).toBe(0);
  const { state } = server;
  expectLinkableGroupsLinked(state);
  const entries = server.requestLog.entries();
  // Only the storm's 429s: the pacer itself never ran into the bucket's limit.
  expect(entries.filter((entry) => entry.status === 429)).toHaveLength(3);
  const linked = entries.filter(
    (entry) => entry.endpointKey === "link-identity" && entry.status === 201,
  );
  const lostThenFound = entries.filter(
    (entry) => entry.endpointKey === "link-identity" && entry.status === 409,
  );
  // Five links: four answered 201, the one whose answer was lost met itself (409) and was checked.
  expect(linked.length + lostThenFound.length).toBe(5);
  expect(lostThenFound.length).toBeLessThanOrEqual(1);
}, 60_000);
