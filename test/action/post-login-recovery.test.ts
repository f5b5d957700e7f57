import { describe, expect, it } from "vitest";
import { hashEmail } from "../../src/linking/email-hash";
import { LINK_RECORDS_KEY, linkRecordKey, readLinkRecords } from "../../src/linking/link-records";
import { buildMarker, MARKER_KEY } from "../../src/linking/marker";
import { FakeManagementPort } from "./support/fake-management-port";
import { account, loginEvent, secrets } from "./support/post-login-fixtures";
import { runLogin } from "./support/run-login";

const olderDatabase = account("database", "older", {
  created_at: "2020-01-01T00:00:00.000Z",
  user_metadata: { theme: "dark" },
  app_metadata: { plan: "pro" },
});
const newGoogle = account("google", "new", {
  created_at: "2025-01-01T00:00:00.000Z",
  user_metadata: { theme: "light", locale: "en" },
  app_metadata: { stripe_customer_id: "cus_9", loyalty_points: 40 },
});
const bareGoogle = account("google", "bare", { created_at: "2025-01-01T00:00:00.000Z" });

const markerHash = hashEmail("jane@example.com", `account-linking-marker:${secrets.AUTH0_DOMAIN}`);

describe("what a link would destroy", () => {
  it("keeps-the-copy-and-audit-record-in-the-carry-patch-before-linking", async () => {
    const port = new FakeManagementPort([
      structuredClone(olderDatabase),
      structuredClone(newGoogle),
    ]);
    const run = await runLogin(loginEvent(newGoogle, "google"), port);

    const ops = port.calls.map((call) => call.op);
    expect(ops.filter((op) => op === "updateMetadata")).toHaveLength(2);
    const carry = port.calls[ops.indexOf("updateMetadata")];
    expect(ops.indexOf("updateMetadata")).toBeLessThan(ops.indexOf("linkIdentity"));
    expect(carry).toMatchObject({
      patch: {
        user_metadata: { locale: "en" },
        app_metadata: { [linkRecordKey(newGoogle.user_id)]: { secondary: newGoogle.user_id } },
      },
    });
    expect(carry).not.toMatchObject({
      patch: { app_metadata: { [LINK_RECORDS_KEY]: expect.anything() } },
    });
    const [record] = readLinkRecords(port.user(olderDatabase.user_id)?.app_metadata ?? {}).links;
    expect(record).toMatchObject({
      path: "login",
      primary: olderDatabase.user_id,
      secondary: newGoogle.user_id,
      provider: "google-oauth2",
      provider_user_id: "new",
      carried: { user_metadata: { locale: expect.any(String) }, app_metadata: {} },
      copy: {
        in: "app_metadata",
        user_metadata: { theme: "light", locale: "en" },
        app_metadata: { stripe_customer_id: "cus_9", loyalty_points: 40 },
      },
    });
    expect(Date.parse(record?.at ?? "")).not.toBeNaN();
    expect(run.log.copied_metadata_keys).toEqual([
      "user_metadata.theme",
      "user_metadata.locale",
      "app_metadata.stripe_customer_id",
      "app_metadata.loyalty_points",
    ]);
  });

  it("costs-no-extra-request-when-the-session-stays-and-nothing-is-destroyed", async () => {
    const port = new FakeManagementPort([
      structuredClone(olderDatabase),
      structuredClone(bareGoogle),
    ]);
    const run = await runLogin(loginEvent(olderDatabase, "database"), port);

    // The connections read belongs to the lookup: which database connections are custom ones.
    expect(port.calls.map((call) => call.op)).toEqual([
      "usersByEmail",
      "listDatabaseConnections",
      "hasSecondFactor",
      "anyEntryOf",
      "anyEntryOf",
      "anyEntryOf",
      "linkIdentity",
    ]);
    expect(run.appMetadata[MARKER_KEY]).toMatchObject({ v: 1 });
    expect(readLinkRecords(run.appMetadata).links).toMatchObject([
      { secondary: bareGoogle.user_id, copy: { in: "none" } },
    ]);
  });

  it("writes-the-record-with-the-marker-when-the-session-moves-to-an-unchecked-primary", async () => {
    const port = new FakeManagementPort([
      structuredClone(olderDatabase),
      structuredClone(bareGoogle),
    ]);
    await runLogin(loginEvent(bareGoogle, "google"), port);

    expect(port.calls.map((call) => call.op)).toEqual([
      "usersByEmail",
      "listDatabaseConnections",
      "hasSecondFactor",
      "anyEntryOf",
      "anyEntryOf",
      "anyEntryOf",
      "linkIdentity",
      "updateMetadata",
    ]);
    const primary = port.user(olderDatabase.user_id);
    expect(primary?.app_metadata?.[MARKER_KEY]).toMatchObject({ v: 1 });
    expect(readLinkRecords(primary?.app_metadata ?? {}).links).toHaveLength(1);
  });

  it("pays-one-request-for-the-record-when-the-session-moves-to-a-checked-primary", async () => {
    const checked = structuredClone(olderDatabase);
    checked.app_metadata = {
      ...checked.app_metadata,
      [MARKER_KEY]: buildMarker(markerHash, "2025-01-01"),
    };
    const port = new FakeManagementPort([checked, structuredClone(bareGoogle)]);
    await runLogin(loginEvent(bareGoogle, "google"), port);

    const ops = port.calls.map((call) => call.op);
    expect(ops.slice(-2)).toEqual(["updateMetadata", "linkIdentity"]);
    expect(
      readLinkRecords(port.user(olderDatabase.user_id)?.app_metadata ?? {}).links,
    ).toHaveLength(1);
  });

  it("does-not-link-when-the-copy-would-not-fit-and-lets-the-login-go-on", async () => {
    const heavy = account("google", "heavy", {
      created_at: "2025-01-01T00:00:00.000Z",
      user_metadata: { theme: "x".repeat(9_800) },
    });
    const port = new FakeManagementPort([structuredClone(olderDatabase), structuredClone(heavy)]);
    const run = await runLogin(loginEvent(heavy, "google"), port);

    expect(run.log).toMatchObject({ outcome: "skipped", reason: "copy_over_budget", links: 0 });
    expect(port.calls.map((call) => call.op)).not.toContain("linkIdentity");
    expect(port.calls.map((call) => call.op)).not.toContain("updateMetadata");
    expect(run.appMetadata[MARKER_KEY]).toBeUndefined();
    expect(run.primaryUser).toEqual([]);
  });

  it("writes-the-marker-and-links-nothing-for-a-pair-an-administrator-unlinked", async () => {
    const unlinked = structuredClone(olderDatabase);
    unlinked.app_metadata = {
      ...unlinked.app_metadata,
      [LINK_RECORDS_KEY]: { v: 1, links: [], unlinked: [bareGoogle.user_id] },
    };
    const port = new FakeManagementPort([unlinked, structuredClone(bareGoogle)]);
    const run = await runLogin(loginEvent(bareGoogle, "google"), port);

    expect(run.log).toMatchObject({ outcome: "skipped", reason: "unlinked_pair", links: 0 });
    expect(port.calls.map((call) => call.op)).not.toContain("linkIdentity");
    expect(run.appMetadata[MARKER_KEY]).toMatchObject({ v: 1 });
  });
});
