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
  withoutScope,
  writeExportFile,
} from "./support/duplicates-tenant";

const blocked = "blocked@example.com";
const mfa = "mfa@example.com";
const twoFactors = "two-factors@example.com";
const securityKey = "security-key@example.com";
const emailFactor = "email-factor@example.com";

// Each address: an older database account without a factor, a newer Google account whose only
// factor is one `multifactor` leaves out (Auth0 clears it for email or WebAuthn alone).
const unlistedFactors = [
  { address: securityKey, id: "security-key", factor: "webauthn-roaming" },
  { address: emailFactor, id: "email-factor", factor: "email" },
];

function unlistedFactorAccounts() {
  return unlistedFactors.flatMap(({ address, id }) => [
    account({
      provider: "auth0",
      id: `${id}-db`,
      email: address,
      createdAt: "2021-01-01T00:00:00.000Z",
    }),
    account({
      provider: "google-oauth2",
      id: `${id}-google`,
      email: address,
      createdAt: "2022-01-01T00:00:00.000Z",
      extra: { multifactor: [] },
    }),
  ]);
}

const unlistedFactorMethods = unlistedFactors.map(({ id, factor }) => ({
  user_id: `google-oauth2|${id}-google`,
  type: factor,
}));

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

it("leaves-blocked-accounts-apart-and-every-group-with-an-mfa-account-for-prompted-linking", async () => {
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
  // The account with MFA would be the primary, and nobody proves its factor in a backfill: the
  // Action refuses the same link at both accounts' logins (mfa_required).
  expect(plan.get(groupHash(mfa))).toMatchObject({
    decision: "refused",
    reason: "mfa_required",
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
  expect(identitiesOf(state, "google-oauth2|mfa-google")).toEqual(["google-oauth2|mfa-google"]);
  expect(identitiesOf(state, "auth0|mfa-db")).toEqual(["auth0|mfa-db"]);
  const summary = await readFile(join(out, "summary.md"), "utf8");
  expect(summary).toMatch(/left for prompted linking[^|]*\| 1 \|/);
  expect(identitiesOf(state, "auth0|two-factors-db")).toEqual(["auth0|two-factors-db"]);
  // The control beside the traps still links.
  expect(identitiesOf(state, ids.janeDb)).toEqual([ids.janeDb, ids.janeGoogle]);
});

it("reads-the-factors-multifactor-leaves-out-and-links-no-identity-into-such-an-account", async () => {
  const users = [...duplicateUsers(), ...unlistedFactorAccounts()];
  const seed = { ...(await seedWith(users)), authenticationMethods: unlistedFactorMethods };
  const server = await startDemoTenant({ state: TenantState.fromSeed(seed) });
  const out = await outDir();

  const run = await runBackfillCli(
    ["--apply", "--source", await writeExportFile(users), "--out", out],
    await backfillEnvironment(server),
  );

  expect(run.exitCode).toBe(0);
  const { state } = server;
  for (const { address, id } of unlistedFactors) {
    // The export shows no factor, so the plan links the newer account into the older one...
    const planned = (await readFile(join(out, "plan.jsonl"), "utf8"))
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line))
      .find((record) => record.group === groupHash(address));
    expect(planned).toMatchObject({ decision: "link", primary_user_id: `auth0|${id}-db` });
    // ...and the apply, having read its methods, links nothing into either account.
    expect(identitiesOf(state, `auth0|${id}-db`)).toEqual([`auth0|${id}-db`]);
    expect(identitiesOf(state, `google-oauth2|${id}-google`)).toEqual([
      `google-oauth2|${id}-google`,
    ]);
  }
  const summary = await readFile(join(out, "summary.md"), "utf8");
  expect(summary).toContain("| `mfa_required` | 2 |");
  expect(
    server.requestLog
      .entries()
      .filter((entry) => entry.endpointKey === "get-user-authentication-methods"),
  ).not.toHaveLength(0);
  // The control beside them, whose accounts have no factor, links.
  expect(identitiesOf(state, ids.janeDb)).toEqual([ids.janeDb, ids.janeGoogle]);
});

it("links-nothing-and-fails-the-groups-when-the-factors-cannot-be-read", async () => {
  const users = [...duplicateUsers(), ...unlistedFactorAccounts()];
  const seed = withoutScope(
    { ...(await seedWith(users)), authenticationMethods: unlistedFactorMethods },
    "read:authentication_methods",
  );
  const server = await startDemoTenant({ state: TenantState.fromSeed(seed) });
  const before = server.state.snapshot();
  const out = await outDir();

  const run = await runBackfillCli(
    ["--apply", "--source", await writeExportFile(users), "--out", out],
    await backfillEnvironment(server),
  );

  expect(run.exitCode).toBe(1);
  expect(run.stderr).toMatch(/groups failed/);
  expect(server.state.snapshot()).toEqual(before);
  const journal = await readFile(join(out, "journal.jsonl"), "utf8");
  expect(journal).toContain("factor_lookup_failed");
});
