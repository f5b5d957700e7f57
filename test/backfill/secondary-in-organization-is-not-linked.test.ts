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
  identitiesOf,
  ids,
  journalOf,
  seedWith,
  withoutScope,
  writeExportFile,
} from "./support/duplicates-tenant";

const organization = { id: "org_AcmeOrganization", name: "acme" };

// The specification's `security` asks read:organizations (and read:roles) for these reads; its 403
// texts also name read:users. Under either answer the member's group is refused.
it.each([
  { answers: "security", withheld: [] },
  { answers: "security-and-403-text", withheld: ["read:organizations", "read:roles"] },
] as const)("refuses-a-group-whose-secondary-is-a-member-and-links-the-others: $answers, without $withheld", async ({
  answers,
  withheld,
}) => {
  const users = duplicateUsers();
  // The dry run cannot see it: an export holds no memberships.
  const granted = withheld.reduce(withoutScope, await seedWith(users));
  const seed = { ...granted, organizations: [{ ...organization, members: [ids.janeGoogle] }] };
  const server = await startDemoTenant({
    state: TenantState.fromSeed(seed),
    scopeAnswers: answers,
  });
  // The paced client retries these reads like any other.
  server.faults.inject("get-user-organizations", { kind: "status", status: 503 }, { times: 2 });
  const exportFile = await writeExportFile(users);
  const out = await outDir();
  const env = await backfillEnvironment(server);

  const run = await runBackfillCli(["--apply", "--source", exportFile, "--out", out], env);

  expect(run.stderr).not.toContain("fatal");
  expect(run.exitCode).toBe(0);
  const { state } = server;
  expect(identitiesOf(state, ids.janeDb)).toEqual([ids.janeDb]);
  expect(identitiesOf(state, ids.janeGoogle)).toEqual([ids.janeGoogle]);
  expect(state.organizationsOf(ids.janeGoogle).map((found) => found.id)).toEqual([organization.id]);
  // The controls: the other groups, whose secondaries are no members, link.
  expect(identitiesOf(state, ids.samDb)).toEqual([ids.samDb, ids.samGoogle]);
  expect(identitiesOf(state, ids.trioDb)).toEqual([ids.trioDb, ids.trioGoogle, ids.trioApple]);
  expect(identitiesOf(state, ids.zoeDb)).toEqual([ids.zoeDb, ids.zoeGoogle]);
  const reads = server.requestLog
    .entries()
    .filter((entry) => entry.endpointKey === "get-user-organizations");
  // One read per planned secondary (five), and the two answered 503 that were tried again.
  expect(reads).toHaveLength(7);
  const summary = await readFile(join(out, "summary.md"), "utf8");
  expect(summary).toContain("| groups linked | 3 |");
  expect(summary).toContain("| groups refused when read again | 1 |");
  expect(summary).toContain("| `secondary_in_organization` | 1 |");
  expect(await journalOf(out)).toContainEqual({
    type: "group",
    group: groupHash(addresses.jane),
    phase: "done",
    outcome: "refused",
    reason: "secondary_in_organization",
  });

  // Refused is finished: a second run with the same --out does not try it again.
  const again = await runBackfillCli(["--apply", "--source", exportFile, "--out", out], env);
  expect(again.exitCode).toBe(0);
  expect(identitiesOf(state, ids.janeDb)).toEqual([ids.janeDb]);
  expect(state.organizationsOf(ids.janeGoogle)).toHaveLength(1);
}, 60_000);
