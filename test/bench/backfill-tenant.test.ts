import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { writeExportFile } from "../../bench/backfill/export-file";
import { groupKinds } from "../../bench/backfill/ground-truth";
import { backfillTenant } from "../../bench/backfill/synthetic-tenant";
import { createRandom } from "../../bench/random";
import { loadDemoSeed } from "../../src/local-tenant/local-tenant";
import { type StoredUser, TenantState } from "../../src/local-tenant/tenant-state";

function tenantOf(users: number, seed = 7) {
  const { accounts, truth } = backfillTenant({ users, random: createRandom(seed) });
  return { users: [...accounts], truth };
}

async function stateOf(users: StoredUser[]): Promise<TenantState> {
  return TenantState.fromSeed({ ...(await loadDemoSeed({ withUsers: false })), users });
}

function identityOf(state: TenantState, userId: string) {
  const main = state.getUser(userId)?.identities[0];
  if (!main) throw new Error(`no user ${userId}`);
  return { provider: main.provider, user_id: main.user_id };
}

describe("the backfill's synthetic tenant", () => {
  it("is a valid tenant holding every kind of group, each account once", async () => {
    const { users, truth } = tenantOf(5_000);
    expect(users.length).toBeGreaterThanOrEqual(5_000);
    expect(new Set(users.map((user) => user.user_id)).size).toBe(users.length);
    expect(truth.accounts).toBe(users.length);
    await expect(stateOf(users)).resolves.toBeInstanceOf(TenantState);
    const kinds = new Set(truth.groups().map((group) => group.kind));
    expect([...kinds].sort()).toEqual([...groupKinds].sort());
  });

  it("is the same tenant for the same seed, and another for another seed", () => {
    expect(tenantOf(500, 1).users).toEqual(tenantOf(500, 1).users);
    expect(tenantOf(500, 2).users).not.toEqual(tenantOf(500, 1).users);
  });

  it("keeps traps out of every expected link, and links the groups that should link", () => {
    const { users, truth } = tenantOf(5_000);
    const byId = new Map(users.map((user) => [user.user_id, user]));
    for (const group of truth.groups()) {
      const linked = group.link ? [group.link.primary, ...group.link.secondaries] : [];
      for (const id of linked) {
        const user = byId.get(id) as StoredUser;
        expect(user.email_verified).toBe(true);
        expect(user.blocked).toBeUndefined();
        expect(["auth0", "google-oauth2", "apple", "email"]).toContain(
          user.identities[0]?.provider,
        );
      }
      // A backfill proves nobody's factor: a group whose primary has MFA is left for prompted
      // linking.
      if (["look-alike", "ambiguous", "mfa-ambiguous", "mfa-primary"].includes(group.kind)) {
        expect(group.link).toBeUndefined();
      }
      if (group.kind === "mfa-primary") {
        const factors = group.accounts.map((id) => byId.get(id)?.multifactor);
        expect(factors).toContainEqual(["guardian"]);
      }
      if (group.kind === "capitalised") {
        expect(group.accounts.some((id) => /[A-Z]/.test(byId.get(id)?.email ?? ""))).toBe(true);
        expect(group.link?.secondaries).toHaveLength(1);
      }
    }
  });

  it("spreads one person's accounts apart, as an export lists them", () => {
    const { users, truth } = tenantOf(30_000);
    const position = new Map(users.map((user, index) => [user.user_id, index]));
    const spans = truth
      .groups()
      .map((group) => group.accounts.map((id) => position.get(id) as number))
      .map((places) => Math.max(...places) - Math.min(...places));
    const farApart = spans.filter((span) => span > 10_000).length;
    expect(farApart / spans.length).toBeGreaterThan(0.3);
  });

  it("tallies links made in a tenant: the expected ones correct, a trap's wrong, the rest missed", async () => {
    const { users, truth } = tenantOf(3_000);
    const state = await stateOf(users);
    const linkable = truth.groups().filter((group) => group.link);
    const [first, ...others] = linkable;
    for (const group of others) {
      for (const secondary of group.link?.secondaries ?? []) {
        state.linkIdentity(group.link?.primary ?? "", identityOf(state, secondary));
      }
    }
    const trapGroup = truth.groups().find((group) => group.kind === "untrusted" && group.link);
    const trap = trapGroup?.accounts.find(
      (id) => id !== trapGroup.link?.primary && !trapGroup.link?.secondaries.includes(id),
    );
    state.linkIdentity(trapGroup?.link?.primary ?? "", identityOf(state, trap ?? ""));

    const tally = truth.tally(truth.linksIn(state.listUsers()));
    const firstLinks = first?.link?.secondaries.length ?? 0;
    expect(tally.expected).toBe(
      linkable.reduce((sum, g) => sum + (g.link?.secondaries.length ?? 0), 0),
    );
    expect(tally.correct).toBe(tally.expected - firstLinks);
    expect(tally.missed).toBe(firstLinks);
    expect(tally.wrong).toBe(1);
    expect(tally.byKind.untrusted.wrong).toBe(1);
    expect(tally.linkableGroups).toBe(linkable.length);
  });

  it("writes the export file as gzipped NDJSON of the backfill's fields", async () => {
    const dir = await mkdtemp(join(tmpdir(), "backfill-tenant-"));
    try {
      const { accounts } = backfillTenant({ users: 300, random: createRandom(3) });
      await writeExportFile(join(dir, "export.json.gz"), accounts);
      const lines = gunzipSync(await readFile(join(dir, "export.json.gz")))
        .toString("utf8")
        .trimEnd()
        .split("\n")
        .map((line) => JSON.parse(line) as StoredUser);
      expect(lines).toEqual(tenantOf(300, 3).users.map(({ name, nickname, ...kept }) => kept));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
