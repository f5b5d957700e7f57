import { describe, expect, it } from "vitest";
import type { AccountSnapshot } from "../../src/linking/account";
import { LINK_RECORDS_KEY, type LinkRecord, linkRecordKey } from "../../src/linking/link-records";
import { planLinking } from "../../src/linking/plan";
import { linkRecordsPatchOf } from "../../src/linking/recovery";
import { DEFAULT_TRUST_POLICY } from "../../src/linking/trust";
import { digestValue } from "../../src/linking/value-digest";
import { account, DATABASE_KINDS, GOOGLE } from "./account-fixtures";

const primary = account("auth0|p", {
  createdAt: "2023-01-01T00:00:00.000Z",
  userMetadata: { theme: "dark" },
  appMetadata: { plan: "free" },
});
const secondary = account("google-oauth2|g", {
  connection: GOOGLE,
  createdAt: "2025-01-01T00:00:00.000Z",
  userMetadata: { theme: "light", locale: "fr" },
  appMetadata: { stripe_customer_id: "cus_1", plan: "pro" },
});

function linkPlan(onPrimary: AccountSnapshot) {
  const result = planLinking({
    current: secondary,
    loginConnection: GOOGLE,
    candidates: [onPrimary],
    trust: DEFAULT_TRUST_POLICY,
    databaseKinds: DATABASE_KINDS,
    mergeAppMetadataKeys: ["stripe_customer_id"],
  });
  if (result.kind !== "link") throw new Error(`expected a link, got ${result.reason}`);
  return result;
}

// The primary as the carry PATCH left it when the run stopped before the link.
function afterCarry(edit: (carried: AccountSnapshot) => AccountSnapshot = (a) => a) {
  const first = linkPlan(primary);
  const carried = edit({
    ...primary,
    userMetadata: { ...primary.userMetadata, ...first.metadataCarry.userMetadata },
    appMetadata: {
      ...primary.appMetadata,
      ...first.metadataCarry.appMetadata,
      ...linkRecordsPatchOf(first.recovery, "2026-01-01T00:00:00.000Z"),
    },
  });
  return { first, carried };
}

describe("a record left by an attempt stopped between carry and link", () => {
  it("is-kept-so-the-resumed-plan-writes-what-an-uninterrupted-one-would", () => {
    const { first, carried } = afterCarry();
    // The carry really moved keys, or this test would prove nothing.
    expect(first.recovery.records[0]?.carried.user_metadata).toEqual({ locale: digestValue("fr") });
    expect(first.recovery.records[0]?.carried.app_metadata).toEqual({
      stripe_customer_id: digestValue("cus_1"),
    });
    const resumed = linkPlan(carried);
    expect(resumed.recovery.records).toEqual(first.recovery.records);
    expect(resumed.recovery.completeCopies).toEqual(first.recovery.completeCopies);
  });

  it("is-kept-when-an-earlier-version-stored-it-in-the-one-key-account_links", () => {
    const { first, carried } = afterCarry((a) => {
      const key = linkRecordKey(secondary.userId);
      const { [key]: record, ...rest } = a.appMetadata;
      return {
        ...a,
        appMetadata: { ...rest, [LINK_RECORDS_KEY]: { v: 1, links: [record], unlinked: [] } },
      };
    });
    expect(linkPlan(carried).recovery.records).toEqual(first.recovery.records);
  });

  it("stops-counting-a-key-as-carried-once-the-primary-holds-another-value", () => {
    const { carried } = afterCarry((a) => ({
      ...a,
      userMetadata: { ...a.userMetadata, locale: "de" },
    }));
    const [record] = linkPlan(carried).recovery.records;
    expect(record?.carried.user_metadata).toEqual({});
    expect(record?.carried.app_metadata).toEqual({ stripe_customer_id: digestValue("cus_1") });
    expect(record?.copy).toMatchObject({ in: "app_metadata", user_metadata: { locale: "fr" } });
  });

  it("is-replaced-when-it-was-closed-by-an-undo", () => {
    const { carried } = afterCarry((a) => {
      const key = linkRecordKey(secondary.userId);
      const record = a.appMetadata[key] as LinkRecord;
      const closed = { ...record, unlinked_at: "2026-02-01T00:00:00.000Z" };
      return { ...a, appMetadata: { ...a.appMetadata, [key]: closed } };
    });
    const [record] = linkPlan(carried).recovery.records;
    expect(record?.carried).toEqual({ user_metadata: {}, app_metadata: {} });
  });
});
