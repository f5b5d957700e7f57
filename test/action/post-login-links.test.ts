import { describe, expect, it } from "vitest";
import { hashEmail } from "../../src/linking/email-hash";
import { buildMarker, MARKER_KEY } from "../../src/linking/marker";
import { FakeManagementPort } from "./support/fake-management-port";
import { account, connections, loginEvent, secrets } from "./support/post-login-fixtures";
import { runLogin } from "./support/run-login";

const olderDatabase = account("database", "older", {
  created_at: "2020-01-01T00:00:00.000Z",
  user_metadata: { theme: "dark", locale: "fr" },
  app_metadata: { roles: ["admin"], plan: "pro" },
});
const newGoogle = account("google", "new", {
  created_at: "2025-01-01T00:00:00.000Z",
  user_metadata: { locale: "en", newsletter: true },
  app_metadata: { roles: ["viewer"], plan: "free", crm_id: "c-42" },
});

// What a check costs before it decides: the lookup, what kind of database each account is in and
// which accounts have a factor.
const readOnlyOps = new Set([
  "usersByEmail",
  "listDatabaseConnections",
  "hasSecondFactor",
  "anyEntryOf",
]);

describe("linking at login", () => {
  it("links-google-login-into-older-database-account", async () => {
    const port = new FakeManagementPort([
      structuredClone(olderDatabase),
      structuredClone(newGoogle),
    ]);
    const run = await runLogin(loginEvent(newGoogle, "google"), port);

    expect(run.log).toMatchObject({
      outcome: "linked",
      reason: "linked",
      primary_user_id: olderDatabase.user_id,
      current_became_secondary: true,
      candidates: 1,
      links: 1,
    });
    expect(run.primaryUser).toEqual([olderDatabase.user_id]);
    const link = port.calls.find((c) => c.op === "linkIdentity");
    expect(link).toEqual({
      op: "linkIdentity",
      primaryUserId: olderDatabase.user_id,
      identity: {
        provider: "google-oauth2",
        providerUserId: "new",
        connectionId: connections.google.id,
      },
      mustFinish: true,
    });
    expect(port.user(newGoogle.user_id)).toBeUndefined();
    expect(port.user(olderDatabase.user_id)?.identities).toHaveLength(2);
  });

  it("carries-secondary-user-metadata-the-primary-lacks-before-linking", async () => {
    const port = new FakeManagementPort([
      structuredClone(olderDatabase),
      structuredClone(newGoogle),
    ]);
    await runLogin(loginEvent(newGoogle, "google"), port);

    const ops = port.calls.map((c) => c.op);
    expect(ops.indexOf("updateMetadata")).toBeLessThan(ops.indexOf("linkIdentity"));
    expect(port.calls[ops.indexOf("updateMetadata")]).toMatchObject({
      patch: { user_metadata: { newsletter: true } },
    });
    expect(port.user(olderDatabase.user_id)?.user_metadata).toEqual({
      theme: "dark",
      locale: "fr",
      newsletter: true,
    });
  });

  it("never-carries-roles-and-carries-only-allowed-app-metadata-keys", async () => {
    const primaryWithoutCrm = structuredClone(olderDatabase);
    const port = new FakeManagementPort([primaryWithoutCrm, structuredClone(newGoogle)]);
    await runLogin(
      loginEvent(newGoogle, "google", {}, { MERGE_APP_METADATA_KEYS: "crm_id" }),
      port,
    );

    expect(port.user(olderDatabase.user_id)?.app_metadata).toMatchObject({
      roles: ["admin"],
      plan: "pro",
      crm_id: "c-42",
    });
  });

  it("writes-the-marker-on-the-primary-through-the-api-when-the-session-moves", async () => {
    const port = new FakeManagementPort([
      structuredClone(olderDatabase),
      structuredClone(newGoogle),
    ]);
    const run = await runLogin(loginEvent(newGoogle, "google"), port);

    const last = port.calls.at(-1);
    expect(last).toMatchObject({ op: "updateMetadata", userId: olderDatabase.user_id });
    expect(port.user(olderDatabase.user_id)?.app_metadata?.[MARKER_KEY]).toMatchObject({ v: 1 });
    expect(run.appMetadata).toEqual({});
  });

  it("writes-no-marker-on-a-primary-that-already-checked-the-address", async () => {
    const markerHash = hashEmail(
      "jane@example.com",
      `account-linking-marker:${secrets.AUTH0_DOMAIN}`,
    );
    const checkedPrimary = structuredClone(olderDatabase);
    checkedPrimary.app_metadata = { [MARKER_KEY]: buildMarker(markerHash, "2025-01-01") };
    const port = new FakeManagementPort([checkedPrimary, structuredClone(newGoogle)]);
    const run = await runLogin(loginEvent(newGoogle, "google"), port);
    expect(run.log).toMatchObject({ outcome: "linked", current_became_secondary: true });
    expect(port.calls.map((c) => c.op)).toEqual([
      "usersByEmail",
      "listDatabaseConnections",
      "hasSecondFactor",
      "anyEntryOf",
      "anyEntryOf",
      "anyEntryOf",
      "updateMetadata",
      "linkIdentity",
    ]);
    expect(port.calls[6]).toMatchObject({ patch: { user_metadata: { newsletter: true } } });
  });

  it("keeps-the-session-when-the-person-logs-in-with-the-primary", async () => {
    const port = new FakeManagementPort([
      structuredClone(olderDatabase),
      structuredClone(newGoogle),
    ]);
    const run = await runLogin(loginEvent(olderDatabase, "database"), port);

    expect(run.log).toMatchObject({ outcome: "linked", current_became_secondary: false, links: 1 });
    expect(run.primaryUser).toEqual([]);
    expect(run.appMetadata[MARKER_KEY]).toMatchObject({ v: 1 });
    expect(port.calls.filter((c) => c.op === "linkIdentity")).toEqual([
      {
        op: "linkIdentity",
        primaryUserId: olderDatabase.user_id,
        identity: { provider: "google-oauth2", providerUserId: "new" },
        mustFinish: false,
      },
    ]);
  });

  it("prefers-an-account-that-already-has-linked-identities-as-primary", async () => {
    const linked = account("google", "linked", { created_at: "2024-06-01T00:00:00.000Z" });
    linked.identities.push({
      provider: "apple",
      user_id: "a1",
      connection: "apple",
      isSocial: true,
    });
    const port = new FakeManagementPort([
      structuredClone(olderDatabase),
      structuredClone(linked),
      structuredClone(newGoogle),
    ]);
    const run = await runLogin(loginEvent(newGoogle, "google"), port);
    expect(run.log).toMatchObject({ primary_user_id: linked.user_id, links: 2 });
  });

  it("links-nothing-when-two-accounts-already-have-linked-identities", async () => {
    const first = account("google", "first");
    first.identities.push({
      provider: "apple",
      user_id: "a1",
      connection: "apple",
      isSocial: true,
    });
    const second = account("database", "second");
    second.identities.push({
      provider: "apple",
      user_id: "a2",
      connection: "apple",
      isSocial: true,
    });
    const port = new FakeManagementPort([first, second, structuredClone(newGoogle)]);
    const run = await runLogin(loginEvent(newGoogle, "google"), port);

    expect(run.log).toMatchObject({ outcome: "skipped", reason: "ambiguous_primary" });
    expect(port.calls.every((c) => readOnlyOps.has(c.op))).toBe(true);
    expect(run.appMetadata).toEqual({});
  });

  it("looks-up-the-lower-case-address-too-and-merges-by-user-id", async () => {
    const capitalised = { ...newGoogle, email: "Jane@Example.com" };
    const port = new FakeManagementPort([
      structuredClone(olderDatabase),
      structuredClone(capitalised),
    ]);
    const run = await runLogin(loginEvent(capitalised, "google"), port);

    expect(port.calls.filter((c) => c.op === "usersByEmail")).toEqual([
      { op: "usersByEmail", email: "Jane@Example.com" },
      { op: "usersByEmail", email: "jane@example.com" },
    ]);
    expect(run.log).toMatchObject({ outcome: "linked", candidates: 1 });
  });

  it("writes-the-marker-when-there-is-nothing-to-link", async () => {
    const port = new FakeManagementPort([structuredClone(newGoogle)]);
    const run = await runLogin(loginEvent(newGoogle, "google"), port);
    expect(run.log).toMatchObject({ outcome: "skipped", reason: "no_candidates" });
    expect(run.appMetadata[MARKER_KEY]).toMatchObject({ v: 1 });
  });

  it("ignores-unverified-and-untrusted-accounts-with-the-same-address", async () => {
    const unverified = account("database", "attacker", {
      email_verified: false,
      created_at: "2019-01-01T00:00:00.000Z",
    });
    const enterprise = account("okta", "ent", { created_at: "2018-01-01T00:00:00.000Z" });
    const port = new FakeManagementPort([unverified, enterprise, structuredClone(newGoogle)]);
    const run = await runLogin(loginEvent(newGoogle, "google"), port);

    expect(run.log).toMatchObject({ outcome: "skipped", reason: "no_candidates" });
    expect(port.calls.some((c) => c.op === "linkIdentity")).toBe(false);
    expect(port.user(unverified.user_id)).toBeDefined();
  });

  it("dry-run-decides-and-logs-but-changes-nothing", async () => {
    const port = new FakeManagementPort([
      structuredClone(olderDatabase),
      structuredClone(newGoogle),
    ]);
    const run = await runLogin(
      loginEvent(newGoogle, "google", {}, { LINKING_MODE: "dry-run" }),
      port,
    );

    expect(run.log).toMatchObject({
      outcome: "dry-run",
      reason: "would_link",
      links: 1,
      primary_user_id: olderDatabase.user_id,
    });
    expect(port.calls.every((c) => readOnlyOps.has(c.op))).toBe(true);
    expect(run.primaryUser).toEqual([]);
    expect(run.appMetadata).toEqual({});
  });

  // A dry run remembers nothing: switched to link mode, the same person is checked again.
  it.each([
    ["dry-run", false],
    ["link", true],
  ] as const)("a-finished-check-in-%s-mode-writes-the-marker:-%s", async (mode, written) => {
    const port = new FakeManagementPort([structuredClone(olderDatabase)]);
    const run = await runLogin(
      loginEvent(olderDatabase, "database", {}, { LINKING_MODE: mode }),
      port,
    );
    expect(run.log).toMatchObject({ outcome: "skipped", reason: "no_candidates", mode });
    expect(MARKER_KEY in run.appMetadata).toBe(written);
  });

  it("logs-no-raw-email-no-secret-and-a-keyed-email-hash", async () => {
    const port = new FakeManagementPort([
      structuredClone(olderDatabase),
      structuredClone(newGoogle),
    ]);
    const run = await runLogin(loginEvent(newGoogle, "google"), port);
    const line = JSON.stringify(run.log);
    expect(line).not.toContain("jane@example.com");
    expect(line).not.toContain(secrets.AUTH0_CLIENT_SECRET);
    expect(run.log.email_hash).toMatch(/^[0-9a-f]{16}$/);
    expect(run.log).toMatchObject({
      event: "account_linking",
      management_api_calls: port.requestCount,
    });
    expect(typeof run.log.duration_ms).toBe("number");
  });
});
