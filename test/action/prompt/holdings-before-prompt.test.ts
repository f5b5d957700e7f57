import { describe, expect, it } from "vitest";
import { FakeManagementPort } from "../support/fake-management-port";
import { account } from "../support/post-login-fixtures";
import { runLogin } from "../support/run-login";
import { databaseAccount, oktaAccount, promptedLogin } from "./prompt-fixtures";

const tenant = () =>
  new FakeManagementPort([structuredClone(databaseAccount), structuredClone(oktaAccount)]);

function holdingReadsOf(port: FakeManagementPort) {
  return port.calls.filter((call) => call.op === "anyEntryOf");
}

/** The login went on as the account that logged in, as a refused login without a prompt does. */
function expectLoginGoesOnUnprompted(run: Awaited<ReturnType<typeof runLogin>>) {
  expect(run.redirects).toEqual([]);
  expect(run.denied).toEqual([]);
  expect(run.primaryUser).toEqual([]);
  expect(run.appMetadata).toEqual({});
  expect(run.port.calls.some((call) => call.op === "linkIdentity")).toBe(false);
  expect(run.port.user(oktaAccount.user_id)).toBeDefined();
  expect(run.port.user(databaseAccount.user_id)?.identities).toHaveLength(1);
}

describe("the Action does not prompt for a link the continuation would refuse", () => {
  it.each([
    ["a-member-of-an-organization", "memberOfAnOrganization", "secondary_in_organization"],
    ["holding-a-role", "withRole", "secondary_has_roles"],
    ["holding-a-direct-permission", "withPermission", "secondary_has_permissions"],
  ] as const)("does-not-prompt-an-enterprise-login-%s", async (_name, give, prompt) => {
    const port = tenant()[give](oktaAccount.user_id);
    const run = await runLogin(promptedLogin(oktaAccount, "okta"), port);
    expectLoginGoesOnUnprompted(run);
    expect(run.log).toMatchObject({
      outcome: "skipped",
      reason: "untrusted_connection",
      prompt,
      user_id: oktaAccount.user_id,
      candidates: 1,
      links: 0,
      management_api_calls: 5,
    });
    expect(run.log).not.toHaveProperty("primary_user_id");
  });

  it("reads-only-the-logging-in-account-and-its-three-lists-together", async () => {
    const port = tenant().withRole(oktaAccount.user_id);
    await runLogin(promptedLogin(oktaAccount, "okta"), port);
    expect(holdingReadsOf(port)).toEqual([
      { op: "anyEntryOf", holding: "organizations", userId: oktaAccount.user_id },
      { op: "anyEntryOf", holding: "roles", userId: oktaAccount.user_id },
      { op: "anyEntryOf", holding: "permissions", userId: oktaAccount.user_id },
    ]);
    expect(port.mostHoldingReadsInFlight).toBe(3);
  });

  it.each([
    ["organizations", "organization_lookup_failed"],
    ["roles", "authorization_lookup_failed"],
    ["permissions", "authorization_lookup_failed"],
  ] as const)("does-not-prompt-when-the-%s-read-fails-even-with-ON_ERROR-deny", async (holding, reason) => {
    const port = tenant().failOnHolding(holding, {
      kind: "client_error",
      status: 403,
      message: "Insufficient scope",
    });
    const event = promptedLogin(oktaAccount, "okta", {}, { ON_ERROR: "deny" });
    const run = await runLogin(event, port);
    expectLoginGoesOnUnprompted(run);
    expect(run.log).toMatchObject({
      outcome: "error",
      reason,
      failure: { kind: "client_error", status: 403 },
      links: 0,
    });
  });

  it("does-not-say-it-would-prompt-in-dry-run-for-an-account-holding-a-role", async () => {
    const port = tenant().withRole(oktaAccount.user_id);
    const event = promptedLogin(oktaAccount, "okta", {}, { LINKING_MODE: "dry-run" });
    const run = await runLogin(event, port);
    expectLoginGoesOnUnprompted(run);
    expect(run.log).toMatchObject({ outcome: "skipped", prompt: "secondary_has_roles" });
  });

  it("control: prompts-when-the-logging-in-account-holds-nothing", async () => {
    const run = await runLogin(promptedLogin(oktaAccount, "okta"), tenant());
    expect(run.redirects).toHaveLength(1);
    expect(run.log).toMatchObject({
      outcome: "prompted",
      primary_user_id: databaseAccount.user_id,
    });
    expect(holdingReadsOf(run.port)).toHaveLength(3);
  });

  it("control: prompts-when-only-the-candidate-holds-roles-permissions-and-memberships", async () => {
    // The candidate becomes the primary: its user id, and what it holds, survive the link.
    const port = tenant()
      .memberOfAnOrganization(databaseAccount.user_id)
      .withRole(databaseAccount.user_id)
      .withPermission(databaseAccount.user_id);
    const run = await runLogin(promptedLogin(oktaAccount, "okta"), port);
    expect(run.redirects).toHaveLength(1);
    expect(run.log).toMatchObject({ outcome: "prompted" });
  });
});

describe("a login that would not prompt reads no holdings", () => {
  it("costs-no-holdings-read-when-no-account-may-be-offered", async () => {
    const squatter = account("database", "squat", { email_verified: false });
    const port = new FakeManagementPort([squatter, structuredClone(oktaAccount)]).withRole(
      oktaAccount.user_id,
    );
    const run = await runLogin(promptedLogin(oktaAccount, "okta"), port);
    expect(run.log).toMatchObject({ prompt: "no_prompt_candidate" });
    expect(holdingReadsOf(port)).toEqual([]);
  });

  it("costs-no-holdings-read-when-two-accounts-could-be-offered", async () => {
    const google = account("google", "g-jane", { created_at: "2021-01-01T00:00:00.000Z" });
    const port = new FakeManagementPort([
      structuredClone(databaseAccount),
      google,
      structuredClone(oktaAccount),
    ]);
    const run = await runLogin(promptedLogin(oktaAccount, "okta"), port);
    expect(run.log).toMatchObject({ prompt: "several_prompt_candidates" });
    expect(holdingReadsOf(port)).toEqual([]);
  });

  it("costs-no-holdings-read-when-prompting-is-off", async () => {
    const event = promptedLogin(oktaAccount, "okta", {}, { PROMPTED_LINKING: "off" });
    const run = await runLogin(event, tenant().withRole(oktaAccount.user_id));
    expect(run.log).toMatchObject({ reason: "untrusted_connection" });
    expect(run.port.calls).toEqual([]);
  });

  it("costs-no-holdings-read-for-a-refusal-a-sign-in-does-not-resolve", async () => {
    const enrolled = { ...databaseAccount, multifactor: ["guardian"] };
    const google = account("google", "g-jane", { created_at: "2025-01-01T00:00:00.000Z" });
    const port = new FakeManagementPort([enrolled, google]);
    const run = await runLogin(promptedLogin(enrolled, "database"), port);
    expect(run.log).toMatchObject({ prompt: "not_resolvable_by_sign_in" });
    expect(holdingReadsOf(port)).toEqual([]);
  });
});
