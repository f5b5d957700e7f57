import { describe, expect, it } from "vitest";
import { email, localTenant, loginOk, logins, logLine } from "./local-tenant-fixture";

describe("the built Action, run by the local runtime against the emulator over HTTPS", () => {
  it("links-a-google-login-into-the-older-verified-password-account", async () => {
    const tenant = await localTenant();
    const first = await loginOk(tenant, logins.password());
    expect(logLine(first)).toMatchObject({ outcome: "skipped", reason: "no_candidates" });

    const google = await loginOk(tenant, logins.google());
    expect(logLine(google)).toMatchObject({
      outcome: "linked",
      primary_user_id: first.sessionUserId,
      current_became_secondary: true,
      links: 1,
    });
    expect(google.sessionUserId).toBe(first.sessionUserId);
    const users = tenant.state.usersByEmail(email);
    expect(users).toHaveLength(1);
    expect(users[0]?.identities.map((i) => i.provider)).toEqual(["auth0", "google-oauth2"]);
  });

  it("costs-no-management-api-request-for-a-returning-person", async () => {
    const tenant = await localTenant();
    await loginOk(tenant, logins.password());
    await loginOk(tenant, logins.google());
    for (const input of [logins.google(), logins.password()]) {
      const again = await loginOk(tenant, input);
      expect(logLine(again)).toMatchObject({ reason: "already_checked", management_api_calls: 0 });
      expect(again.managementApiCalls).toEqual([]);
    }
  });

  it("reuses-its-token-across-logins-of-one-instance-and-gets-a-new-one-after-a-restart", async () => {
    const tenant = await localTenant();
    const first = await loginOk(
      tenant,
      logins.password({ providerUserId: "a", email: "a@example.com" }),
    );
    const second = await loginOk(
      tenant,
      logins.password({ providerUserId: "b", email: "b@example.com" }),
    );
    expect(logLine(first)).toMatchObject({ token_requests: 1 });
    expect(logLine(second)).toMatchObject({ token_requests: 0 });
    tenant.action.restart();
    const third = await loginOk(
      tenant,
      logins.password({ providerUserId: "c", email: "c@example.com" }),
    );
    expect(logLine(third)).toMatchObject({ token_requests: 1 });
  });

  it("finds-the-lower-case-account-from-a-login-whose-provider-capitalises-the-address", async () => {
    const tenant = await localTenant();
    const password = await loginOk(tenant, logins.password());
    const google = await loginOk(tenant, logins.google({ email: "Jane@Example.COM" }));
    expect(logLine(google)).toMatchObject({
      outcome: "linked",
      primary_user_id: password.sessionUserId,
    });
    const lookups = google.managementApiCalls.filter((c) => c.endpointKey === "users-by-email");
    expect(lookups).toHaveLength(2);
    expect(google.sessionUserId).toBe(password.sessionUserId);
  });

  it("links-a-lower-case-sign-up-at-the-next-login-of-an-account-stored-with-capitals", async () => {
    const tenant = await localTenant();
    const google = await loginOk(tenant, logins.google({ email: "Jane@Example.com" }));
    const checked = await loginOk(tenant, logins.google({ email: "Jane@Example.com" }));
    expect(logLine(checked)).toMatchObject({ reason: "already_checked", management_api_calls: 1 });
    // The sign-up cannot find the capitals (users-by-email is case-sensitive)...
    const password = await loginOk(tenant, logins.password());
    expect(logLine(password)).toMatchObject({ reason: "no_candidates" });
    // ...so the capitalised account asks for its lower-case form at each login, and finds it. The
    // lower-case account is the primary: every login of the person can find it.
    const again = await loginOk(tenant, logins.google({ email: "Jane@Example.com" }));
    expect(logLine(again)).toMatchObject({
      outcome: "linked",
      primary_user_id: password.sessionUserId,
      current_became_secondary: true,
    });
    expect(again.sessionUserId).toBe(password.sessionUserId);
    expect(tenant.state.getUser(password.sessionUserId as string)?.identities).toHaveLength(2);
    expect(tenant.state.getUser(google.sessionUserId as string)).toBeUndefined();
  });

  it("leaves-unverified-and-enterprise-accounts-with-the-same-address-alone", async () => {
    const tenant = await localTenant();
    const attacker = await loginOk(tenant, logins.password({ emailVerified: false }));
    expect(logLine(attacker)).toMatchObject({
      reason: "email_not_verified",
      management_api_calls: 0,
    });
    const enterprise = await loginOk(tenant, logins.okta());
    expect(logLine(enterprise)).toMatchObject({ reason: "untrusted_connection" });
    const google = await loginOk(tenant, logins.google());
    expect(logLine(google)).toMatchObject({ outcome: "skipped", reason: "no_candidates" });
    expect(tenant.state.usersByEmail(email)).toHaveLength(3);
  });

  it("links-every-account-under-the-one-that-already-has-linked-identities", async () => {
    const tenant = await localTenant();
    const password = await loginOk(tenant, logins.password());
    await loginOk(tenant, logins.google());
    const apple = await loginOk(tenant, logins.apple());
    expect(logLine(apple)).toMatchObject({
      outcome: "linked",
      primary_user_id: password.sessionUserId,
    });
    expect(tenant.state.getUser(password.sessionUserId as string)?.identities).toHaveLength(3);
  });

  it("carries-user-metadata-and-allowed-app-metadata-but-never-roles", async () => {
    const tenant = await localTenant({ settings: { MERGE_APP_METADATA_KEYS: "crm_id" } });
    const password = await loginOk(tenant, logins.password());
    const primaryId = password.sessionUserId as string;
    tenant.state.updateUser(primaryId, {
      user_metadata: { theme: "dark" },
      app_metadata: { roles: ["user"] },
    });
    const googleUser = tenant.state.createUser({
      connection: "google-oauth2",
      providerUserId: "g-meta",
      email,
      email_verified: true,
    });
    tenant.state.updateUser(googleUser.user_id, {
      user_metadata: { theme: "light", newsletter: true },
      app_metadata: { roles: ["admin"], crm_id: "c-7" },
    });
    const google = await loginOk(tenant, logins.google({ providerUserId: "g-meta" }));
    expect(google.sessionUserId).toBe(primaryId);
    const primary = tenant.state.getUser(primaryId);
    expect(primary?.user_metadata).toEqual({ theme: "dark", newsletter: true });
    expect(primary?.app_metadata).toMatchObject({ roles: ["user"], crm_id: "c-7" });
  });

  it("dry-run-logs-the-decision-and-changes-nothing", async () => {
    const tenant = await localTenant({ settings: { LINKING_MODE: "dry-run" } });
    await loginOk(tenant, logins.password());
    const before = tenant.state.snapshot();
    const google = await loginOk(tenant, logins.google());
    expect(logLine(google)).toMatchObject({ outcome: "dry-run", reason: "would_link", links: 1 });
    expect(
      google.managementApiCalls.every((c) => c.method === "GET" || c.endpointKey === "token"),
    ).toBe(true);
    const after = tenant.state.snapshot();
    expect(after.filter((u) => u.email === email)).toHaveLength(2);
    expect(after.find((u) => u.user_id === before[0]?.user_id)).toEqual(before[0]);
  });

  it("skips-refresh-token-exchanges-without-a-request", async () => {
    const tenant = await localTenant();
    await loginOk(tenant, logins.password());
    const refresh = await loginOk(tenant, logins.google({ protocol: "oauth2-refresh-token" }));
    expect(logLine(refresh)).toMatchObject({ reason: "non_interactive_protocol" });
    expect(refresh.managementApiCalls).toEqual([]);
  });

  it("links-nothing-when-two-accounts-already-have-linked-identities", async () => {
    const tenant = await localTenant();
    for (const [a, b] of [
      ["p1", "g1"],
      ["p2", "g2"],
    ] as const) {
      const primary = tenant.state.createUser({
        connection: "Username-Password-Authentication",
        providerUserId: a,
        email,
        email_verified: true,
      });
      const secondary = tenant.state.createUser({
        connection: "google-oauth2",
        providerUserId: b,
        email,
        email_verified: true,
      });
      tenant.state.linkIdentity(primary.user_id, {
        provider: "google-oauth2",
        user_id: secondary.user_id.split("|")[1] as string,
      });
    }
    const apple = await loginOk(tenant, logins.apple());
    expect(logLine(apple)).toMatchObject({ outcome: "skipped", reason: "ambiguous_primary" });
    expect(apple.managementApiCalls.some((c) => c.endpointKey === "link-identity")).toBe(false);
  });
});
