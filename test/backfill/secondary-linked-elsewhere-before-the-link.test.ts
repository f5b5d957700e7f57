import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, it } from "vitest";
import { TenantState } from "../../src/local-tenant/tenant-state";
import { startDemoTenant } from "../local-tenant/management-api/harness";
import { backfillEnvironment, outDir, runBackfillCli } from "./support/backfill-cli";
import {
  account,
  duplicateUsers,
  identitiesOf,
  ids,
  journalOf,
  seedWith,
  writeExportFile,
} from "./support/duplicates-tenant";

// Auth0 does not refuse a link of an identity another user holds: it moves that user whole into
// the primary (support article "Attempting to Link a User to an Already Linked Identity - Results
// Does not Fail", community.auth0.com/t/132916). The backfill reads each group again before
// linking, but a link acts on whoever holds the identity when it is sent.
it("reports-a-group-whose-secondary-was-linked-elsewhere-just-before-its-link", async () => {
  const outsider = account({
    provider: "okta",
    id: "outsider",
    email: "outsider@example.net",
    createdAt: "2022-06-01T00:00:00.000Z",
  });
  const users = [...duplicateUsers(), outsider];
  const server = await startDemoTenant({ state: TenantState.fromSeed(await seedWith(users)) });
  const exportFile = await writeExportFile(users);
  let raced = false;
  // An administrator links Jane's Google account into the outsider between the backfill's read
  // of Jane's group and its link.
  server.faults.inject("link-identity", {
    kind: "interleave",
    change: (path) => {
      if (raced || !path.includes(encodeURIComponent(ids.janeDb))) return;
      raced = true;
      server.state.linkIdentity(outsider.user_id, {
        provider: "google-oauth2",
        user_id: "jane-google",
      });
    },
  });
  const out = await outDir();

  const run = await runBackfillCli(
    ["--apply", "--source", exportFile, "--out", out],
    await backfillEnvironment(server),
  );

  expect(raced).toBe(true);
  expect(run.exitCode).not.toBe(0);
  expect(run.stderr).toContain("moved identities nobody planned");
  expect(identitiesOf(server.state, ids.janeDb)).toEqual([
    ids.janeDb,
    outsider.user_id,
    ids.janeGoogle,
  ]);
  const journal = await journalOf(out);
  expect(journal).toContainEqual(
    expect.objectContaining({
      type: "group",
      phase: "done",
      outcome: "incident",
      reason: "unplanned_identities_linked",
    }),
  );
  expect(journal).toContainEqual(
    expect.objectContaining({
      step: "link",
      phase: "done",
      detail: `unplanned_identities_linked: ${outsider.user_id}`,
    }),
  );
  const summary = await readFile(join(out, "summary.md"), "utf8");
  expect(summary).toContain("| groups where a link moved identities nobody planned");
  expect(summary).toMatch(/nobody planned \(review each; journal\.jsonl names them\) \| 1 \|/);
  // Control: the other groups, read again and linked with no race, link as planned.
  expect(identitiesOf(server.state, ids.samDb)).toEqual([ids.samDb, ids.samGoogle]);
  expect(identitiesOf(server.state, ids.trioDb)).toEqual([
    ids.trioDb,
    ids.trioGoogle,
    ids.trioApple,
  ]);
  // A later run leaves the reported group alone.
  const again = await runBackfillCli(
    ["--apply", "--source", exportFile, "--out", out],
    await backfillEnvironment(server),
  );
  expect(again.exitCode).toBe(0);
  expect(identitiesOf(server.state, ids.janeDb)).toHaveLength(3);
});
