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

// Roles and permissions are assigned to a user id, and a link deletes the secondary's: linking
// an account that holds them as the secondary would silently strip the person of their
// authorization, and their next tokens would carry none of it.
const suite = attackSuite("secondary-authorization-lost");

const role = { id: "rol_SupportAgents0001", name: "support-agent" };
const permission = {
  resource_server_identifier: "https://reports.example.com/",
  permission_name: "read:reports",
};
const googleAccount = victimGoogleAccount(monthsAgo(1));
const googleId = `google-oauth2|${victim.googleId}`;
const databaseId = `auth0|${victim.databaseId}`;

function withAuthorization(holders: { roles?: string[]; permissions?: string[] }) {
  return startScenario({
    accounts: [victimDatabaseAccount(), googleAccount],
    roles: [{ ...role, users: holders.roles ?? [] }],
    permissions: [{ ...permission, users: holders.permissions ?? [] }],
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

interface Holders {
  roles?: string[];
  permissions?: string[];
}

function threeAccountsWithAuthorization(holders: Holders) {
  return startScenario({
    accounts: [victimDatabaseAccount(), victimGoogleAccount(monthsAgo(6)), appleAccount],
    roles: [{ ...role, users: holders.roles ?? [] }],
    permissions: [{ ...permission, users: holders.permissions ?? [] }],
  });
}

describe("a secondary that holds roles or permissions", () => {
  suite.tries(
    "the login of an account with a role next to an older account, which would make it the secondary",
    async (record) => {
      const scenario = await withAuthorization({ roles: [googleId] });
      const before = scenario.user(databaseId);
      const login = await scenario.login(victimGoogleLogin);
      record.outcome = `${describeLogin(login)}; ${countLinkRequests(scenario.tenant)} link requests`;
      expect(linkingLine(login)).toMatchObject({
        outcome: "skipped",
        reason: "secondary_has_roles",
        links: 0,
      });
      expect(login.sessionUserId).toBe(googleId);
      expect(countLinkRequests(scenario.tenant)).toBe(0);
      expect(scenario.user(googleId)).toBeDefined();
      expect(scenario.user(databaseId)?.identities).toEqual(before?.identities);
      expect(scenario.tenant.state.rolesOf(googleId).map((found) => found.id)).toEqual([role.id]);
    },
  );

  suite.tries(
    "the older account's login, which would pull in an account with a direct permission as its secondary",
    async (record) => {
      const scenario = await withAuthorization({ permissions: [googleId] });
      const login = await scenario.login(victimDatabaseLogin);
      record.outcome = `${describeLogin(login)}; ${countLinkRequests(scenario.tenant)} link requests`;
      expect(linkingLine(login)).toMatchObject({ reason: "secondary_has_permissions", links: 0 });
      expect(countLinkRequests(scenario.tenant)).toBe(0);
      expect(scenario.user(googleId)).toBeDefined();
      expect(scenario.tenant.state.permissionsOf(googleId)).toHaveLength(1);
    },
  );

  suite.tries("control: the same accounts link when neither has roles", async (record) => {
    const scenario = await withAuthorization({});
    const login = await scenario.login(victimGoogleLogin);
    record.outcome = describeLogin(login);
    expect(linkingLine(login)).toMatchObject({ outcome: "linked", links: 1 });
    expect(login.sessionUserId).toBe(databaseId);
  });

  suite.tries(
    "control: the same accounts link when only the primary has roles and permissions, and it keeps them",
    async (record) => {
      const scenario = await withAuthorization({ roles: [databaseId], permissions: [databaseId] });
      const login = await scenario.login(victimGoogleLogin);
      record.outcome = describeLogin(login);
      expect(linkingLine(login)).toMatchObject({ outcome: "linked", links: 1 });
      expect(login.sessionUserId).toBe(databaseId);
      expect(scenario.tenant.state.rolesOf(databaseId).map((found) => found.id)).toEqual([role.id]);
      expect(scenario.tenant.state.permissionsOf(databaseId)).toHaveLength(1);
    },
  );
});

describe("the second of two secondaries holds roles or permissions", () => {
  const secondHolds: { holding: string; holders: Holders; reason: string }[] = [
    { holding: "a role", holders: { roles: [appleId] }, reason: "secondary_has_roles" },
    {
      holding: "a direct permission",
      holders: { permissions: [appleId] },
      reason: "secondary_has_permissions",
    },
  ];
  for (const { holding, holders, reason } of secondHolds) {
    suite.tries(
      `the older account's login, which would pull in Google then Apple, and Apple holds ${holding}`,
      async (record) => {
        const scenario = await threeAccountsWithAuthorization(holders);
        const login = await scenario.login(victimDatabaseLogin);
        record.outcome = `${describeLogin(login)}; ${countLinkRequests(scenario.tenant)} link requests`;
        expect(linkingLine(login)).toMatchObject({ outcome: "skipped", reason, links: 0 });
        expect(login.sessionUserId).toBe(databaseId);
        expect(countLinkRequests(scenario.tenant)).toBe(0);
        // Nothing links, not even the first secondary, which holds nothing.
        expect(scenario.user(databaseId)?.identities).toHaveLength(1);
        expect(scenario.user(googleId)).toBeDefined();
        expect(scenario.user(appleId)).toBeDefined();
        expect(scenario.tenant.state.rolesOf(appleId)).toHaveLength(holders.roles?.length ?? 0);
        expect(scenario.tenant.state.permissionsOf(appleId)).toHaveLength(
          holders.permissions?.length ?? 0,
        );
      },
    );
  }

  suite.controls(
    "the same three accounts: the older account's login takes both in when neither holds anything",
    async (record) => {
      const scenario = await threeAccountsWithAuthorization({});
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
