import { describe, expect, it } from "vitest";
import type { AccountSnapshot } from "../../src/linking/account";
import {
  LINK_RECORDS_KEY,
  linkRecordKey,
  readLinkRecords,
  unlinkedKey,
} from "../../src/linking/link-records";
import { type PlanInput, planLinking } from "../../src/linking/plan";
import { linkRecordsPatchOf } from "../../src/linking/recovery";
import { DEFAULT_TRUST_POLICY } from "../../src/linking/trust";
import { digestValue } from "../../src/linking/value-digest";
import { account, DATABASE_KINDS, GOOGLE } from "./account-fixtures";

const primary = account("auth0|p", {
  createdAt: "2023-01-01T00:00:00.000Z",
  userMetadata: { theme: "dark" },
  appMetadata: { plan: "free" },
});

function googleAccount(overrides: Partial<AccountSnapshot> = {}) {
  return account("google-oauth2|g", {
    connection: GOOGLE,
    createdAt: "2025-01-01T00:00:00.000Z",
    ...overrides,
  });
}

function plan(
  current: AccountSnapshot,
  candidates: AccountSnapshot[],
  extra: Partial<PlanInput> = {},
) {
  return planLinking({
    current,
    loginConnection: GOOGLE,
    candidates,
    trust: DEFAULT_TRUST_POLICY,
    databaseKinds: DATABASE_KINDS,
    mergeAppMetadataKeys: [],
    ...extra,
  });
}

describe("the recoverable copy", () => {
  it("copies-the-secondary's-metadata-whole-carried-keys-included-and-records-carried-ones-by-digest", () => {
    const secondary = googleAccount({
      userMetadata: { theme: "light", locale: "fr" },
      appMetadata: { stripe_customer_id: "cus_1", loyalty_points: 120, plan: "pro" },
    });
    const result = plan(secondary, [primary]);
    expect(result.kind).toBe("link");
    if (result.kind !== "link") return;
    expect(result.recovery.records).toEqual([
      {
        path: "login",
        rules: expect.any(Number),
        primary: "auth0|p",
        secondary: "google-oauth2|g",
        provider: "google-oauth2",
        provider_user_id: "g",
        carried: { user_metadata: { locale: digestValue("fr") }, app_metadata: {} },
        copy: {
          in: "app_metadata",
          user_metadata: { theme: "light", locale: "fr" },
          app_metadata: { stripe_customer_id: "cus_1", loyalty_points: 120, plan: "pro" },
        },
      },
    ]);
  });

  it("names-the-path-that-links-in-the-record", () => {
    const result = plan(googleAccount(), [primary], { path: "backfill" });
    expect(result.kind === "link" && result.recovery.records[0]?.path).toBe("backfill");
  });

  it("refuses-the-link-when-the-copy-would-not-fit-in-the-profile", () => {
    const secondary = googleAccount({ userMetadata: { theme: "x".repeat(9_800) } });
    expect(plan(secondary, [primary])).toMatchObject({
      kind: "skip",
      reason: "copy_over_budget",
      eligibleCandidates: 1,
    });
  });

  it("links-a-secondary-whose-copy-fits", () => {
    const secondary = googleAccount({ userMetadata: { theme: "x".repeat(4_000) } });
    expect(plan(secondary, [primary])).toMatchObject({ kind: "link" });
  });

  it("keeps-a-copy-that-does-not-fit-in-the-journal-when-the-shell-has-one", () => {
    const secondary = googleAccount({ userMetadata: { theme: "x".repeat(9_800) } });
    const result = plan(secondary, [primary], { path: "backfill", journalRef: "run-1" });
    expect(result.kind === "link" && result.recovery.records[0]?.copy).toEqual({
      in: "journal",
      ref: "run-1",
    });
  });

  it("writes-only-its-own-record-keys-and-reads-them-over-an-older-layout's-records", () => {
    const earlier = (secondary: string, provider: string) => ({
      at: "2024-01-01T00:00:00.000Z",
      path: "login",
      rules: 1,
      primary: "auth0|p",
      secondary,
      provider,
      provider_user_id: secondary.split("|")[1],
      carried: { user_metadata: {}, app_metadata: {} },
      copy: { in: "none" },
    });
    // As version 1 stored them: every record and mark in one key.
    const versionOne = {
      v: 1,
      links: [earlier("apple|a", "apple"), earlier("google-oauth2|g", "google-oauth2")],
      unlinked: ["auth0|other"],
    };
    const withRecords = { ...primary, appMetadata: { [LINK_RECORDS_KEY]: versionOne } };
    const result = plan(googleAccount(), [withRecords]);
    if (result.kind !== "link") throw new Error(result.reason);
    const patch = linkRecordsPatchOf(result.recovery, "2026-12-01T00:00:00.000Z");
    expect(Object.keys(patch)).toEqual([linkRecordKey("google-oauth2|g")]);

    // Auth0 merges the PATCH at the root: the version-1 key stays as it was.
    const stored = readLinkRecords({ ...withRecords.appMetadata, ...patch });
    expect(stored.links.map((record) => [record.secondary, record.at])).toEqual([
      ["apple|a", "2024-01-01T00:00:00.000Z"],
      ["google-oauth2|g", "2026-12-01T00:00:00.000Z"],
    ]);
    expect(stored.unlinked).toEqual(["auth0|other"]);
  });
});

describe("an unlinked pair", () => {
  const unlinkedFrom = (id: string) => ({
    [LINK_RECORDS_KEY]: { v: 1, links: [], unlinked: [id] },
  });

  it("is-never-linked-again-when-the-primary-carries-the-mark", () => {
    const marked = { ...primary, appMetadata: unlinkedFrom("google-oauth2|g") };
    expect(plan(googleAccount(), [marked])).toMatchObject({
      kind: "skip",
      reason: "unlinked_pair",
    });
  });

  it("is-never-linked-again-when-the-secondary-carries-the-mark", () => {
    const secondary = googleAccount({ appMetadata: unlinkedFrom("auth0|p") });
    expect(plan(secondary, [primary])).toMatchObject({ kind: "skip", reason: "unlinked_pair" });
  });

  it("still-links-a-third-account-into-one-of-them-but-not-both", () => {
    const apple = account("apple|a", { connection: { name: "apple", strategy: "apple" } });
    const marked = { ...primary, appMetadata: unlinkedFrom("google-oauth2|g") };
    const result = planLinking({
      current: apple,
      loginConnection: { name: "apple", strategy: "apple" },
      candidates: [marked, googleAccount()],
      trust: DEFAULT_TRUST_POLICY,
      databaseKinds: DATABASE_KINDS,
      mergeAppMetadataKeys: [],
    });
    expect(result).toMatchObject({ kind: "link", primary: { userId: "auth0|p" } });
    expect(result.kind === "link" && result.links.map((link) => link.secondaryUserId)).toEqual([
      "apple|a",
    ]);
  });

  it("travels-with-a-secondary-into-its-new-primary", () => {
    const apple = account("apple|a", {
      connection: { name: "apple", strategy: "apple" },
      createdAt: "2025-06-01T00:00:00.000Z",
      appMetadata: unlinkedFrom("auth0|x"),
    });
    const result = plan(apple, [primary], {
      loginConnection: { name: "apple", strategy: "apple" },
    });
    if (result.kind !== "link") throw new Error(result.reason);
    const patch = linkRecordsPatchOf(result.recovery, "2026-12-01T00:00:00.000Z");
    expect(patch[unlinkedKey("auth0|x")]).toBe("auth0|x");
    expect(readLinkRecords(patch).unlinked).toEqual(["auth0|x"]);
  });
});
