import { describe, expect, it } from "vitest";
import { hashEmail } from "../../src/linking/email-hash";
import { buildMarker, MARKER_KEY } from "../../src/linking/marker";
import { FakeManagementPort } from "./support/fake-management-port";
import { account, loginEvent, secrets } from "./support/post-login-fixtures";
import { runLogin } from "./support/run-login";

const olderDatabase = account("database", "older", { created_at: "2020-01-01T00:00:00.000Z" });
const newGoogle = account("google", "new", { created_at: "2025-01-01T00:00:00.000Z" });

function tenantWithBoth() {
  return new FakeManagementPort([structuredClone(olderDatabase), structuredClone(newGoogle)]);
}

const markerFor = (email: string) =>
  buildMarker(hashEmail(email, `account-linking-marker:${secrets.AUTH0_DOMAIN}`), "2025-01-01");

describe("logins skipped before any Management API request", () => {
  it.each([
    ["mode-off", loginEvent(newGoogle, "google", {}, { LINKING_MODE: "off" }), "mode_off"],
    [
      "refresh-token-exchange",
      loginEvent(newGoogle, "google", { transaction: { protocol: "oauth2-refresh-token" } }),
      "non_interactive_protocol",
    ],
    [
      "resource-owner-password-grant",
      loginEvent(newGoogle, "google", { transaction: { protocol: "oauth2-password" } }),
      "non_interactive_protocol",
    ],
    ["user-without-email", loginEvent({ ...newGoogle, email: undefined }, "google"), "no_email"],
    [
      "unverified-email",
      loginEvent({ ...newGoogle, email_verified: false }, "google"),
      "email_not_verified",
    ],
    [
      "email-verified-missing",
      loginEvent({ ...newGoogle, email_verified: undefined }, "google"),
      "email_not_verified",
    ],
    [
      "enterprise-connection-not-listed",
      loginEvent(account("okta", "ent"), "okta"),
      "untrusted_connection",
    ],
    [
      "returning-person-with-marker",
      loginEvent(
        { ...newGoogle, app_metadata: { [MARKER_KEY]: markerFor("jane@example.com") } },
        "google",
      ),
      "already_checked",
    ],
    [
      "malformed-user-record",
      loginEvent({ ...newGoogle, identities: "not-a-list" as never }, "google"),
      "malformed_user",
    ],
  ])("%s costs zero Management API requests", async (_name, event, reason) => {
    const port = tenantWithBoth();
    const run = await runLogin(event, port);
    expect(run.log).toMatchObject({ outcome: "skipped", reason, management_api_calls: 0 });
    expect(port.calls).toEqual([]);
    expect(run.primaryUser).toEqual([]);
    expect(run.denied).toEqual([]);
  });

  it("checks-again-when-the-email-changed-since-the-marker", async () => {
    const port = tenantWithBoth();
    const event = loginEvent(
      { ...newGoogle, app_metadata: { [MARKER_KEY]: markerFor("old@example.com") } },
      "google",
    );
    const run = await runLogin(event, port);
    expect(run.log).toMatchObject({ outcome: "linked" });
  });

  it("checks-again-when-the-marker-version-is-old", async () => {
    const port = tenantWithBoth();
    const stale = { ...markerFor("jane@example.com"), v: 0 };
    const event = loginEvent({ ...newGoogle, app_metadata: { [MARKER_KEY]: stale } }, "google");
    const run = await runLogin(event, port);
    expect(run.log).toMatchObject({ outcome: "linked" });
  });

  it("rechecks-only-the-lower-case-form-of-a-checked-address-stored-with-capitals", async () => {
    const port = tenantWithBoth();
    const capitalised = { ...newGoogle, email: "Jane@Example.com" };
    const event = loginEvent(
      { ...capitalised, app_metadata: { [MARKER_KEY]: markerFor("jane@example.com") } },
      "google",
    );
    const run = await runLogin(event, port);
    expect(port.calls.filter((c) => c.op === "usersByEmail")).toEqual([
      { op: "usersByEmail", email: "jane@example.com" },
    ]);
    expect(run.log).toMatchObject({ outcome: "linked", primary_user_id: olderDatabase.user_id });
  });

  it("reports-a-recheck-that-finds-nothing-as-already-checked", async () => {
    const capitalised = { ...newGoogle, email: "Jane@Example.com" };
    const port = new FakeManagementPort([structuredClone(capitalised)]);
    const event = loginEvent(
      { ...capitalised, app_metadata: { [MARKER_KEY]: markerFor("jane@example.com") } },
      "google",
    );
    const run = await runLogin(event, port);
    expect(run.log).toMatchObject({
      outcome: "skipped",
      reason: "already_checked",
      management_api_calls: 1,
    });
    expect(run.appMetadata).toEqual({});
  });

  it("ignores-a-marker-forged-in-user-metadata", async () => {
    const port = tenantWithBoth();
    const event = loginEvent(
      { ...newGoogle, user_metadata: { [MARKER_KEY]: markerFor("jane@example.com") } },
      "google",
    );
    const run = await runLogin(event, port);
    expect(run.log).toMatchObject({ outcome: "linked" });
  });

  it("trusts-an-enterprise-connection-only-when-listed", async () => {
    const enterprise = account("okta", "ent", { created_at: "2025-06-01T00:00:00.000Z" });
    const port = new FakeManagementPort([
      structuredClone(olderDatabase),
      structuredClone(enterprise),
    ]);
    const event = loginEvent(
      enterprise,
      "okta",
      {},
      {
        TRUSTED_CONNECTIONS: "acme-okta,Username-Password-Authentication",
      },
    );
    const run = await runLogin(event, port);
    expect(run.log).toMatchObject({ outcome: "linked", primary_user_id: olderDatabase.user_id });
  });
});

describe("misconfigured secrets", () => {
  it("logs-the-secret-name-and-lets-the-login-continue", async () => {
    const port = tenantWithBoth();
    const run = await runLogin(
      loginEvent(newGoogle, "google", {}, { LINKING_MODE: "sometimes" }),
      port,
    );
    expect(run.log).toMatchObject({
      outcome: "error",
      reason: "config_invalid",
      secret: "LINKING_MODE",
    });
    expect(port.calls).toEqual([]);
    expect(run.denied).toEqual([]);
  });

  it("denies-the-login-when-configured-to-deny-on-errors", async () => {
    const port = tenantWithBoth();
    const event = loginEvent(
      newGoogle,
      "google",
      {},
      { AUTH0_DOMAIN: "https://x.example.com", ON_ERROR: "deny" },
    );
    const run = await runLogin(event, port);
    expect(run.log).toMatchObject({ reason: "config_invalid", secret: "AUTH0_DOMAIN" });
    expect(run.denied).toHaveLength(1);
    expect(port.calls).toEqual([]);
  });

  it("never-logs-the-client-secret-when-it-is-missing-or-wrong", async () => {
    const port = tenantWithBoth();
    const event = loginEvent(newGoogle, "google", {}, { AUTH0_CLIENT_SECRET: "" });
    const run = await runLogin(event, port);
    expect(run.log).toMatchObject({ reason: "config_invalid", secret: "AUTH0_CLIENT_SECRET" });
    expect(JSON.stringify(run.log)).not.toContain(secrets.AUTH0_CLIENT_SECRET);
  });
});
