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
  ids,
  seedWith,
  writeExportFile,
} from "./support/duplicates-tenant";

async function planLines(dir: string): Promise<Map<string, Record<string, unknown>>> {
  const text = await readFile(join(dir, "plan.jsonl"), "utf8");
  const records = text
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line) as Record<string, unknown>);
  return new Map(records.map((record) => [record.group as string, record]));
}

it("plans-every-group-with-the-actions-rules-and-changes-nothing", async () => {
  const users = duplicateUsers();
  const server = await startDemoTenant({ state: TenantState.fromSeed(await seedWith(users)) });
  const before = server.state.snapshot();
  const exportFile = await writeExportFile(users);
  const out = await outDir();

  const run = await runBackfillCli(
    ["--source", exportFile, "--out", out],
    await backfillEnvironment(server),
  );

  expect(run.stderr).not.toContain("fatal");
  expect(run.exitCode).toBe(0);
  // Reads only: which database connections are custom databases, as the Action asks.
  expect(server.requestLog.entries().map((entry) => entry.endpointKey)).toEqual([
    "token",
    "list-connections",
  ]);
  expect(server.state.snapshot()).toEqual(before);
  const plan = await planLines(out);
  expect(plan.get(groupHash(addresses.jane))).toMatchObject({
    decision: "link",
    primary_user_id: ids.janeDb,
    secondary_user_ids: [ids.janeGoogle],
    carries_metadata: true,
    // The address, both accounts' authentication methods (neither has a multifactor), the
    // secondary's memberships, roles and permissions.
    requests: { reads: 6, writes: 3 },
  });
  // The account stored in lower case is the primary, though the other is older: every login of
  // the person can find it, so the Action converges on it too. Both forms are read.
  expect(plan.get(groupHash(addresses.sam))).toMatchObject({
    decision: "link",
    primary_user_id: ids.samDb,
    secondary_user_ids: [ids.samGoogle],
    // Both forms, both accounts' authentication methods and the secondary's memberships, roles
    // and permissions; the audit record's PATCH, the link, the marker.
    requests: { reads: 7, writes: 3 },
  });
  expect(plan.get(groupHash(addresses.trio))).toMatchObject({
    decision: "link",
    primary_user_id: ids.trioDb,
    secondary_user_ids: [ids.trioGoogle, ids.trioApple],
  });
  expect(plan.get(groupHash(addresses.zoe))).toMatchObject({
    decision: "link",
    primary_user_id: ids.zoeDb,
    secondary_user_ids: [ids.zoeGoogle],
  });
  expect(plan.get(groupHash(addresses.unverified))).toMatchObject({
    decision: "refused",
    reason: "email_not_verified",
    excluded: [
      { user_id: ids.unverifiedDb, reason: "email_not_verified" },
      { user_id: ids.unverifiedGoogle, reason: "no_candidates" },
    ],
  });
  expect(plan.get(groupHash(addresses.untrusted))).toMatchObject({
    decision: "refused",
    reason: "untrusted_connection",
  });
  expect(plan.get(groupHash(addresses.ambiguous))).toMatchObject({
    decision: "refused",
    reason: "ambiguous_primary",
  });
  expect(plan.get(groupHash(addresses.zoeLookalike))).toBeUndefined();
  expect(plan.size).toBe(7);

  const summary = await readFile(join(out, "summary.md"), "utf8");
  expect(summary).toContain("| groups that would be linked | 4 |");
  expect(summary).toContain("| links that would be made (one per secondary) | 5 |");
  expect(summary).toContain("| `ambiguous_primary` | 1 |");
  expect(summary).toContain(
    "`--apply` reads each planned secondary's organization memberships, roles and permissions, which an export does not hold, and refuses a group whose secondary holds any: it may refuse groups counted here as would-link.",
  );
  expect(run.stdout).toContain(`Summary: ${join(out, "summary.md")}`);
  const csv = await readFile(join(out, "groups.csv"), "utf8");
  expect(csv.trim().split("\n")).toHaveLength(8);
  for (const text of [
    summary,
    csv,
    await readFile(join(out, "plan.jsonl"), "utf8"),
    run.stdout,
    run.stderr,
  ]) {
    expect(text).not.toMatch(/@example\.com|@ex\u0430mple\.com/i);
  }
});

it("names-every-bad-setting-and-makes-no-request", async () => {
  const server = await startDemoTenant();
  const env = await backfillEnvironment(server, {
    AUTH0_DOMAIN: "https://tenant.example.com",
    AUTH0_CLIENT_SECRET: undefined,
    MERGE_APP_METADATA_KEYS: "roles,__proto__",
  });
  const out = await outDir();

  const run = await runBackfillCli(["--apply", "--out", out, "--max-rps", "fast", "--bogus"], env);

  expect(run.exitCode).toBe(2);
  expect(run.stderr).toContain(
    "[setting_malformed] AUTH0_DOMAIN must be a host name without a scheme",
  );
  expect(run.stderr).toContain("[setting_missing] AUTH0_CLIENT_SECRET is not set");
  expect(run.stderr).toContain(
    '[setting_malformed] MERGE_APP_METADATA_KEYS must not list "__proto__"',
  );
  expect(run.stderr).toContain("[argument_invalid] --max-rps needs a number above 0");
  expect(run.stderr).toContain('[argument_invalid] unknown argument "--bogus"');
  expect(server.requestLog.entries()).toEqual([]);
});
