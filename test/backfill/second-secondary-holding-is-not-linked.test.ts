import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { TenantSeed } from "../../src/local-tenant/tenant-state";
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

// The trio group plans two secondaries, trio-google then trio-apple (the younger): what the
// second holds must stop the group as surely as what the first holds.
const holdings: {
  holding: string;
  seed: Partial<TenantSeed>;
  reason: string;
  stillHeld: (state: TenantState) => number;
}[] = [
  {
    holding: "a membership of an organization",
    seed: {
      organizations: [{ id: "org_AcmeOrganization", name: "acme", members: [ids.trioApple] }],
    },
    reason: "secondary_in_organization",
    stillHeld: (state) => state.organizationsOf(ids.trioApple).length,
  },
  {
    holding: "a role",
    seed: {
      roles: [{ id: "rol_SupportAgents0001", name: "support-agent", users: [ids.trioApple] }],
    },
    reason: "secondary_has_roles",
    stillHeld: (state) => state.rolesOf(ids.trioApple).length,
  },
  {
    holding: "a direct permission",
    seed: {
      permissions: [
        {
          resource_server_identifier: "https://reports.example.com/",
          permission_name: "read:reports",
          users: [ids.trioApple],
        },
      ],
    },
    reason: "secondary_has_permissions",
    stillHeld: (state) => state.permissionsOf(ids.trioApple).length,
  },
];

describe("the second planned secondary of a group holds something its user id keeps", () => {
  for (const { holding, seed, reason, stillHeld } of holdings) {
    it(`refuses-the-group-when-its-second-secondary-holds-${holding.replaceAll(" ", "-")}-and-links-the-others`, async () => {
      const users = duplicateUsers();
      const server = await startDemoTenant({
        state: TenantState.fromSeed({ ...(await seedWith(users)), ...seed }),
      });
      const exportFile = await writeExportFile(users);
      const out = await outDir();

      const run = await runBackfillCli(
        ["--apply", "--source", exportFile, "--out", out],
        await backfillEnvironment(server),
      );

      expect(run.stderr).not.toContain("fatal");
      expect(run.exitCode).toBe(0);
      const { state } = server;
      // Nothing of the group links, not even the first secondary, which holds nothing.
      expect(identitiesOf(state, ids.trioDb)).toEqual([ids.trioDb]);
      expect(identitiesOf(state, ids.trioGoogle)).toEqual([ids.trioGoogle]);
      expect(identitiesOf(state, ids.trioApple)).toEqual([ids.trioApple]);
      expect(stillHeld(state)).toBe(1);
      // The controls: the groups whose one secondary holds nothing link in the same run (and the
      // trio links when only its primary holds a role: secondary-with-roles-or-permissions).
      expect(identitiesOf(state, ids.janeDb)).toEqual([ids.janeDb, ids.janeGoogle]);
      expect(identitiesOf(state, ids.samDb)).toEqual([ids.samDb, ids.samGoogle]);
      expect(identitiesOf(state, ids.zoeDb)).toEqual([ids.zoeDb, ids.zoeGoogle]);
      const summary = await readFile(join(out, "summary.md"), "utf8");
      expect(summary).toContain("| groups linked | 3 |");
      expect(summary).toContain(`| \`${reason}\` | 1 |`);
      expect(await journalOf(out)).toContainEqual({
        type: "group",
        group: groupHash(addresses.trio),
        phase: "done",
        outcome: "refused",
        reason,
      });
    }, 60_000);
  }
});
