import { join } from "node:path";
import { expect, it } from "vitest";
import { privateFolderOf } from "../../src/backfill/private-folder";
import { readLinkRecords } from "../../src/linking/link-records";
import { TenantState } from "../../src/local-tenant/tenant-state";
import { backfillEnvironment, outDir, runBackfillCli } from "../backfill/support/backfill-cli";
import {
  duplicateUsers,
  ids,
  seedWith,
  writeExportFile,
} from "../backfill/support/duplicates-tenant";
import { startDemoTenant } from "../local-tenant/management-api/harness";
import { restorable } from "./support/linked-pair";
import { runCli, undoEnvironment, writesSince } from "./support/undo-cli";

function byId<T extends { user_id: string }>(users: readonly T[]) {
  return new Map(users.map((user) => [user.user_id, user]));
}

it("puts-the-tenant-back-as-it-was-before-the-backfill-and-no-later-backfill-links-those-pairs", async () => {
  const users = duplicateUsers();
  const server = await startDemoTenant({ state: TenantState.fromSeed(await seedWith(users)) });
  const before = byId(server.state.snapshot());
  const out = await outDir();
  const backfillEnv = await backfillEnvironment(server);
  const backfill = await runBackfillCli(
    ["--apply", "--source", await writeExportFile(users), "--out", out],
    backfillEnv,
  );
  expect(backfill.exitCode).toBe(0);
  expect(server.state.getUser(ids.janeGoogle)).toBeUndefined();
  expect(readLinkRecords(server.state.getUser(ids.janeDb)?.app_metadata ?? {}).links).toMatchObject(
    [{ path: "backfill", secondary: ids.janeGoogle }],
  );

  const env = await undoEnvironment(server);
  // The whole journal, in the private folder: the one in --out keeps no metadata copy.
  const journal = join(privateFolderOf(out, backfillEnv), "journal.jsonl");
  const undo = await runCli("unlink", ["--journal", journal, "--apply"], env);
  expect(undo.stderr).toBe("");
  expect(undo.exitCode).toBe(0);
  expect(undo.stdout).toContain("5 of 5 links undone; 0 failed");

  // Field by field, apart from what Auth0 regenerates and the marks that keep the pairs apart.
  const after = byId(server.state.snapshot());
  expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
  for (const [id, user] of before) {
    expect(restorable(after.get(id)), id).toEqual(restorable(user));
  }
  expect(readLinkRecords(after.get(ids.janeGoogle)?.app_metadata ?? {}).unlinked).toEqual([
    ids.janeDb,
  ]);

  const mark = server.requestLog.mark();
  const again = await runCli("unlink", ["--journal", journal, "--apply"], env);
  expect(again.exitCode).toBe(0);
  expect(again.stdout.match(/already undone/g)).toHaveLength(5);
  expect(writesSince(server, mark)).toEqual([]);

  const secondRun = await runBackfillCli(
    [
      "--apply",
      "--source",
      await writeExportFile(server.state.snapshot()),
      "--out",
      await outDir(),
    ],
    await backfillEnvironment(server),
  );
  expect(secondRun.exitCode).toBe(0);
  expect(writesSince(server, mark).filter((write) => write.includes("link-identity"))).toEqual([]);
  expect(server.state.getUser(ids.janeGoogle)?.identities).toHaveLength(1);
});
