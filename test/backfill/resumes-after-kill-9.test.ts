import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, it } from "vitest";
import { TenantState } from "../../src/local-tenant/tenant-state";
import { startDemoTenant } from "../local-tenant/management-api/harness";
import { backfillEnvironment, outDir, runBackfillCli, startBackfill } from "./support/backfill-cli";
import {
  duplicateUsers,
  expectLinkableGroupsLinked,
  identitiesOf,
  ids,
  seedWith,
  writeExportFile,
} from "./support/duplicates-tenant";

async function journalLines(path: string): Promise<number> {
  try {
    return (await readFile(path, "utf8")).split("\n").length - 1;
  } catch {
    return 0;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it("killed-with-sigkill-at-several-points-then-resumed-links-everything-once-and-loses-nothing", async () => {
  const users = duplicateUsers();
  const server = await startDemoTenant({ state: TenantState.fromSeed(await seedWith(users)) });
  // Slow enough that each kill lands in the middle of the work.
  server.faults.inject("*", { kind: "latency", ms: 120 });
  const env = await backfillEnvironment(server);
  const exportFile = await writeExportFile(users);
  const out = await outDir();
  const journal = join(out, "journal.jsonl");
  const args = ["--apply", "--source", exportFile, "--out", out, "--concurrency", "2"];

  // A clean run writes 45 journal lines: the kills come after the 4th, 12th, 20th and 28th.
  for (const killAfter of [4, 12, 20, 28]) {
    const running = startBackfill(args, env);
    while ((await journalLines(journal)) < killAfter) await sleep(10);
    running.child.kill("SIGKILL");
    expect((await running.done).signal).toBe("SIGKILL");
  }
  const last = await runBackfillCli(args, env);

  expect(last.stderr).not.toContain("fatal");
  expect(last.exitCode).toBe(0);
  const { state } = server;
  expectLinkableGroupsLinked(state);
  for (const id of [ids.unverifiedDb, ids.untrustedOkta, ids.zoeLookalike]) {
    expect(identitiesOf(state, id)).toEqual([id]);
  }
  expect(identitiesOf(state, ids.ambiguousGoogle)).toEqual([
    ids.ambiguousGoogle,
    "email|ambiguous-email",
  ]);
  // No link was made twice: five secondaries, five successful link requests, none answered 409.
  const links = server.requestLog
    .entries()
    .filter((entry) => entry.endpointKey === "link-identity");
  expect(links.filter((entry) => entry.status === 201)).toHaveLength(5);
  expect(links.filter((entry) => entry.status !== 201)).toEqual([]);
  const entries = (await readFile(journal, "utf8"))
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
  expect(entries.filter((entry) => entry.type === "run")).toHaveLength(5);
  const done = entries.filter((entry) => entry.type === "group" && entry.phase === "done");
  expect(
    new Set(done.filter((entry) => entry.outcome === "linked").map((entry) => entry.group)).size,
  ).toBe(4);
}, 90_000);
