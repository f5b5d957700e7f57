import { expect, it } from "vitest";
import { person, personDatabaseAccount, personGoogleAccount } from "../security/support/fault-play";
import { monthsAgo } from "../security/support/people";
import { databaseConnection, startScenario } from "../security/support/scenario";
import { runProjectScript } from "../support/project-script";
import { runOnTerminal } from "../support/terminal-script";
import { linkedPair } from "../undo/support/linked-pair";
import { undoEnvironment, writesSince } from "../undo/support/undo-cli";

/** Two accounts with the person's address, not linked: an address that names several users. */
async function twoAccounts() {
  const scenario = await startScenario({
    accounts: [personDatabaseAccount(), personGoogleAccount(monthsAgo(1))],
  });
  return {
    scenario,
    env: await undoEnvironment(scenario.tenant.api),
    databaseId: scenario.userId(databaseConnection, person.databaseId),
    googleId: scenario.userId("google-oauth2", person.googleId),
  };
}

it("links-finds-the-user-by-an-address-asked-as-given-and-lower-cased", async () => {
  const { scenario, primaryId, secondaryId } = await linkedPair();
  const env = await undoEnvironment(scenario.tenant.api);
  const run = await runProjectScript("links", [person.email.toUpperCase()], env);
  expect(run.stderr).toBe("");
  expect(run.exitCode).toBe(0);
  expect(run.stdout).toContain(`${primaryId}: 1 link record(s)`);
  expect(run.stdout).toContain(secondaryId);
  expect(run.stdout).not.toContain(person.email);
});

it("links-without-a-terminal-lists-the-accounts-of-an-address-and-exits-2", async () => {
  const { env, databaseId, googleId } = await twoAccounts();
  const run = await runProjectScript("links", [person.email], env);
  expect(run.exitCode).toBe(2);
  expect(run.stderr).toContain("[account_ambiguous] 2 accounts have that address");
  expect(run.stderr).toContain(`${databaseId}  (${databaseConnection})`);
  expect(run.stderr).toContain(`${googleId}  (google-oauth2)`);
  expect(`${run.stdout}${run.stderr}`).not.toContain(person.email);
});

it("links-on-a-terminal-asks-which-account-of-an-address", async () => {
  const { env, databaseId, googleId } = await twoAccounts();
  const ids = [databaseId, googleId].sort();
  const run = await runOnTerminal("scripts/links.ts", [person.email], env, {
    question: "Which one?",
    typed: "2",
  });
  expect(run.exitCode).toBe(0);
  expect(run.stdout).toContain(`${ids[1]}: 0 link record(s)`);
  expect(run.stdout).not.toContain(`${ids[0]}: 0 link record(s)`);
});

it("unlink-apply-without-a-terminal-or-yes-refuses-with-2-before-any-request", async () => {
  const { scenario, primaryId, secondaryId } = await linkedPair();
  const env = await undoEnvironment(scenario.tenant.api);
  const mark = scenario.tenant.api.requestLog.mark();
  const run = await runProjectScript(
    "unlink",
    ["--primary", primaryId, "--secondary", secondaryId, "--apply"],
    env,
  );
  expect(run.exitCode).toBe(2);
  expect(run.stderr).toContain("pass --yes");
  expect(scenario.tenant.api.requestLog.since(mark)).toEqual([]);
});

it.each([
  ["n", 1, false],
  ["y", 0, true],
])("unlink-apply-on-a-terminal-names-the-tenant-and-undoes-only-after-yes (%s)", async (typed, exitCode, undone) => {
  const { scenario, primaryId, secondaryId } = await linkedPair();
  const env = await undoEnvironment(scenario.tenant.api);
  const mark = scenario.tenant.api.requestLog.mark();
  const run = await runOnTerminal(
    "scripts/unlink.ts",
    ["--primary", person.email, "--secondary", secondaryId, "--apply"],
    env,
    { question: "Undo them?", typed },
  );
  expect(run.stdout).toContain(
    `--apply will undo 1 link(s) on the tenant ${scenario.tenant.api.domain}`,
  );
  expect(run.stdout).toContain(`${primaryId}  unlink  ${secondaryId}`);
  expect(run.exitCode).toBe(exitCode);
  expect(writesSince(scenario.tenant.api, mark).length > 0).toBe(undone);
  expect(scenario.user(secondaryId) !== undefined).toBe(undone);
});
