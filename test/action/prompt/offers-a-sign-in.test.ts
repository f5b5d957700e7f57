import { describe, expect, it } from "vitest";
import { pkceChallenge, pkceVerifier } from "../../../src/action/prompt/transaction-binding";
import { buildDecline, DECLINE_KEY } from "../../../src/linking/prompt-decline";
import { FakeManagementPort } from "../support/fake-management-port";
import { account } from "../support/post-login-fixtures";
import { runLogin } from "../support/run-login";
import {
  databaseAccount,
  nestedAuthorizeParameters,
  oktaAccount,
  promptedLogin,
  promptSecrets,
  transactionId,
} from "./prompt-fixtures";

const tenant = (...users: (typeof databaseAccount)[]) =>
  new FakeManagementPort(users.map((user) => structuredClone(user)));

describe("the Action offers a sign-in to the other account", () => {
  it("sends-an-enterprise-login-to-sign-in-to-the-verified-database-account", async () => {
    const run = await runLogin(
      promptedLogin(oktaAccount, "okta"),
      tenant(databaseAccount, oktaAccount),
    );
    expect(run.redirects).toHaveLength(1);
    const [redirect] = run.redirects;
    expect(redirect?.url).toBe("https://tenant.example.com/authorize");
    expect(Object.keys(redirect?.query ?? {}).sort()).toEqual(nestedAuthorizeParameters);
    expect(redirect?.query).toMatchObject({
      client_id: promptSecrets.PROMPT_CLIENT_ID,
      response_type: "code",
      redirect_uri: "https://tenant.example.com/continue",
      scope: "openid",
      prompt: "login",
      max_age: "0",
      connection: "Username-Password-Authentication",
      login_hint: "jane@example.com",
      code_challenge_method: "S256",
    });
    const verifier = pkceVerifier(promptSecrets.PROMPT_CLIENT_SECRET, {
      transactionId,
      userId: oktaAccount.user_id,
    });
    expect(redirect?.query.code_challenge).toBe(pkceChallenge(verifier));
    expect(run.log).toMatchObject({
      outcome: "prompted",
      reason: "prompted",
      primary_user_id: databaseAccount.user_id,
      management_api_calls: 5,
    });
    // The lookup, which database connections are custom ones, and what the logging-in account
    // (the link's secondary) holds.
    expect(run.port.calls.map((call) => call.op)).toEqual([
      "usersByEmail",
      "listDatabaseConnections",
      "anyEntryOf",
      "anyEntryOf",
      "anyEntryOf",
    ]);
    expect(run.primaryUser).toEqual([]);
    expect(run.appMetadata).toEqual({});
    expect(run.multifactor).toEqual([]);
    expect(run.log).not.toHaveProperty("mfa_challenged");
  });

  it.each([
    ["multifactor", { multifactor: ["guardian"] }],
    ["enrolledFactors", { enrolledFactors: [{ type: "otp" }] }],
  ])("requires-mfa-in-the-nested-sign-in-of-an-account-with-a-factor-in-%s", async (_name, enrolled) => {
    const withMfa = { ...databaseAccount, ...enrolled };
    const event = promptedLogin(withMfa, "database", {
      client: { client_id: promptSecrets.PROMPT_CLIENT_ID, name: "prompt" },
    });
    const run = await runLogin(event, tenant(withMfa));
    expect(run.log).toMatchObject({ reason: "prompt_transaction", mfa_challenged: true });
    // Never from a remembered browser: the continuation wants MFA performed in this sign-in.
    expect(run.multifactor).toEqual([
      { provider: "any", options: { allowRememberBrowser: false } },
    ]);
    expect(run.port.calls).toEqual([]);
  });

  it("sends-an-unverified-database-login-to-sign-in-to-the-verified-google-account", async () => {
    const google = account("google", "g-jane", { created_at: "2020-01-01T00:00:00.000Z" });
    const unverified = account("database", "db-new", { email_verified: false });
    const run = await runLogin(promptedLogin(unverified, "database"), tenant(google, unverified));
    expect(run.redirects[0]?.query).toMatchObject({ connection: "google-oauth2" });
    expect(run.log).toMatchObject({ outcome: "prompted", primary_user_id: google.user_id });
  });

  it("sends-a-google-login-refused-for-mfa-to-sign-in-to-the-mfa-database-account", async () => {
    const enrolled = { ...databaseAccount, multifactor: ["guardian"] };
    const google = account("google", "g-jane", { created_at: "2025-01-01T00:00:00.000Z" });
    const run = await runLogin(promptedLogin(google, "google"), tenant(enrolled, google));
    expect(run.redirects[0]?.query).toMatchObject({
      connection: "Username-Password-Authentication",
    });
    expect(run.log).toMatchObject({ outcome: "prompted", primary_user_id: enrolled.user_id });
    // The prompt reuses the lookup automatic linking made.
    expect(run.port.calls.filter((call) => call.op === "usersByEmail")).toHaveLength(1);
    expect(run.port.calls.some((call) => call.op === "linkIdentity")).toBe(false);
    expect(run.primaryUser).toEqual([]);
  });

  it("offers-nothing-for-mfa-when-the-logging-in-account-is-the-mfa-one", async () => {
    const enrolled = { ...databaseAccount, multifactor: ["guardian"] };
    const google = account("google", "g-jane", { created_at: "2025-01-01T00:00:00.000Z" });
    const run = await runLogin(promptedLogin(enrolled, "database"), tenant(enrolled, google));
    expect(run.redirects).toEqual([]);
    expect(run.log).toMatchObject({
      reason: "mfa_required",
      prompt: "not_resolvable_by_sign_in",
      links: 0,
    });
  });

  it("sends-the-person-to-the-custom-domain-they-are-on", async () => {
    const event = promptedLogin(oktaAccount, "okta", {
      request: { hostname: "login.example.org", query: {} },
    });
    const run = await runLogin(event, tenant(databaseAccount));
    expect(run.redirects[0]?.url).toBe("https://login.example.org/authorize");
    expect(run.redirects[0]?.query.redirect_uri).toBe("https://login.example.org/continue");
  });

  it("takes-nothing-from-the-login-request's-query", async () => {
    const event = promptedLogin(oktaAccount, "okta", {
      request: {
        hostname: "tenant.example.com",
        query: {
          redirect_uri: "https://attacker.example/steal",
          connection: "attacker-connection",
          prompt: "none",
          client_id: "attacker",
          login_hint: "attacker@example.com",
        },
      },
    });
    const run = await runLogin(event, tenant(databaseAccount));
    expect(run.redirects[0]?.query).toMatchObject({
      redirect_uri: "https://tenant.example.com/continue",
      connection: "Username-Password-Authentication",
      prompt: "login",
      client_id: promptSecrets.PROMPT_CLIENT_ID,
      login_hint: "jane@example.com",
    });
  });

  it("uses-a-fresh-nonce-and-a-transaction-bound-challenge", async () => {
    const first = await runLogin(promptedLogin(oktaAccount, "okta"), tenant(databaseAccount));
    const again = await runLogin(promptedLogin(oktaAccount, "okta"), tenant(databaseAccount));
    const other = await runLogin(
      promptedLogin(oktaAccount, "okta", {
        transaction: { id: "tx_another", protocol: "oidc-basic-profile" },
      }),
      tenant(databaseAccount),
    );
    expect(again.redirects[0]?.query.code_challenge).toBe(first.redirects[0]?.query.code_challenge);
    expect(other.redirects[0]?.query.code_challenge).not.toBe(
      first.redirects[0]?.query.code_challenge,
    );
    expect(again.redirects[0]?.query.nonce).not.toBe(first.redirects[0]?.query.nonce);
    expect(first.redirects[0]?.query.nonce).not.toContain(databaseAccount.user_id);
  });

  it("only-says-it-would-prompt-in-dry-run", async () => {
    const event = promptedLogin(oktaAccount, "okta", {}, { LINKING_MODE: "dry-run" });
    const run = await runLogin(event, tenant(databaseAccount));
    expect(run.redirects).toEqual([]);
    expect(run.log).toMatchObject({ outcome: "dry-run", reason: "would_prompt" });
  });
});

describe("the Action offers nothing", () => {
  it("leaves-behaviour-unchanged-when-prompted-linking-is-off", async () => {
    const event = promptedLogin(oktaAccount, "okta", {}, { PROMPTED_LINKING: "off" });
    const run = await runLogin(event, tenant(databaseAccount));
    expect(run.redirects).toEqual([]);
    expect(run.log).toMatchObject({ outcome: "skipped", reason: "untrusted_connection" });
    expect(run.log).not.toHaveProperty("prompt");
    expect(run.port.calls).toEqual([]);
  });

  it("stays-out-of-the-nested-sign-in-itself", async () => {
    const event = promptedLogin(databaseAccount, "database", {
      client: { client_id: promptSecrets.PROMPT_CLIENT_ID, name: "prompt" },
    });
    const google = account("google", "g-jane");
    const run = await runLogin(event, tenant(databaseAccount, google));
    expect(run.log).toMatchObject({ outcome: "skipped", reason: "prompt_transaction" });
    expect(run.port.calls).toEqual([]);
    expect(run.redirects).toEqual([]);
    expect(run.primaryUser).toEqual([]);
    expect(run.appMetadata).toEqual({});
  });

  it("never-offers-an-unverified-candidate", async () => {
    const squatter = account("database", "squat", { email_verified: false });
    const run = await runLogin(promptedLogin(oktaAccount, "okta"), tenant(squatter));
    expect(run.redirects).toEqual([]);
    expect(run.log).toMatchObject({
      outcome: "skipped",
      reason: "untrusted_connection",
      prompt: "no_prompt_candidate",
    });
  });

  it.each([
    [
      "refresh-token exchange",
      { transaction: { id: transactionId, protocol: "oauth2-refresh-token" } },
      "non_interactive_protocol",
      undefined,
    ],
    [
      "device flow",
      { transaction: { id: transactionId, protocol: "oauth2-device-code" } },
      "untrusted_connection",
      "protocol_not_promptable",
    ],
    [
      "no transaction id",
      { transaction: { protocol: "oidc-basic-profile" } },
      "untrusted_connection",
      "no_transaction_id",
    ],
  ])("costs-no-request-for-a-%s", async (_name, overrides, reason, prompt) => {
    const run = await runLogin(
      promptedLogin(oktaAccount, "okta", overrides),
      tenant(databaseAccount),
    );
    expect(run.redirects).toEqual([]);
    expect(run.port.calls).toEqual([]);
    expect(run.log).toMatchObject({ outcome: "skipped", reason });
    expect(run.log.prompt).toBe(prompt);
  });

  it("costs-no-request-while-a-decline-is-remembered", async () => {
    const declined = {
      ...oktaAccount,
      app_metadata: { [DECLINE_KEY]: buildDecline("person_declined", new Date()) },
    };
    const run = await runLogin(promptedLogin(declined, "okta"), tenant(databaseAccount));
    expect(run.redirects).toEqual([]);
    expect(run.port.calls).toEqual([]);
    expect(run.log).toMatchObject({ reason: "untrusted_connection", prompt: "prompt_snoozed" });
  });

  // Each code is the one automatic linking logs for the same failure.
  it.each([
    { failing: "usersByEmail", reason: "lookup_failed" },
    { failing: "listDatabaseConnections", reason: "connection_lookup_failed" },
  ] as const)("goes-on-without-a-prompt-when-$failing-fails-even-with-ON_ERROR-deny-logging-$reason", async ({
    failing,
    reason,
  }) => {
    const port = tenant(databaseAccount).failOn(failing, {
      kind: "server_error",
      status: 503,
      message: "unavailable",
    });
    const event = promptedLogin(oktaAccount, "okta", {}, { ON_ERROR: "deny" });
    const run = await runLogin(event, port);
    expect(run.redirects).toEqual([]);
    expect(run.denied).toEqual([]);
    expect(run.log).toMatchObject({ outcome: "error", reason });
  });

  it("links-automatically-without-a-prompt-when-automatic-linking-may", async () => {
    const google = account("google", "g-new", { created_at: "2025-01-01T00:00:00.000Z" });
    const run = await runLogin(promptedLogin(google, "google"), tenant(databaseAccount, google));
    expect(run.redirects).toEqual([]);
    expect(run.log).toMatchObject({ outcome: "linked", reason: "linked" });
  });
});
