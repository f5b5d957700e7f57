import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, it } from "vitest";
import { privateFolderOf } from "../../src/backfill/private-folder";
import { readLinkRecords } from "../../src/linking/link-records";
import { TenantState } from "../../src/local-tenant/tenant-state";
import {
  backfillEnvironment,
  outDir,
  runBackfillCli,
  startBackfill,
} from "../backfill/support/backfill-cli";
import {
  duplicateUsers,
  ids,
  seedWith,
  writeExportFile,
} from "../backfill/support/duplicates-tenant";
import { startDemoTenant } from "../local-tenant/management-api/harness";
import { restorable } from "./support/linked-pair";
import { runCli, undoEnvironment } from "./support/undo-cli";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function carryDone(journal: string): Promise<boolean> {
  try {
    return (await readFile(journal, "utf8"))
      .split("\n")
      .some((line) => line.includes('"step":"carry"') && line.includes('"phase":"done"'));
  } catch {
    return false;
  }
}

it("a-run-killed-between-carry-and-link-then-resumed-and-undone-ends-as-an-uninterrupted-one", async () => {
  const users = duplicateUsers();
  const server = await startDemoTenant({ state: TenantState.fromSeed(await seedWith(users)) });
  const before = new Map(server.state.snapshot().map((user) => [user.user_id, user]));
  // The first link request hangs long enough for the kill to land after its carry.
  server.faults.inject("link-identity", { kind: "latency", ms: 5_000 }, { times: 1 });
  const env = await backfillEnvironment(server);
  const out = await outDir();
  const journal = join(out, "journal.jsonl");
  const args = ["--apply", "--source", await writeExportFile(users), "--out", out];

  const killed = startBackfill([...args, "--concurrency", "1"], env);
  while (!(await carryDone(journal))) await sleep(10);
  killed.child.kill("SIGKILL");
  expect((await killed.done).signal).toBe("SIGKILL");
  const resumed = await runBackfillCli(args, env);
  expect(resumed.exitCode).toBe(0);

  // Jane's record still names what the first attempt carried from her Google account.
  const [record] = readLinkRecords(server.state.getUser(ids.janeDb)?.app_metadata ?? {}).links;
  expect(record?.secondary).toBe(ids.janeGoogle);
  const carriedKeys =
    Object.keys(record?.carried.user_metadata ?? {}).length +
    Object.keys(record?.carried.app_metadata ?? {}).length;
  expect(carriedKeys).toBeGreaterThan(0);

  // The whole journal, in the private folder: the one in --out keeps no metadata copy.
  const wholeJournal = join(privateFolderOf(out, env), "journal.jsonl");
  const undo = await runCli(
    "unlink",
    ["--journal", wholeJournal, "--apply"],
    await undoEnvironment(server),
  );
  expect(undo.stderr).toBe("");
  expect(undo.exitCode).toBe(0);
  expect(undo.stdout).toContain("5 of 5 links undone; 0 failed");
  const after = new Map(server.state.snapshot().map((user) => [user.user_id, user]));
  expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
  for (const [id, user] of before) {
    expect(restorable(after.get(id)), id).toEqual(restorable(user));
  }
}, 60_000);
