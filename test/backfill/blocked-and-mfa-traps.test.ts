import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, it } from "vitest";
import { TenantState } from "../../src/local-tenant/tenant-state";
import { startDemoTenant } from "../local-tenant/management-api/harness";
import { backfillEnvironment, outDir, runBackfillCli } from "./support/backfill-cli";
import {
  account,
  duplicateUsers,
  groupHash,
  identitiesOf,
  ids,
  seedWith,
  writeExportFile,
} from "./support/duplicates-tenant";

const blocked = "blocked@example.com";
const mfa = "mfa@example.com";
const twoFactors = "two-factors@example.com";

function protectedAccounts() {
  return [
    account({
      provider: "auth0",
      id: "blocked-db",
      email: blocked,
      createdAt: "2021-01-01T00:00:00.000Z",
      extra: { blocked: true },
    }),
    account({
      provider: "google-oauth2",
      id: "blocked-google",
      email: blocked,
      createdAt: "2022-01-01T00:00:00.000Z",
    }),
    // Older without a factor, newer with one: the account with MFA must end as the primary.
    account({ provider: "auth0", id: "mfa-db", email: mfa, createdAt: "2021-01-01T00:00:00.000Z" }),
    account({
      provider: "google-oauth2",
      id: "mfa-google",
      email: mfa,
      createdAt: "2022-01-01T00:00:00.000Z",
      extra: { multifactor: ["guardian"] },
    }),
    account({
      provider: "auth0",
      id: "two-factors-db",
      email: twoFactors,
      createdAt: "2021-01-01T00:00:00.000Z",
      extra: { multifactor: ["guardian"] },
    }),
    account({
      provider: "google-oauth2",
      id: "two-factors-google",
      email: twoFactors,
      createdAt: "2022-01-01T00:00:00.000Z",
      extra: { multifactor: ["guardian"] },
    }),
  ];
}

it("leaves-blocked-accounts-apart-ranks-the-mfa-account-primary-and-refuses-two-factors", async () => {
  const users = [...duplicateUsers(), ...protectedAccounts()];
  const server = await startDemoTenant({ state: TenantState.fromSeed(await seedWith(users)) });
  const out = await outDir();

  const run = await runBackfillCli(
    ["--apply", "--source", await writeExportFile(users), "--out", out],
    await backfillEnvironment(server),
  );

  expect(run.stderr).not.toContain("fatal");
  expect(run.exitCode).toBe(0);
  const plan = new Map(
    (await readFile(join(out, "plan.jsonl"), "utf8"))
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line))
      .map((record) => [record.group, record]),
  );
  expect(plan.get(groupHash(blocked))).toMatchObject({
    decision: "refused",
    reason: "blocked_account",
  });
  expect(plan.get(groupHash(mfa))).toMatchObject({
    decision: "link",
    primary_user_id: "google-oauth2|mfa-google",
    secondary_user_ids: ["auth0|mfa-db"],
  });
  expect(plan.get(groupHash(twoFactors))).toMatchObject({
    decision: "refused",
    reason: "ambiguous_mfa",
  });
  const { state } = server;
  expect(identitiesOf(state, "auth0|blocked-db")).toEqual(["auth0|blocked-db"]);
  expect(identitiesOf(state, "google-oauth2|blocked-google")).toEqual([
    "google-oauth2|blocked-google",
  ]);
  expect(identitiesOf(state, "google-oauth2|mfa-google")).toEqual([
    "google-oauth2|mfa-google",
    "auth0|mfa-db",
  ]);
  expect(identitiesOf(state, "auth0|two-factors-db")).toEqual(["auth0|two-factors-db"]);
  // The control beside the traps still links.
  expect(identitiesOf(state, ids.janeDb)).toEqual([ids.janeDb, ids.janeGoogle]);
});
