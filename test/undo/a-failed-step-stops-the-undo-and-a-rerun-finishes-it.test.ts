import { describe, expect, it } from "vitest";
import { readLinkRecords } from "../../src/linking/link-records";
import type { Fault } from "../../src/local-tenant/management-api/faults";
import { type UnlinkResult, unlinkOne } from "../../src/undo/unlink-one";
import { adminClientFor } from "../admin/support";
import { googleLogin, person } from "../security/support/fault-play";
import { linkingLine } from "../security/support/scenario";
import { type LinkedPair, linkedPair, restorable } from "./support/linked-pair";
import { writesSince } from "./support/undo-cli";

// Carried on both sides: the undo has user_metadata and app_metadata keys to take off the primary.
const carriedAppMetadata = { MERGE_APP_METADATA_KEYS: "stripe_customer_id" };

const passes: Fault = { kind: "latency", ms: 0 };
// More answers of 500 than the client has attempts: the request is given up.
const failsEveryAttempt = { fault: { kind: "status", status: 500 } as Fault, times: 7 };

function undo(pair: LinkedPair): Promise<UnlinkResult> {
  return unlinkOne({
    client: adminClientFor(pair.scenario.tenant.api),
    primaryId: pair.primaryId,
    secondaryId: pair.secondaryId,
    identity: { provider: "google-oauth2", userId: person.googleId },
    apply: true,
    now: () => new Date(),
  });
}

/** The nth request to `endpoint` fails every attempt; the ones before it pass. */
function failNth(pair: LinkedPair, endpoint: string, nth: number): void {
  const { faults } = pair.scenario.tenant.api;
  if (nth > 1) faults.inject(endpoint, passes, { times: nth - 1 });
  faults.inject(endpoint, failsEveryAttempt.fault, { times: failsEveryAttempt.times });
}

function holdsSecondary(pair: LinkedPair): boolean {
  return (
    pair.scenario
      .user(pair.primaryId)
      ?.identities.some((identity) => identity.user_id === person.googleId) ?? false
  );
}

// Run again once the tenant answers: the undo finishes, both accounts as they were.
async function expectRerunFinishes(pair: LinkedPair): Promise<void> {
  pair.scenario.tenant.api.faults.clear();
  expect(await undo(pair)).toMatchObject({ ok: true, done: "applied" });
  expect(restorable(pair.scenario.user(pair.primaryId))).toEqual(restorable(pair.primaryBefore));
  expect(restorable(pair.scenario.user(pair.secondaryId))).toEqual(
    restorable(pair.secondaryBefore),
  );
  const [record] = readLinkRecords(pair.scenario.user(pair.primaryId)?.app_metadata ?? {}).links;
  expect(record).toMatchObject({ copy: { in: "restored" }, unlinked_at: expect.any(String) });
}

describe("an undo step that fails", () => {
  it("mark_failed-sends-nothing-else-and-changes-nothing", async () => {
    const pair = await linkedPair(undefined, carriedAppMetadata);
    const before = pair.scenario.tenant.state.snapshot();
    const mark = pair.scenario.tenant.api.requestLog.mark();
    failNth(pair, "patch-user", 1);

    expect(await undo(pair)).toMatchObject({ ok: false, code: "mark_failed" });
    expect(writesSince(pair.scenario.tenant.api, mark)).toEqual(
      Array(failsEveryAttempt.times).fill("PATCH patch-user"),
    );
    expect(pair.scenario.tenant.state.snapshot()).toEqual(before);
    await expectRerunFinishes(pair);
  });

  it("unlink_failed-leaves-the-pair-linked-and-marked-and-restores-nothing", async () => {
    const pair = await linkedPair(undefined, carriedAppMetadata);
    const primaryBefore = pair.scenario.user(pair.primaryId);
    const mark = pair.scenario.tenant.api.requestLog.mark();
    failNth(pair, "unlink-identity", 1);

    expect(await undo(pair)).toMatchObject({ ok: false, code: "unlink_failed" });
    expect(holdsSecondary(pair)).toBe(true);
    expect(
      writesSince(pair.scenario.tenant.api, mark).filter((w) => w.startsWith("PATCH")),
    ).toEqual(["PATCH patch-user"]);
    // Marked before the unlink was tried, and nothing else changed on it.
    const primary = pair.scenario.user(pair.primaryId);
    expect(readLinkRecords(primary?.app_metadata ?? {}).unlinked).toEqual([pair.secondaryId]);
    expect(primary?.user_metadata).toEqual(primaryBefore?.user_metadata);
    await expectRerunFinishes(pair);
  });

  it("recreated_user_not_found-restores-on-nobody-and-a-rerun-finds-the-user", async () => {
    const pair = await linkedPair(undefined, carriedAppMetadata);
    const primaryBefore = pair.scenario.user(pair.primaryId);
    const mark = pair.scenario.tenant.api.requestLog.mark();
    // The primary is read; the recreated user cannot be, by its id or by its address.
    failNth(pair, "get-user", 2);
    failNth(pair, "users-by-email", 1);

    expect(await undo(pair)).toMatchObject({ ok: false, code: "recreated_user_not_found" });
    expect(holdsSecondary(pair)).toBe(false);
    expect(writesSince(pair.scenario.tenant.api, mark)).toEqual([
      "PATCH patch-user",
      "DELETE unlink-identity",
    ]);
    expect(pair.scenario.user(pair.secondaryId)?.user_metadata).toEqual({});
    expect(pair.scenario.user(pair.primaryId)?.user_metadata).toEqual(primaryBefore?.user_metadata);
    await expectRerunFinishes(pair);
  });

  it("restore_failed-stops-before-the-primary-and-the-mark-keeps-a-login-from-relinking", async () => {
    const pair = await linkedPair(undefined, carriedAppMetadata);
    const primaryBefore = pair.scenario.user(pair.primaryId);
    failNth(pair, "patch-user", 2);

    expect(await undo(pair)).toMatchObject({ ok: false, code: "restore_failed" });
    expect(holdsSecondary(pair)).toBe(false);
    expect(pair.scenario.user(pair.primaryId)?.app_metadata.stripe_customer_id).toBe(
      primaryBefore?.app_metadata.stripe_customer_id,
    );
    // The recreated user has no mark yet: only the primary's, written first, keeps them apart.
    pair.scenario.tenant.api.faults.clear();
    const login = await pair.scenario.login(googleLogin);
    expect(login.sessionUserId).toBe(pair.secondaryId);
    expect(linkingLine(login)).toMatchObject({ outcome: "skipped", reason: "unlinked_pair" });
    expect(holdsSecondary(pair)).toBe(false);
    await expectRerunFinishes(pair);
  });

  it("cleanup_failed-leaves-the-carried-keys-and-the-open-record-for-a-rerun", async () => {
    const pair = await linkedPair(undefined, carriedAppMetadata);
    failNth(pair, "patch-user", 3);

    expect(await undo(pair)).toMatchObject({ ok: false, code: "cleanup_failed" });
    const primary = pair.scenario.user(pair.primaryId);
    expect(primary?.user_metadata.locale).toBe("en");
    expect(primary?.app_metadata.stripe_customer_id).toBe("cus_4f9");
    expect(readLinkRecords(primary?.app_metadata ?? {}).links[0]?.unlinked_at).toBeUndefined();
    expect(restorable(pair.scenario.user(pair.secondaryId))).toEqual(
      restorable(pair.secondaryBefore),
    );
    await expectRerunFinishes(pair);
  });
});
