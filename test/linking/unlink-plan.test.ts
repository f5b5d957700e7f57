import { describe, expect, it } from "vitest";
import {
  LINK_RECORDS_KEY,
  type LinkRecord,
  linkRecordKey,
  readLinkRecords,
  unlinkedKey,
} from "../../src/linking/link-records";
import { planLinking } from "../../src/linking/plan";
import { linkRecordsPatchOf } from "../../src/linking/recovery";
import { DEFAULT_TRUST_POLICY } from "../../src/linking/trust";
import { parseSecondaryId, planUnlink } from "../../src/linking/unlink-plan";
import { account, DATABASE_KINDS, GOOGLE, identity } from "./account-fixtures";

const primary = account("auth0|p", {
  createdAt: "2023-01-01T00:00:00.000Z",
  userMetadata: { theme: "dark" },
});
const secondary = account("google-oauth2|g", {
  connection: GOOGLE,
  createdAt: "2025-01-01T00:00:00.000Z",
  userMetadata: { theme: "light", locale: "en" },
  appMetadata: { stripe_customer_id: "cus_1" },
});

// The primary as the Action leaves it: carried keys, the records, the secondary's identity.
function linkedPrimary(mergeAppMetadataKeys: string[] = []) {
  const plan = planLinking({
    current: secondary,
    loginConnection: GOOGLE,
    candidates: [primary],
    trust: DEFAULT_TRUST_POLICY,
    databaseKinds: DATABASE_KINDS,
    mergeAppMetadataKeys,
  });
  if (plan.kind !== "link") throw new Error(plan.reason);
  return {
    ...primary,
    identities: [...primary.identities, identity(GOOGLE, "g")],
    userMetadata: { ...primary.userMetadata, ...plan.metadataCarry.userMetadata },
    appMetadata: {
      ...plan.metadataCarry.appMetadata,
      ...linkRecordsPatchOf(plan.recovery, "2026-12-01T00:00:00.000Z"),
    },
  };
}

const target = {
  secondaryId: "google-oauth2|g",
  identity: { provider: "google-oauth2", userId: "g" },
};

describe("planUnlink", () => {
  it("gives-the-secondary-back-everything-it-had-and-takes-only-the-carried-keys-off-the-primary", () => {
    const plan = planUnlink({
      primary: linkedPrimary(),
      ...target,
      at: "2026-12-02T00:00:00.000Z",
    });
    expect(plan.identityLinked).toBe(true);
    expect(plan.restoredFrom).toBe("profile_copy");
    expect(plan.restore.user_metadata).toEqual({ theme: "light", locale: "en" });
    expect(plan.restore.app_metadata).toEqual({
      stripe_customer_id: "cus_1",
      [unlinkedKey("auth0|p")]: "auth0|p",
    });
    expect(plan.removeFromPrimary).toEqual({ user_metadata: ["locale"], app_metadata: [] });
    expect(plan.markPrimary).toEqual({ [unlinkedKey("google-oauth2|g")]: "google-oauth2|g" });
    expect(plan.closeRecord[linkRecordKey("google-oauth2|g")]).toMatchObject({
      copy: { in: "restored" },
      unlinked_at: "2026-12-02T00:00:00.000Z",
    });
  });

  it("takes-carried-app-metadata-keys-off-the-primary-and-gives-them-back", () => {
    const plan = planUnlink({
      primary: linkedPrimary(["stripe_customer_id"]),
      ...target,
      at: "2026-12-02T00:00:00.000Z",
    });
    expect(plan.removeFromPrimary.app_metadata).toEqual(["stripe_customer_id"]);
    expect(plan.restore.app_metadata).toMatchObject({ stripe_customer_id: "cus_1" });
  });

  it("gives-back-a-carried-value-the-primary-changed-since-as-the-secondary-had-it", () => {
    const linked = linkedPrimary(["stripe_customer_id"]);
    const changed = {
      ...linked,
      userMetadata: { ...linked.userMetadata, locale: "de" },
      appMetadata: { ...linked.appMetadata, stripe_customer_id: "cus_2" },
    };
    const plan = planUnlink({ primary: changed, ...target, at: "2026-12-02T00:00:00.000Z" });
    expect(plan.restore.user_metadata).toEqual({ theme: "light", locale: "en" });
    expect(plan.restore.app_metadata).toMatchObject({ stripe_customer_id: "cus_1" });
    expect(plan.keptOnPrimary).toEqual({
      user_metadata: ["locale"],
      app_metadata: ["stripe_customer_id"],
    });
    expect(plan.removeFromPrimary).toEqual({ user_metadata: [], app_metadata: [] });
  });

  it("restores-a-version-1-record-whose-copy-left-the-carried-keys-out", () => {
    const linked = linkedPrimary();
    const record = linked.appMetadata[linkRecordKey("google-oauth2|g")] as LinkRecord;
    // Version 1 kept every record in one key, and its copy held only what was not carried.
    const versionOne = {
      ...record,
      copy: { in: "app_metadata", user_metadata: { theme: "light" }, app_metadata: {} },
    };
    const old = {
      ...linked,
      appMetadata: { [LINK_RECORDS_KEY]: { v: 1, links: [versionOne], unlinked: [] } },
    };
    const plan = planUnlink({ primary: old, ...target, at: "2026-12-02T00:00:00.000Z" });
    expect(plan.record).toEqual(versionOne);
    expect(plan.restore.user_metadata).toEqual({ theme: "light", locale: "en" });
    expect(plan.removeFromPrimary.user_metadata).toEqual(["locale"]);
    expect(readLinkRecords({ ...old.appMetadata, ...plan.closeRecord }).links).toMatchObject([
      { secondary: "google-oauth2|g", copy: { in: "restored" } },
    ]);
  });

  it("knows-the-primary's-own-identity-is-not-a-link-to-undo", () => {
    const plan = planUnlink({
      primary: linkedPrimary(),
      secondaryId: "auth0|p",
      identity: { provider: "auth0", userId: "p" },
      at: "2026-12-02T00:00:00.000Z",
    });
    expect(plan.mainIdentity).toBe(true);
    expect(plan.identityLinked).toBe(false);
  });

  it("keeps-a-carried-key-the-primary-changed-since-on-the-primary", () => {
    const changed = { ...linkedPrimary(), userMetadata: { theme: "dark", locale: "de" } };
    const plan = planUnlink({ primary: changed, ...target, at: "2026-12-02T00:00:00.000Z" });
    expect(plan.keptOnPrimary.user_metadata).toEqual(["locale"]);
    expect(plan.removeFromPrimary.user_metadata).toEqual([]);
  });

  it("restores-the-journal's-complete-copy-when-given-one", () => {
    const plan = planUnlink({
      primary: linkedPrimary(),
      ...target,
      journalCopy: { user_metadata: { theme: "light", locale: "en" }, app_metadata: { a: 1 } },
      at: "2026-12-02T00:00:00.000Z",
    });
    expect(plan.restoredFrom).toBe("journal_copy");
    expect(plan.restore.app_metadata).toMatchObject({ a: 1 });
  });

  it("says-there-is-nothing-to-restore-for-a-link-it-has-no-record-of", () => {
    const plan = planUnlink({
      primary: { ...primary, identities: [...primary.identities, identity(GOOGLE, "g")] },
      ...target,
      at: "2026-12-02T00:00:00.000Z",
    });
    expect(plan.restoredFrom).toBe("no_record");
    expect(readLinkRecords(plan.restore.app_metadata).unlinked).toEqual(["auth0|p"]);
  });

  it("reads-provider-and-user-id-at-the-first-bar", () => {
    expect(parseSecondaryId("samlp|acme|jane")).toEqual({ provider: "samlp", userId: "acme|jane" });
    expect(parseSecondaryId("nobar")).toBeUndefined();
    expect(parseSecondaryId("|x")).toBeUndefined();
    expect(parseSecondaryId("x|")).toBeUndefined();
  });
});
