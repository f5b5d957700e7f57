import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, it } from "vitest";
import { hasValidMarker, markerEmailHash } from "../../src/linking/marker";
import { TenantState } from "../../src/local-tenant/tenant-state";
import { startDemoTenant } from "../local-tenant/management-api/harness";
import { backfillEnvironment, outDir, runBackfillCli } from "./support/backfill-cli";
import {
  addresses,
  duplicateUsers,
  expectLinkableGroupsLinked,
  identitiesOf,
  ids,
  seedWith,
  writeExportFile,
} from "./support/duplicates-tenant";

it("links-the-linkable-groups-carries-metadata-writes-the-marker-and-leaves-every-trap-apart", async () => {
  const users = duplicateUsers();
  const server = await startDemoTenant({ state: TenantState.fromSeed(await seedWith(users)) });
  const exportFile = await writeExportFile(users);
  const out = await outDir();

  const run = await runBackfillCli(
    ["--apply", "--source", exportFile, "--out", out],
    await backfillEnvironment(server),
  );

  expect(run.stderr).not.toContain("fatal");
  expect(run.exitCode).toBe(0);
  const { state } = server;
  expectLinkableGroupsLinked(state);
  for (const [primary, email] of [
    [ids.janeDb, addresses.jane],
    [ids.samDb, addresses.sam],
    [ids.trioDb, addresses.trio],
  ] as const) {
    expect(
      hasValidMarker(state.getUser(primary)?.app_metadata, markerEmailHash(email, server.domain)),
    ).toBe(true);
  }
  // Traps: each account still stands alone.
  for (const id of [
    ids.unverifiedDb,
    ids.unverifiedGoogle,
    ids.untrustedDb,
    ids.untrustedOkta,
    ids.zoeLookalike,
    ids.ambiguousDb,
    ids.ambiguousGoogle,
  ]) {
    expect(state.getUser(id), id).toBeDefined();
  }
  expect(identitiesOf(state, ids.zoeLookalike)).toEqual([ids.zoeLookalike]);
  expect(identitiesOf(state, ids.untrustedDb)).toEqual([ids.untrustedDb]);
  const links = server.requestLog
    .entries()
    .filter((entry) => entry.endpointKey === "link-identity");
  expect(links.map((entry) => entry.status)).toEqual([201, 201, 201, 201, 201]);
  expect(server.requestLog.entries().filter((entry) => entry.status === 429)).toEqual([]);

  const summary = await readFile(join(out, "summary.md"), "utf8");
  expect(summary).toContain("| groups linked | 4 |");
  expect(summary).toContain("| links made | 5 |");
  const journal = (await readFile(join(out, "journal.jsonl"), "utf8")).trim().split("\n");
  expect(journal.filter((line) => line.includes('"phase":"done","outcome":"linked"'))).toHaveLength(
    4,
  );
  expect(journal.join("\n")).not.toMatch(/@example\.com/i);
});

it("a-returning-login-of-a-backfilled-person-costs-nothing", async () => {
  // The marker the backfill writes is the Action's own: the person's next login needs no lookup.
  const users = duplicateUsers();
  const { startLocalTenant } = await import("../../src/local-tenant/local-tenant");
  const tenant = await startLocalTenant({ seed: await seedWith(users) });
  try {
    const run = await runBackfillCli(
      ["--apply", "--source", await writeExportFile(users), "--out", await outDir()],
      await backfillEnvironment(tenant.api),
    );
    expect(run.exitCode).toBe(0);
    const mark = tenant.api.requestLog.mark();
    const login = await tenant.login({
      connection: "google-oauth2",
      providerUserId: "jane-google",
      email: addresses.jane,
      emailVerified: true,
    });
    expect(login.sessionUserId).toBe(ids.janeDb);
    expect(tenant.api.requestLog.since(mark)).toEqual([]);
  } finally {
    await tenant.close();
  }
});
