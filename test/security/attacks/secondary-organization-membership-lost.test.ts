import { describe, expect } from "vitest";
import { playControl } from "../support/control-play";
import {
  monthsAgo,
  victim,
  victimDatabaseAccount,
  victimDatabaseLogin,
  victimGoogleAccount,
  victimGoogleLogin,
} from "../support/people";
import { attackSuite } from "../support/recorder";
import {
  countLinkRequests,
  databaseConnection,
  describeLogin,
  linkingLine,
  startScenario,
} from "../support/scenario";

// Memberships belong to a user id, and a link deletes the secondary's: linking a member as the
// secondary would silently remove the person from their organization, and their next
// organization login would be refused.
const suite = attackSuite("secondary-organization-membership-lost");

const organization = { id: "org_AcmeOrganization", name: "acme" };
const memberGoogle = victimGoogleAccount(monthsAgo(1));
const memberId = `google-oauth2|${victim.googleId}`;

function withMembership(members: string[]) {
  return startScenario({
    accounts: [victimDatabaseAccount(), memberGoogle],
    organizations: [{ ...organization, members }],
  });
}

// Three accounts: the database account's login would take Google, then Apple, in as secondaries.
const appleId = `apple|${victim.appleId}`;
const appleAccount = {
  connection: "apple",
  providerUserId: victim.appleId,
  email: victim.email,
  emailVerified: true,
  createdAt: monthsAgo(1),
};

function threeAccountsWithMembership(members: string[]) {
  return startScenario({
    accounts: [victimDatabaseAccount(), victimGoogleAccount(monthsAgo(6)), appleAccount],
    organizations: [{ ...organization, members }],
  });
}

describe("a secondary that is a member of an organization", () => {
  suite.tries(
    "the member's own login next to an older account, which would make it the secondary",
    async (record) => {
      const scenario = await withMembership([memberId]);
      const databaseId = scenario.userId(databaseConnection, victim.databaseId);
      const before = scenario.user(databaseId);
      const login = await scenario.login(victimGoogleLogin);
      record.outcome = `${describeLogin(login)}; ${countLinkRequests(scenario.tenant)} link requests`;
      expect(linkingLine(login)).toMatchObject({
        outcome: "skipped",
        reason: "secondary_in_organization",
        links: 0,
      });
      expect(login.sessionUserId).toBe(memberId);
      expect(countLinkRequests(scenario.tenant)).toBe(0);
      expect(scenario.user(memberId)).toBeDefined();
      expect(scenario.user(databaseId)?.identities).toEqual(before?.identities);
      expect(scenario.tenant.state.getOrganization(organization.id)?.members).toEqual([memberId]);
    },
  );

  suite.tries(
    "the older account's login, which would pull the member in as its secondary",
    async (record) => {
      const scenario = await withMembership([memberId]);
      const login = await scenario.login(victimDatabaseLogin);
      record.outcome = `${describeLogin(login)}; ${countLinkRequests(scenario.tenant)} link requests`;
      expect(linkingLine(login)).toMatchObject({ reason: "secondary_in_organization", links: 0 });
      expect(countLinkRequests(scenario.tenant)).toBe(0);
      expect(scenario.user(memberId)).toBeDefined();
      expect(scenario.tenant.state.getOrganization(organization.id)?.members).toEqual([memberId]);
      // The member's organization login still works.
      const organizationLogin = await scenario.login({
        ...victimGoogleLogin,
        organization: organization.name,
      });
      expect(organizationLogin.sessionUserId).toBe(memberId);
    },
  );

  suite.tries("control: the same accounts link when neither is a member", async (record) => {
    const scenario = await withMembership([]);
    const login = await scenario.login(victimGoogleLogin);
    record.outcome = describeLogin(login);
    expect(linkingLine(login)).toMatchObject({ outcome: "linked", links: 1 });
    expect(login.sessionUserId).toBe(scenario.userId(databaseConnection, victim.databaseId));
  });

  suite.tries(
    "control: the same accounts link when only the primary is a member, and it stays one",
    async (record) => {
      const databaseId = `auth0|${victim.databaseId}`;
      const scenario = await withMembership([databaseId]);
      const login = await scenario.login(victimGoogleLogin);
      record.outcome = describeLogin(login);
      expect(linkingLine(login)).toMatchObject({ outcome: "linked", links: 1 });
      expect(login.sessionUserId).toBe(scenario.userId(databaseConnection, victim.databaseId));
      expect(scenario.tenant.state.getOrganization(organization.id)?.members).toEqual([
        scenario.userId(databaseConnection, victim.databaseId),
      ]);
    },
  );
});

describe("the second of two secondaries is a member of an organization", () => {
  suite.tries(
    "the older account's login, which would pull in Google then Apple, and Apple is a member",
    async (record) => {
      const scenario = await threeAccountsWithMembership([appleId]);
      const databaseId = scenario.userId(databaseConnection, victim.databaseId);
      const login = await scenario.login(victimDatabaseLogin);
      record.outcome = `${describeLogin(login)}; ${countLinkRequests(scenario.tenant)} link requests`;
      expect(linkingLine(login)).toMatchObject({
        outcome: "skipped",
        reason: "secondary_in_organization",
        links: 0,
      });
      expect(login.sessionUserId).toBe(databaseId);
      expect(countLinkRequests(scenario.tenant)).toBe(0);
      // Nothing links, not even the first secondary, which is no member.
      expect(scenario.user(databaseId)?.identities).toHaveLength(1);
      expect(scenario.user(memberId)).toBeDefined();
      expect(scenario.user(appleId)).toBeDefined();
      expect(scenario.tenant.state.getOrganization(organization.id)?.members).toEqual([appleId]);
    },
  );

  suite.controls(
    "the same three accounts: the older account's login takes both in when neither is a member",
    async (record) => {
      const scenario = await threeAccountsWithMembership([]);
      await playControl(record, scenario, {
        login: victimDatabaseLogin,
        primary: { connection: databaseConnection, providerUserId: victim.databaseId },
        secondaries: [
          { connection: "google-oauth2", providerUserId: victim.googleId },
          { connection: "apple", providerUserId: victim.appleId },
        ],
      });
    },
  );
});

// The specification's 403 text for memberships says "expected any of: read:users,
// read:organizations" (and for roles "read:users, read:roles, read:role_members"): if Auth0 holds
// to it, an application without read:organizations or read:roles still reads both, and the rule
// must still hold.
describe("an application without read:organizations and read:roles, where read:users reads both", () => {
  const readUsersEnough = (members: string[]) =>
    startScenario({
      accounts: [victimDatabaseAccount(), memberGoogle],
      organizations: [{ ...organization, members }],
      scopeAnswers: "security-and-403-text",
      withoutActionScopes: ["read:organizations", "read:roles"],
    });

  suite.tries("the member's own login next to an older account", async (record) => {
    const scenario = await readUsersEnough([memberId]);
    const login = await scenario.login(victimGoogleLogin);
    record.outcome = `${describeLogin(login)}; ${countLinkRequests(scenario.tenant)} link requests`;
    expect(linkingLine(login)).toMatchObject({ reason: "secondary_in_organization", links: 0 });
    expect(countLinkRequests(scenario.tenant)).toBe(0);
    expect(scenario.tenant.state.getOrganization(organization.id)?.members).toEqual([memberId]);
  });

  suite.controls("the same accounts link when neither is a member", async (record) => {
    const scenario = await readUsersEnough([]);
    await playControl(record, scenario, {
      login: victimGoogleLogin,
      primary: { connection: databaseConnection, providerUserId: victim.databaseId },
    });
  });
});
