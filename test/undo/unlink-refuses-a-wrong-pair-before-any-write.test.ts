import { describe, expect, it } from "vitest";
import { LINK_RECORDS_KEY, readLinkRecords } from "../../src/linking/link-records";
import { databaseConnection } from "../security/support/scenario";
import { type LinkedPair, linkedPair } from "./support/linked-pair";
import { runCli, undoEnvironment, writesSince } from "./support/undo-cli";

// Another person's account in the same tenant: a primary the pair's identity was never linked to.
function otherPrimary(pair: LinkedPair, appMetadata: Record<string, unknown> = {}): string {
  const { state } = pair.scenario.tenant;
  const bob = state.createUser({
    connection: databaseConnection,
    providerUserId: "bob-database-1",
    email: "bob@example.com",
    email_verified: true,
  });
  state.updateUser(bob.user_id, { app_metadata: appMetadata });
  return bob.user_id;
}

async function refused(pair: LinkedPair, args: string[]) {
  const env = await undoEnvironment(pair.scenario.tenant.api);
  const before = pair.scenario.tenant.state.snapshot();
  const mark = pair.scenario.tenant.api.requestLog.mark();
  const run = await runCli("unlink", [...args, "--apply"], env);
  expect(writesSince(pair.scenario.tenant.api, mark)).toEqual([]);
  expect(pair.scenario.tenant.state.snapshot()).toEqual(before);
  return run;
}

describe("npm run unlink with a pair that is not a link", () => {
  it("refuses-the-primary's-own-identity-before-any-request", async () => {
    const pair = await linkedPair();
    const mark = pair.scenario.tenant.api.requestLog.mark();
    const run = await refused(pair, ["--primary", pair.primaryId, "--secondary", pair.primaryId]);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("--primary and --secondary name the same user");
    expect(pair.scenario.tenant.api.requestLog.since(mark)).toEqual([]);
  });

  it("refuses-an-identity-linked-to-another-primary", async () => {
    const pair = await linkedPair();
    const bob = otherPrimary(pair);
    const run = await refused(pair, ["--primary", bob, "--secondary", pair.secondaryId]);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(
      `[not_linked] ${bob} does not hold ${pair.secondaryId}, and no user has it as its own identity`,
    );
  });

  it("refuses-an-identity-linked-to-another-primary-even-with-an-open-record-of-it", async () => {
    const pair = await linkedPair();
    // A record left by an attempt that never linked (version 1, as older releases wrote it): the
    // identity went into Alice's account since, and nothing of hers may be touched.
    const [record] = readLinkRecords(pair.scenario.user(pair.primaryId)?.app_metadata ?? {}).links;
    const bob = otherPrimary(pair, {
      [LINK_RECORDS_KEY]: {
        v: 1,
        links: [{ ...record, primary: "auth0|bob-database-1" }],
        unlinked: [],
      },
    });
    const run = await refused(pair, ["--primary", bob, "--secondary", pair.secondaryId]);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain("[not_linked]");
  });

  it("refuses-an-identity-that-does-not-exist", async () => {
    const pair = await linkedPair();
    const run = await refused(pair, [
      "--primary",
      pair.primaryId,
      "--secondary",
      "google-oauth2|nobody",
    ]);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toContain(
      `[not_linked] ${pair.primaryId} does not hold google-oauth2|nobody, and no user has it as its own identity`,
    );
  });
});
