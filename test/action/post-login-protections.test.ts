import { describe, expect, it } from "vitest";
import { MARKER_KEY } from "../../src/linking/marker";
import { FakeManagementPort, type FakeUser } from "./support/fake-management-port";
import { account, loginEvent } from "./support/post-login-fixtures";
import { runLogin } from "./support/run-login";

const olderDatabase = account("database", "older", { created_at: "2020-01-01T00:00:00.000Z" });
const newGoogle = account("google", "new", { created_at: "2025-01-01T00:00:00.000Z" });
const withMfa = { multifactor: ["guardian"] };
const completedMfa = { authentication: { methods: [{ name: "pwd" }, { name: "mfa" }] } };

function tenant(...users: (typeof olderDatabase)[]) {
  return new FakeManagementPort(users.map((user) => structuredClone(user)));
}

describe("protections checked before any request", () => {
  it.each([
    ["a future protocol", { transaction: { protocol: "oauth2-ciba" } }, "unknown_protocol"],
    ["no protocol at all", { transaction: {} }, "unknown_protocol"],
    ["wstrust", { transaction: { protocol: "wstrust-usernamemixed" } }, "non_interactive_protocol"],
    [
      "an organization login",
      { organization: { id: "org_0000000000000001", name: "acme" } },
      "organization_login",
    ],
  ])("skips %s", async (_case, overrides, reason) => {
    const port = tenant(olderDatabase, newGoogle);
    const run = await runLogin(loginEvent(newGoogle, "google", overrides), port);
    expect(run.log).toMatchObject({ outcome: "skipped", reason, management_api_calls: 0 });
    expect(port.calls).toEqual([]);
  });

  it("skips-a-blocked-user", async () => {
    const blocked = { ...newGoogle, blocked: true };
    const port = tenant(olderDatabase, blocked);
    const run = await runLogin(loginEvent(blocked, "google"), port);
    expect(run.log).toMatchObject({ reason: "blocked_account", management_api_calls: 0 });
  });
});

describe("MFA", () => {
  it("refuses-to-move-the-session-onto-an-mfa-account-even-after-mfa", async () => {
    const victim = { ...olderDatabase, ...withMfa };
    for (const overrides of [{}, completedMfa]) {
      const port = tenant(victim, newGoogle);
      const run = await runLogin(loginEvent(newGoogle, "google", overrides), port);
      expect(run.log).toMatchObject({ outcome: "skipped", reason: "mfa_required", links: 0 });
      expect(run.primaryUser).toEqual([]);
      expect(run.appMetadata).toEqual({});
      expect(port.calls.some((call) => call.op === "linkIdentity")).toBe(false);
    }
  });

  it("links-into-the-mfa-account-at-its-own-login-that-completed-mfa", async () => {
    const owner = { ...olderDatabase, ...withMfa };
    const port = tenant(owner, newGoogle);
    const run = await runLogin(loginEvent(owner, "database", completedMfa), port);
    expect(run.log).toMatchObject({ outcome: "linked", primary_user_id: owner.user_id });
    expect(run.primaryUser).toEqual([]);
    expect(port.user(owner.user_id)?.identities).toHaveLength(2);
  });

  it("links-nothing-at-the-mfa-account-own-login-without-mfa", async () => {
    const owner = { ...olderDatabase, ...withMfa };
    const port = tenant(owner, newGoogle);
    const run = await runLogin(loginEvent(owner, "database"), port);
    expect(run.log).toMatchObject({ reason: "mfa_required" });
    expect(run.appMetadata[MARKER_KEY]).toBeUndefined();
  });

  it("makes-a-newer-mfa-account-the-primary-of-an-older-one-without", async () => {
    const mfaGoogle = { ...newGoogle, ...withMfa };
    const port = tenant(olderDatabase, mfaGoogle);
    const run = await runLogin(loginEvent(mfaGoogle, "google", completedMfa), port);
    expect(run.log).toMatchObject({ outcome: "linked", primary_user_id: mfaGoogle.user_id });
  });

  it.each([
    ["link", {}],
    ["off", { LINKING_MODE: "off" }],
    ["a broken configuration", { AUTH0_DOMAIN: "https://x" }],
  ])("requires-mfa-through-a-linked-identity-of-an-mfa-user-in-mode-%s", async (_mode, settings) => {
    const linkedUser = {
      ...olderDatabase,
      ...withMfa,
      identities: [...olderDatabase.identities, ...newGoogle.identities],
    };
    const run = await runLogin(loginEvent(linkedUser, "google", {}, settings), tenant(linkedUser));
    expect(run.multifactor).toEqual([{ provider: "any", options: { allowRememberBrowser: true } }]);
    expect(run.log).toMatchObject({ mfa_challenged: true });
  });

  it("asks-no-factor-through-the-main-identity-or-once-mfa-is-done", async () => {
    const linkedUser = {
      ...olderDatabase,
      ...withMfa,
      identities: [...olderDatabase.identities, ...newGoogle.identities],
    };
    for (const event of [
      loginEvent(linkedUser, "database"),
      loginEvent(linkedUser, "google", completedMfa),
    ]) {
      const run = await runLogin(event, tenant(linkedUser));
      expect(run.multifactor).toEqual([]);
      expect(run.log.mfa_challenged).toBeUndefined();
    }
  });
});

describe("factors multifactor does not show", () => {
  it("treats-an-account-whose-only-factor-is-webauthn-or-email-as-mfa-enrolled", async () => {
    const port = tenant(olderDatabase, newGoogle).withUnlistedFactor(olderDatabase.user_id);
    const run = await runLogin(loginEvent(newGoogle, "google"), port);
    expect(run.log).toMatchObject({ outcome: "skipped", reason: "mfa_required", links: 0 });
    expect(run.primaryUser).toEqual([]);
    expect(port.calls).toContainEqual({ op: "hasSecondFactor", userId: olderDatabase.user_id });
    expect(port.calls.some((call) => call.op === "linkIdentity")).toBe(false);
  });

  it("never-makes-such-an-account-the-secondary-of-one-without-a-factor", async () => {
    const mfaGoogle = structuredClone(newGoogle);
    const port = tenant(olderDatabase, mfaGoogle).withUnlistedFactor(mfaGoogle.user_id);
    // The older account logs in: without the read, the newer one would become its secondary.
    const run = await runLogin(loginEvent(olderDatabase, "database"), port);
    expect(run.log).toMatchObject({ reason: "mfa_required", primary_user_id: mfaGoogle.user_id });
    expect(port.user(mfaGoogle.user_id)).toBeDefined();
    expect(port.calls.some((call) => call.op === "linkIdentity")).toBe(false);
  });

  it("links-when-no-account-has-any-factor", async () => {
    const port = tenant(olderDatabase, newGoogle);
    const run = await runLogin(loginEvent(newGoogle, "google"), port);
    expect(run.log).toMatchObject({ outcome: "linked", primary_user_id: olderDatabase.user_id });
    // The person logging in is settled by the event's own list of factors.
    expect(port.calls.filter((call) => call.op === "hasSecondFactor")).toEqual([
      { op: "hasSecondFactor", userId: olderDatabase.user_id },
    ]);
  });

  it("reads-the-logging-in-account-too-when-the-event-lists-no-factors", async () => {
    const port = tenant(olderDatabase, newGoogle).withUnlistedFactor(newGoogle.user_id);
    const event = loginEvent(newGoogle, "google");
    delete event.user.enrolledFactors;
    const run = await runLogin(event, port);
    // Unread, the logging-in account would have become the older one's secondary, factor lost.
    expect(run.log).toMatchObject({ reason: "mfa_required", primary_user_id: newGoogle.user_id });
    expect(port.calls.some((call) => call.op === "linkIdentity")).toBe(false);
    expect(port.calls).toContainEqual({ op: "hasSecondFactor", userId: newGoogle.user_id });
  });

  it("reads-nothing-multifactor-settles-or-no-plan-needs", async () => {
    const port = tenant({ ...olderDatabase, ...withMfa }, newGoogle, {
      ...account("google", "unverified"),
      email_verified: false,
    });
    await runLogin(loginEvent(newGoogle, "google"), port);
    expect(port.calls.some((call) => call.op === "hasSecondFactor")).toBe(false);

    const alone = tenant(newGoogle);
    await runLogin(loginEvent(newGoogle, "google"), alone);
    expect(alone.calls.some((call) => call.op === "hasSecondFactor")).toBe(false);
  });

  it("sends-the-factor-reads-together-with-the-database-connections", async () => {
    let factorReadBeforeConnections = false;
    let connectionsAnswered = false;
    const port = tenant(olderDatabase, newGoogle);
    const listConnections = port.listDatabaseConnections.bind(port);
    port.listDatabaseConnections = async () => {
      await new Promise((resolve) => setImmediate(resolve));
      connectionsAnswered = true;
      return listConnections();
    };
    const readFactor = port.hasSecondFactor.bind(port);
    port.hasSecondFactor = (userId) => {
      factorReadBeforeConnections ||= !connectionsAnswered;
      return readFactor(userId);
    };
    const run = await runLogin(loginEvent(newGoogle, "google"), port);
    expect(run.log).toMatchObject({ outcome: "linked" });
    expect(factorReadBeforeConnections).toBe(true);
  });

  it("links-nothing-and-writes-no-marker-when-the-factors-cannot-be-read", async () => {
    const port = tenant(olderDatabase, newGoogle).failOn("hasSecondFactor", {
      kind: "client_error",
      status: 403,
      message: "Insufficient scope, expected any of: read:authentication_methods",
    });
    const run = await runLogin(loginEvent(newGoogle, "google"), port);
    expect(run.log).toMatchObject({
      outcome: "error",
      reason: "factor_lookup_failed",
      failure: { kind: "client_error", status: 403 },
    });
    expect(run.appMetadata).toEqual({});
    expect(run.denied).toEqual([]);
    expect(port.calls.some((call) => call.op === "linkIdentity")).toBe(false);
  });
});

describe("database connections", () => {
  const legacy = account("database", "legacy", { created_at: "2019-01-01T00:00:00.000Z" });

  it("links-nothing-into-a-custom-database-account", async () => {
    const port = new FakeManagementPort(
      [structuredClone(legacy), structuredClone(newGoogle)],
      [
        {
          name: "Username-Password-Authentication",
          strategy: "auth0",
          options: { enabledDatabaseCustomization: true },
        },
      ],
    );
    const run = await runLogin(loginEvent(newGoogle, "google"), port);
    expect(run.log).toMatchObject({ reason: "no_candidates" });
    expect(port.calls.some((call) => call.op === "linkIdentity")).toBe(false);
  });

  it("trusts-no-database-when-the-connections-cannot-be-read-and-writes-no-marker", async () => {
    const port = tenant(olderDatabase, newGoogle).failOn("listDatabaseConnections", {
      kind: "client_error",
      status: 403,
      message: "Insufficient scope, expected any of: read:connections",
    });
    const run = await runLogin(loginEvent(newGoogle, "google"), port);
    expect(run.log).toMatchObject({
      outcome: "error",
      reason: "connection_lookup_failed",
      failure: { kind: "client_error", status: 403 },
    });
    expect(run.appMetadata).toEqual({});
    expect(run.denied).toEqual([]);
  });

  it("reads-the-connections-once-per-cache-lifetime", async () => {
    const port = tenant(olderDatabase, newGoogle);
    const first = await runLogin(loginEvent(newGoogle, "google"), port);
    expect(first.log).toMatchObject({ outcome: "linked" });
    expect(port.calls.filter((call) => call.op === "listDatabaseConnections")).toHaveLength(1);
  });

  // Auth0 answers a token without read:connections_options with no `options`: the database may
  // be a custom one as well as the built-in one.
  describe("listed without their options", () => {
    const withoutOptions = [{ name: "Username-Password-Authentication", strategy: "auth0" }];
    const withheldTenant = () =>
      new FakeManagementPort(
        [structuredClone(olderDatabase), structuredClone(newGoogle)],
        withoutOptions,
      );

    it("links-no-database-account-into-a-google-login", async () => {
      const port = withheldTenant();
      const run = await runLogin(loginEvent(newGoogle, "google"), port);
      expect(run.log).toMatchObject({ outcome: "skipped", reason: "no_candidates" });
      expect(port.calls.some((call) => call.op === "linkIdentity")).toBe(false);
    });

    it("refuses-a-database-login-with-its-own-reason-and-links-nothing", async () => {
      const port = withheldTenant();
      const run = await runLogin(loginEvent(olderDatabase, "database"), port);
      expect(run.log).toMatchObject({
        outcome: "skipped",
        reason: "database_options_withheld",
      });
      expect(port.calls.some((call) => call.op === "linkIdentity")).toBe(false);
      expect(run.appMetadata).toEqual({});
    });

    it("links-once-an-administrator-names-the-database", async () => {
      const port = withheldTenant();
      const run = await runLogin(
        loginEvent(
          newGoogle,
          "google",
          {},
          { TRUSTED_CONNECTIONS: "Username-Password-Authentication,google-oauth2" },
        ),
        port,
      );
      expect(run.log).toMatchObject({ outcome: "linked" });
    });
  });

  it("reads-no-connection-when-trusted-connections-are-listed", async () => {
    const port = tenant(olderDatabase, newGoogle);
    const run = await runLogin(
      loginEvent(
        newGoogle,
        "google",
        {},
        {
          TRUSTED_CONNECTIONS: "Username-Password-Authentication,google-oauth2",
        },
      ),
      port,
    );
    expect(run.log).toMatchObject({ outcome: "linked" });
    expect(port.calls.some((call) => call.op === "listDatabaseConnections")).toBe(false);
  });
});

describe("concurrent logins", () => {
  it("counts-a-link-another-login-made-into-the-same-primary-as-done", async () => {
    const port = tenant(olderDatabase, newGoogle).linkedElsewhere(
      newGoogle.user_id,
      olderDatabase.user_id,
    );
    const run = await runLogin(loginEvent(newGoogle, "google"), port);
    expect(run.log).toMatchObject({ outcome: "linked", links: 1 });
    expect(run.primaryUser).toEqual([olderDatabase.user_id]);
  });

  it("reports-the-unplanned-merge-when-another-login-linked-the-secondary-elsewhere", async () => {
    // Not a candidate of this plan (unverified), yet another login's primary. Auth0 does not
    // refuse the link: it moves that account whole into this plan's primary.
    const otherPrimary = account("database", "other", { email_verified: false });
    const port = tenant(olderDatabase, newGoogle, otherPrimary).linkedElsewhere(
      newGoogle.user_id,
      otherPrimary.user_id,
    );
    const run = await runLogin(loginEvent(newGoogle, "google"), port);
    expect(run.log).toMatchObject({
      outcome: "error",
      reason: "unplanned_identities_linked",
      links: 1,
      primary_user_id: olderDatabase.user_id,
      unplanned_identities: [otherPrimary.user_id],
    });
    // The identity that logged in is the primary's now: the session follows it, nobody is denied.
    expect(run.primaryUser).toEqual([olderDatabase.user_id]);
    expect(run.denied).toEqual([]);
    expect(run.appMetadata).toEqual({});
    expect(port.calls.filter((call) => call.op === "updateMetadata")).toEqual([]);
  });

  it("finishes-the-plan-after-an-unplanned-merge", async () => {
    // Stopping short of the logging-in account's link could leave the session on an account a
    // concurrent login is linking away.
    const middle = account("google", "middle", { created_at: "2023-01-01T00:00:00.000Z" });
    const otherPrimary = account("database", "other", { email_verified: false });
    const port = tenant(olderDatabase, middle, newGoogle, otherPrimary).linkedElsewhere(
      middle.user_id,
      otherPrimary.user_id,
    );
    const run = await runLogin(loginEvent(newGoogle, "google"), port);
    expect(run.log).toMatchObject({
      reason: "unplanned_identities_linked",
      links: 2,
      unplanned_identities: [otherPrimary.user_id],
    });
    expect(port.user(newGoogle.user_id)).toBeUndefined();
    expect(run.primaryUser).toEqual([olderDatabase.user_id]);
  });

  it("links-without-an-incident-when-nobody-raced", async () => {
    const otherPrimary = account("database", "other", { email_verified: false });
    const port = tenant(olderDatabase, newGoogle, otherPrimary);
    const run = await runLogin(loginEvent(newGoogle, "google"), port);
    expect(run.log).toMatchObject({ outcome: "linked", links: 1 });
    expect(run.log).not.toHaveProperty("unplanned_identities");
    expect(port.user(otherPrimary.user_id)).toBeDefined();
  });

  it("refuses-the-login-rather-than-end-it-on-a-deleted-user", async () => {
    // Stored with capitals: users-by-email cannot find it from this login.
    const hidden = account("google", "hidden", { email: "Jane@Example.com" });
    const port = tenant(olderDatabase, newGoogle, hidden);
    const link = port.linkIdentity.bind(port);
    port.linkIdentity = async (primary, identity, options) => {
      // Another login linked both accounts of this plan into the one this login cannot find.
      for (const linked of [olderDatabase, newGoogle]) {
        const user = port.user(linked.user_id);
        port.user(hidden.user_id)?.identities.push(...(user?.identities ?? []));
        port.users.splice(port.users.indexOf(user as FakeUser), 1);
      }
      return link(primary, identity, options);
    };
    const run = await runLogin(loginEvent(newGoogle, "google"), port);
    expect(run.primaryUser).toEqual([]);
    expect(run.denied).toHaveLength(1);
    expect(run.log).toMatchObject({ outcome: "error", reason: "link_failed" });
  });
});

describe("organization memberships of a secondary", () => {
  it("links-nothing-when-the-secondary-is-a-member-of-an-organization", async () => {
    const port = tenant(olderDatabase, newGoogle).memberOfAnOrganization(newGoogle.user_id);
    const run = await runLogin(loginEvent(newGoogle, "google"), port);
    expect(run.log).toMatchObject({ outcome: "skipped", reason: "secondary_in_organization" });
    expect(port.calls).toContainEqual({
      op: "anyEntryOf",
      holding: "organizations",
      userId: newGoogle.user_id,
    });
    expect(port.calls.some((call) => call.op === "linkIdentity")).toBe(false);
    expect(run.primaryUser).toEqual([]);
    expect(run.denied).toEqual([]);
  });

  it("links-when-only-the-primary-is-a-member", async () => {
    const port = tenant(olderDatabase, newGoogle).memberOfAnOrganization(olderDatabase.user_id);
    const run = await runLogin(loginEvent(newGoogle, "google"), port);
    expect(run.log).toMatchObject({ outcome: "linked" });
    expect(
      port.calls.filter((call) => call.op === "anyEntryOf" && call.holding === "organizations"),
    ).toEqual([{ op: "anyEntryOf", holding: "organizations", userId: newGoogle.user_id }]);
  });

  it("asks-nothing-when-there-is-nothing-to-link", async () => {
    const port = tenant(olderDatabase);
    const run = await runLogin(loginEvent(olderDatabase, "database"), port);
    expect(run.log).toMatchObject({ reason: "no_candidates" });
    expect(
      port.calls.some((call) => call.op === "anyEntryOf" && call.holding === "organizations"),
    ).toBe(false);
  });
});

describe("roles and permissions of a secondary", () => {
  it("links-nothing-when-the-secondary-has-a-role", async () => {
    const port = tenant(olderDatabase, newGoogle).withRole(newGoogle.user_id);
    const run = await runLogin(loginEvent(newGoogle, "google"), port);
    expect(run.log).toMatchObject({ outcome: "skipped", reason: "secondary_has_roles", links: 0 });
    expect(port.calls).toContainEqual({
      op: "anyEntryOf",
      holding: "roles",
      userId: newGoogle.user_id,
    });
    expect(port.calls.some((call) => call.op === "linkIdentity")).toBe(false);
    expect(port.calls.some((call) => call.op === "updateMetadata")).toBe(false);
    expect(run.appMetadata).toEqual({});
    expect(run.primaryUser).toEqual([]);
  });

  it("links-nothing-when-the-secondary-has-a-permission-assigned-directly", async () => {
    const port = tenant(olderDatabase, newGoogle).withPermission(newGoogle.user_id);
    const run = await runLogin(loginEvent(newGoogle, "google"), port);
    expect(run.log).toMatchObject({ outcome: "skipped", reason: "secondary_has_permissions" });
    expect(port.calls).toContainEqual({
      op: "anyEntryOf",
      holding: "permissions",
      userId: newGoogle.user_id,
    });
    expect(port.calls.some((call) => call.op === "linkIdentity")).toBe(false);
  });

  it("links-nothing-when-the-older-account's-login-would-pull-in-a-secondary-with-a-role", async () => {
    const port = tenant(olderDatabase, newGoogle).withRole(newGoogle.user_id);
    const run = await runLogin(loginEvent(olderDatabase, "database"), port);
    expect(run.log).toMatchObject({ reason: "secondary_has_roles", links: 0 });
    expect(port.calls.some((call) => call.op === "linkIdentity")).toBe(false);
  });

  it("links-when-only-the-primary-has-roles-and-permissions", async () => {
    const port = tenant(olderDatabase, newGoogle)
      .withRole(olderDatabase.user_id)
      .withPermission(olderDatabase.user_id);
    const run = await runLogin(loginEvent(newGoogle, "google"), port);
    expect(run.log).toMatchObject({ outcome: "linked" });
    // Only the secondary's lists are read: the primary's user id, and what it holds, survive.
    expect(
      port.calls.filter(
        (call) =>
          (call.op === "anyEntryOf" && call.holding === "roles") ||
          (call.op === "anyEntryOf" && call.holding === "permissions"),
      ),
    ).toEqual([
      { op: "anyEntryOf", holding: "roles", userId: newGoogle.user_id },
      { op: "anyEntryOf", holding: "permissions", userId: newGoogle.user_id },
    ]);
  });

  // A dry run reports what link mode would do: a link the secondary's role refuses is no
  // would_link, or the dry run would promise a link the real mode never makes.
  it("dry-run-reports-the-role-refusal-not-a-link", async () => {
    const port = tenant(olderDatabase, newGoogle).withRole(newGoogle.user_id);
    const event = loginEvent(newGoogle, "google", {}, { LINKING_MODE: "dry-run" });
    const run = await runLogin(event, port);
    expect(run.log).toMatchObject({ outcome: "skipped", reason: "secondary_has_roles", links: 0 });
    expect(port.calls.some((call) => call.op === "updateMetadata")).toBe(false);
  });

  it("dry-run-reports-would-link-when-the-secondary-holds-nothing", async () => {
    const port = tenant(olderDatabase, newGoogle);
    const event = loginEvent(newGoogle, "google", {}, { LINKING_MODE: "dry-run" });
    const run = await runLogin(event, port);
    expect(run.log).toMatchObject({ outcome: "dry-run", reason: "would_link", links: 1 });
  });

  it("sends-the-membership-role-and-permission-reads-together", async () => {
    const port = tenant(olderDatabase, newGoogle);
    const run = await runLogin(loginEvent(newGoogle, "google"), port);
    expect(run.log).toMatchObject({ outcome: "linked" });
    // All three were unanswered at once: the login waits one round trip for them, not three.
    expect(port.mostHoldingReadsInFlight).toBe(3);
  });

  it.each([
    {
      holding: "organizations",
      reason: "organization_lookup_failed",
      message: "Insufficient scope; expected any of: read:users, read:organizations.",
    },
    {
      holding: "roles",
      reason: "authorization_lookup_failed",
      message: "Insufficient scope",
    },
    {
      holding: "permissions",
      reason: "authorization_lookup_failed",
      message: "Insufficient scope",
    },
  ] as const)("fails-closed-without-a-marker-when-the-$holding-cannot-be-read", async ({
    holding,
    reason,
    message,
  }) => {
    const port = tenant(olderDatabase, newGoogle).failOnHolding(holding, {
      kind: "client_error",
      status: 403,
      message,
    });
    const run = await runLogin(loginEvent(newGoogle, "google"), port);
    expect(run.log).toMatchObject({
      outcome: "error",
      reason,
      failure: { kind: "client_error", status: 403 },
    });
    expect(port.calls.some((call) => call.op === "linkIdentity")).toBe(false);
    expect(run.appMetadata).toEqual({});
    expect(run.denied).toEqual([]);
  });

  it("keeps-organization-lookup-failed-when-the-membership-read-fails-too", async () => {
    const failure = { kind: "server_error" as const, status: 503, message: "Service Unavailable" };
    const port = tenant(olderDatabase, newGoogle)
      .failOnHolding("organizations", failure)
      .failOnHolding("roles", failure);
    const run = await runLogin(loginEvent(newGoogle, "google"), port);
    expect(run.log).toMatchObject({ outcome: "error", reason: "organization_lookup_failed" });
    expect(port.calls.some((call) => call.op === "linkIdentity")).toBe(false);
  });

  it("reads-no-roles-when-there-is-nothing-to-link", async () => {
    const port = tenant(olderDatabase).withRole(olderDatabase.user_id);
    const run = await runLogin(loginEvent(olderDatabase, "database"), port);
    expect(run.log).toMatchObject({ reason: "no_candidates" });
    expect(port.calls.some((call) => call.op === "anyEntryOf" && call.holding === "roles")).toBe(
      false,
    );
    expect(
      port.calls.some((call) => call.op === "anyEntryOf" && call.holding === "permissions"),
    ).toBe(false);
  });
});
