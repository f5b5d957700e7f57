import { describe, expect, it } from "vitest";
import {
  checkSecondaryMemberships,
  membershipInAnswer,
  secondariesToCheck,
} from "../../src/linking/organization-rules";
import { planLinking } from "../../src/linking/plan";
import { DEFAULT_TRUST_POLICY } from "../../src/linking/trust";
import { account, DATABASE_KINDS, GOOGLE } from "./account-fixtures";

const olderDatabase = account("auth0|older", { createdAt: "2020-01-01T00:00:00.000Z" });
const newGoogle = account("google-oauth2|new", {
  connection: GOOGLE,
  createdAt: "2025-01-01T00:00:00.000Z",
});

function googleLoginPlan() {
  const plan = planLinking({
    current: newGoogle,
    loginConnection: GOOGLE,
    candidates: [olderDatabase],
    trust: DEFAULT_TRUST_POLICY,
    databaseKinds: DATABASE_KINDS,
    mergeAppMetadataKeys: [],
  });
  if (plan.kind !== "link") throw new Error(`expected a link plan, got ${plan.reason}`);
  return plan;
}

describe("a secondary's organization memberships", () => {
  it("asks-about-every-secondary-and-only-them", () => {
    expect(secondariesToCheck(googleLoginPlan())).toEqual([newGoogle.userId]);
  });

  it("refuses-a-plan-whose-secondary-is-a-member", () => {
    expect(checkSecondaryMemberships(googleLoginPlan(), { [newGoogle.userId]: true })).toEqual({
      reason: "secondary_in_organization",
      detail: expect.any(String),
    });
  });

  it("lets-a-plan-whose-secondaries-are-no-members-link", () => {
    expect(
      checkSecondaryMemberships(googleLoginPlan(), { [newGoogle.userId]: false }),
    ).toBeUndefined();
  });

  it("counts-a-secondary-nobody-asked-about-as-a-member", () => {
    const plan = googleLoginPlan();
    expect(checkSecondaryMemberships(plan, {})?.reason).toBe("secondary_in_organization");
    // A membership of the primary is kept: its user id survives the link.
    expect(checkSecondaryMemberships(plan, { [olderDatabase.userId]: false })?.reason).toBe(
      "secondary_in_organization",
    );
  });
});

describe("an answer of GET /api/v2/users/{id}/organizations", () => {
  const organization = { id: "org_0000000000000001", name: "acme" };

  it("reads-a-membership-from-either-shape-the-specification-allows", () => {
    expect(membershipInAnswer([organization])).toBe(true);
    expect(membershipInAnswer([])).toBe(false);
    expect(
      membershipInAnswer({ start: 0, limit: 1, total: 1, organizations: [organization] }),
    ).toBe(true);
    expect(membershipInAnswer({ start: 0, limit: 1, total: 0, organizations: [] })).toBe(false);
    // A page past the end is empty, the total still counts the memberships.
    expect(membershipInAnswer({ start: 50, limit: 50, total: 3, organizations: [] })).toBe(true);
  });

  it("reads-nothing-from-any-other-shape-so-the-shell-fails-closed", () => {
    expect(membershipInAnswer(undefined)).toBeUndefined();
    expect(membershipInAnswer({ total: 1 })).toBeUndefined();
    expect(membershipInAnswer("[]")).toBeUndefined();
  });
});
