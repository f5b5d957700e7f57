import { describe, expect } from "vitest";
import {
  monthsAgo,
  victim,
  victimDatabaseAccount,
  victimDatabaseLogin,
  victimGoogleAccount,
  victimGoogleLogin,
} from "../support/people";
import { attackSuite } from "../support/recorder";
import { countLinkRequests, describeLogin, linkingLine, startScenario } from "../support/scenario";

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
