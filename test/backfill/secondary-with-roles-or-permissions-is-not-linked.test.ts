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
  writeExportFile,
} from "./support/duplicates-tenant";

const role = { id: "rol_SupportAgents0001", name: "support-agent" };
const permission = {
  resource_server_identifier: "https://reports.example.com/",
  permission_name: "read:reports",
};

it("refuses-groups-whose-secondary-has-a-role-or-a-permission-and-links-the-others", async () => {
  const users = duplicateUsers();
  // The dry run cannot see them: an export holds no roles or permissions.
  const seed = {
    ...(await seedWith(users)),
    roles: [{ ...role, users: [ids.janeGoogle, ids.trioDb] }],
    permissions: [{ ...permission, users: [ids.samGoogle, ids.zoeDb] }],
  };
  const server = await startDemoTenant({ state: TenantState.fromSeed(seed) });
  // The paced client retries these reads like any other.
  server.faults.inject("get-user-roles", { kind: "status", status: 503 }, { times: 1 });
  const exportFile = await writeExportFile(users);
  const out = await outDir();
  const env = await backfillEnvironment(server);

  const run = await runBackfillCli(["--apply", "--source", exportFile, "--out", out], env);

  expect(run.stderr).not.toContain("fatal");
  expect(run.exitCode).toBe(0);
  const { state } = server;
  expect(identitiesOf(state, ids.janeDb)).toEqual([ids.janeDb]);
  expect(identitiesOf(state, ids.janeGoogle)).toEqual([ids.janeGoogle]);
  expect(state.rolesOf(ids.janeGoogle).map((found) => found.id)).toEqual([role.id]);
  expect(identitiesOf(state, ids.samDb)).toEqual([ids.samDb]);
  expect(state.permissionsOf(ids.samGoogle)).toHaveLength(1);
  // The controls: where only the primary holds a role or a permission, the group links and the
  // primary keeps it.
  expect(identitiesOf(state, ids.trioDb)).toEqual([ids.trioDb, ids.trioGoogle, ids.trioApple]);
  expect(state.rolesOf(ids.trioDb).map((found) => found.id)).toEqual([role.id]);
  expect(identitiesOf(state, ids.zoeDb)).toEqual([ids.zoeDb, ids.zoeGoogle]);
  expect(state.permissionsOf(ids.zoeDb)).toHaveLength(1);
  const reads = (endpointKey: string) =>
    server.requestLog.entries().filter((entry) => entry.endpointKey === endpointKey);
  // One read of each list per planned secondary (five), and the 503 that was tried again.
  expect(reads("get-user-organizations")).toHaveLength(5);
  expect(reads("get-user-roles")).toHaveLength(6);
  expect(reads("get-user-permissions")).toHaveLength(5);
  const summary = await readFile(join(out, "summary.md"), "utf8");
  expect(summary).toContain("| groups linked | 2 |");
  expect(summary).toContain("| groups refused when read again | 2 |");
  expect(summary).toContain("| `secondary_has_roles` | 1 |");
  expect(summary).toContain("| `secondary_has_permissions` | 1 |");
  const journal = await journalOf(out);
  expect(journal).toContainEqual({
    type: "group",
    group: groupHash(addresses.jane),
    phase: "done",
    outcome: "refused",
    reason: "secondary_has_roles",
  });
  expect(journal).toContainEqual({
    type: "group",
    group: groupHash(addresses.sam),
    phase: "done",
    outcome: "refused",
    reason: "secondary_has_permissions",
  });
}, 60_000);
