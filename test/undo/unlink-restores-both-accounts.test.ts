import { describe, expect, it } from "vitest";
import { readLinkRecords } from "../../src/linking/link-records";
import { googleLogin, person } from "../security/support/fault-play";
import { databaseConnection, linkingLine } from "../security/support/scenario";
import { linkedPair, restorable } from "./support/linked-pair";
import { runCli, undoEnvironment, writesSince } from "./support/undo-cli";

describe("npm run unlink", () => {
  it("prints-what-it-will-do-and-changes-nothing-without-apply", async () => {
    const { scenario, primaryId, secondaryId } = await linkedPair();
    const env = await undoEnvironment(scenario.tenant.api);
    const mark = scenario.tenant.api.requestLog.mark();
    const before = scenario.tenant.state.snapshot();

    const run = await runCli("unlink", ["--primary", primaryId, "--secondary", secondaryId], env);

    expect(run.stderr).toBe("");
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain(`unlink ${secondaryId} from ${primaryId}`);
    expect(run.stdout).toContain("will restore on");
    expect(run.stdout).toContain("app_metadata stripe_customer_id, loyalty_points, plan");
    expect(run.stdout).toContain("will remove from");
    expect(run.stdout).toContain("MFA enrolments, organization memberships");
    expect(run.stdout).toContain("dry run: nothing changed");
    expect(run.stdout).not.toContain(person.email);
    expect(writesSince(scenario.tenant.api, mark)).toEqual([]);
    expect(scenario.tenant.state.snapshot()).toEqual(before);
  });

  it("gives-both-accounts-back-as-they-were-and-is-safe-to-run-again", async () => {
    const { scenario, primaryId, secondaryId, primaryBefore, secondaryBefore } = await linkedPair();
    const env = await undoEnvironment(scenario.tenant.api);

    const run = await runCli(
      "unlink",
      ["--primary", primaryId, "--secondary", secondaryId, "--apply"],
      env,
    );
    expect(run.stderr).toBe("");
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("done");
    expect(restorable(scenario.user(primaryId))).toEqual(restorable(primaryBefore));
    expect(restorable(scenario.user(secondaryId))).toEqual(restorable(secondaryBefore));
    const [record] = readLinkRecords(scenario.user(primaryId)?.app_metadata ?? {}).links;
    expect(record).toMatchObject({ secondary: secondaryId, copy: { in: "restored" } });
    expect(Date.parse(record?.unlinked_at ?? "")).not.toBeNaN();
    expect(readLinkRecords(scenario.user(primaryId)?.app_metadata ?? {}).unlinked).toEqual([
      secondaryId,
    ]);
    expect(readLinkRecords(scenario.user(secondaryId)?.app_metadata ?? {}).unlinked).toEqual([
      primaryId,
    ]);

    const mark = scenario.tenant.api.requestLog.mark();
    const again = await runCli(
      "unlink",
      ["--primary", primaryId, "--secondary", secondaryId, "--apply"],
      env,
    );
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toContain("already undone");
    expect(writesSince(scenario.tenant.api, mark)).toEqual([]);
  });

  it("is-never-linked-again-by-a-later-login-of-either-account", async () => {
    const { scenario, primaryId, secondaryId } = await linkedPair();
    const env = await undoEnvironment(scenario.tenant.api);
    await runCli("unlink", ["--primary", primaryId, "--secondary", secondaryId, "--apply"], env);

    const secondaryLogin = await scenario.login(googleLogin);
    expect(secondaryLogin.sessionUserId).toBe(secondaryId);
    expect(linkingLine(secondaryLogin)).toMatchObject({
      outcome: "skipped",
      reason: "unlinked_pair",
    });
    const primaryLogin = await scenario.login({
      connection: databaseConnection,
      providerUserId: person.databaseId,
      email: person.email,
      emailVerified: true,
    });
    expect(primaryLogin.sessionUserId).toBe(primaryId);
    expect(linkingLine(primaryLogin).outcome).toBe("skipped");
    expect(scenario.user(secondaryId)?.identities).toHaveLength(1);
    expect(scenario.user(primaryId)?.identities).toHaveLength(1);
  });

  it("keeps-on-the-primary-a-carried-key-changed-since-the-link-and-gives-the-secondary-its-own", async () => {
    const { scenario, primaryId, secondaryId, secondaryBefore } = await linkedPair();
    scenario.tenant.state.updateUser(primaryId, { user_metadata: { locale: "de" } });
    const env = await undoEnvironment(scenario.tenant.api);

    const run = await runCli(
      "unlink",
      ["--primary", primaryId, "--secondary", secondaryId, "--apply"],
      env,
    );
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("changed since the link: user_metadata locale");
    expect(scenario.user(primaryId)?.user_metadata).toEqual({ theme: "dark", locale: "de" });
    // Its own value, from the copy, whatever the primary holds since.
    expect(scenario.user(secondaryId)?.user_metadata).toEqual(secondaryBefore.user_metadata);
    expect(restorable(scenario.user(secondaryId))).toEqual(restorable(secondaryBefore));
  });

  it("names-every-bad-setting-and-argument-before-any-request", async () => {
    const { scenario } = await linkedPair();
    const env = await undoEnvironment(scenario.tenant.api, {
      AUTH0_CLIENT_SECRET: undefined,
      AUTH0_DOMAIN: "https://example.auth0.com",
    });
    const mark = scenario.tenant.api.requestLog.mark();

    const run = await runCli("unlink", ["--primary", "auth0|x", "--secondary", "nobar"], env);

    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("--secondary must be PROVIDER|USER_ID");
    expect(run.stderr).toContain("AUTH0_CLIENT_SECRET is not set");
    expect(run.stderr).toContain("AUTH0_DOMAIN must be a host name without a scheme");
    expect(scenario.tenant.api.requestLog.since(mark)).toEqual([]);
  });
});

describe("npm run links", () => {
  it("prints-the-audit-records-as-a-table-and-as-json", async () => {
    const { scenario, primaryId, secondaryId } = await linkedPair();
    const env = await undoEnvironment(scenario.tenant.api);

    const table = await runCli("links", [primaryId], env);
    expect(table.exitCode).toBe(0);
    expect(table.stdout).toContain(`${primaryId}: 1 link record(s)`);
    expect(table.stdout).toMatch(/linked at\s+path\s+rules\s+secondary/);
    expect(table.stdout).toContain(secondaryId);
    expect(table.stdout).toContain("user_metadata.locale");
    expect(table.stdout).toContain("app_metadata (6 keys)");

    const json = await runCli("links", [primaryId, "--json"], env);
    expect(json.exitCode).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({
      user_id: primaryId,
      links: [{ path: "login", primary: primaryId, secondary: secondaryId }],
      unlinked: [],
    });
  });
});
