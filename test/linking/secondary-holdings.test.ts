import { describe, expect, it } from "vitest";
import { planLinking } from "../../src/linking/plan";
import {
  anyEntryInAnswer,
  checkHoldingsOf,
  checkSecondaryHoldings,
  holdingsLookupFailure,
  secondariesToCheck,
} from "../../src/linking/secondary-holdings";
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

const holdsNothing = { organizations: false, roles: false, permissions: false };

describe("what a secondary's user id holds", () => {
  it("asks-about-every-secondary-and-only-them", () => {
    expect(secondariesToCheck(googleLoginPlan())).toEqual([newGoogle.userId]);
  });

  it("refuses-a-plan-whose-secondary-is-a-member", () => {
    const holdings = { [newGoogle.userId]: { ...holdsNothing, organizations: true } };
    expect(checkSecondaryHoldings(googleLoginPlan(), holdings)).toEqual({
      reason: "secondary_in_organization",
      detail: expect.any(String),
    });
  });

  it("refuses-a-plan-whose-secondary-has-a-role", () => {
    const holdings = { [newGoogle.userId]: { ...holdsNothing, roles: true } };
    expect(checkSecondaryHoldings(googleLoginPlan(), holdings)?.reason).toBe("secondary_has_roles");
  });

  it("refuses-a-plan-whose-secondary-has-a-direct-permission", () => {
    const holdings = { [newGoogle.userId]: { ...holdsNothing, permissions: true } };
    expect(checkSecondaryHoldings(googleLoginPlan(), holdings)?.reason).toBe(
      "secondary_has_permissions",
    );
  });

  it("names-the-membership-first-then-the-roles", () => {
    const plan = googleLoginPlan();
    const everything = { organizations: true, roles: true, permissions: true };
    expect(checkSecondaryHoldings(plan, { [newGoogle.userId]: everything })?.reason).toBe(
      "secondary_in_organization",
    );
    const rolesAndPermissions = { ...everything, organizations: false };
    expect(checkSecondaryHoldings(plan, { [newGoogle.userId]: rolesAndPermissions })?.reason).toBe(
      "secondary_has_roles",
    );
  });

  it("lets-a-plan-whose-secondaries-hold-nothing-link", () => {
    expect(
      checkSecondaryHoldings(googleLoginPlan(), { [newGoogle.userId]: holdsNothing }),
    ).toBeUndefined();
  });

  it("counts-a-secondary-nobody-asked-about-as-holding-everything", () => {
    const plan = googleLoginPlan();
    expect(checkSecondaryHoldings(plan, {})?.reason).toBe("secondary_in_organization");
    // What the primary holds is kept: its user id survives the link.
    expect(checkSecondaryHoldings(plan, { [olderDatabase.userId]: holdsNothing })?.reason).toBe(
      "secondary_in_organization",
    );
    // A list nobody read counts as holding an entry.
    const partial = { [newGoogle.userId]: { organizations: false, roles: false } };
    expect(
      checkSecondaryHoldings(
        plan,
        partial as unknown as Parameters<typeof checkSecondaryHoldings>[1],
      )?.reason,
    ).toBe("secondary_has_permissions");
  });

  it("applies-the-same-rule-to-user-ids-before-any-plan-exists", () => {
    const userIds = [newGoogle.userId];
    const plan = googleLoginPlan();
    for (const held of [
      { ...holdsNothing, organizations: true },
      { ...holdsNothing, roles: true },
      { ...holdsNothing, permissions: true },
      holdsNothing,
    ]) {
      const holdings = { [newGoogle.userId]: held };
      expect(checkHoldingsOf(userIds, holdings)).toEqual(checkSecondaryHoldings(plan, holdings));
    }
    expect(checkHoldingsOf(userIds, {})?.reason).toBe("secondary_in_organization");
  });

  it("names-a-failed-read-by-its-list", () => {
    expect(holdingsLookupFailure("organizations")).toBe("organization_lookup_failed");
    expect(holdingsLookupFailure("roles")).toBe("authorization_lookup_failed");
    expect(holdingsLookupFailure("permissions")).toBe("authorization_lookup_failed");
  });
});

describe("an answer of GET /api/v2/users/{id}/organizations, /roles or /permissions", () => {
  const organization = { id: "org_0000000000000001", name: "acme" };
  const role = { id: "rol_0000000000000001", name: "admin", description: "Administrators" };
  const permission = {
    resource_server_identifier: "https://api.example.com",
    permission_name: "read:reports",
  };

  it("reads-an-entry-from-either-shape-the-specification-allows", () => {
    expect(anyEntryInAnswer("organizations", [organization])).toBe(true);
    expect(anyEntryInAnswer("roles", [])).toBe(false);
    expect(
      anyEntryInAnswer("organizations", {
        start: 0,
        limit: 1,
        total: 1,
        organizations: [organization],
      }),
    ).toBe(true);
    expect(anyEntryInAnswer("roles", { start: 0, limit: 1, total: 1, roles: [role] })).toBe(true);
    expect(
      anyEntryInAnswer("permissions", { start: 0, limit: 1, total: 1, permissions: [permission] }),
    ).toBe(true);
    expect(anyEntryInAnswer("roles", { start: 0, limit: 1, total: 0, roles: [] })).toBe(false);
    // A page past the end is empty, the total still counts the entries.
    expect(
      anyEntryInAnswer("permissions", { start: 50, limit: 50, total: 3, permissions: [] }),
    ).toBe(true);
  });

  it("reads-nothing-from-any-other-shape-so-the-shell-fails-closed", () => {
    expect(anyEntryInAnswer("roles", undefined)).toBeUndefined();
    expect(anyEntryInAnswer("organizations", { total: 1 })).toBeUndefined();
    expect(anyEntryInAnswer("organizations", "[]")).toBeUndefined();
    // Another list's page is no answer about this one.
    expect(
      anyEntryInAnswer("roles", { start: 0, limit: 1, total: 0, permissions: [] }),
    ).toBeUndefined();
  });
});
