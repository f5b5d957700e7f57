import { describe, expect } from "vitest";
import { monthsAgo, victim, victimDatabaseAccount } from "../support/people";
import { attackSuite } from "../support/recorder";
import {
  countLinkRequests,
  databaseConnection,
  describeLogin,
  linkingLine,
  startScenario,
} from "../support/scenario";

// An organization login that moved the session to a non-member lost the membership: the next
// organization login was refused.
const suite = attackSuite("organization-login-moves-session-off-member");

const memberGoogle = {
  connection: "google-oauth2",
  providerUserId: victim.googleId,
  email: victim.email,
  emailVerified: true,
  createdAt: monthsAgo(1),
};
const organization = { id: "org_AcmeOrganization", name: "acme" };

describe("organization logins", () => {
  suite.tries(
    "a member's organization login next to an older non-member account",
    async (record) => {
      const memberId = `google-oauth2|${victim.googleId}`;
      const withOrganization = await startScenario({
        accounts: [victimDatabaseAccount(), memberGoogle],
        organizations: [{ ...organization, members: [memberId] }],
      });
      const login = { ...memberGoogle, organization: organization.name };
      const first = await withOrganization.login(login);
      const next = await withOrganization.login(login);
      record.outcome = `${describeLogin(first)}; next ${describeLogin(next)}; ${countLinkRequests(withOrganization.tenant)} link requests`;
      expect(first.sessionUserId).toBe(memberId);
      expect(linkingLine(first)).toMatchObject({
        reason: "organization_login",
        management_api_calls: 0,
      });
      expect(next.sessionUserId).toBe(memberId);
      expect(withOrganization.tenant.state.getOrganization(organization.id)?.members).toEqual([
        memberId,
      ]);
    },
  );

  suite.tries(
    "a non-member's organization login is refused before any Action runs",
    async (record) => {
      const scenario = await startScenario({
        accounts: [victimDatabaseAccount()],
        organizations: [{ ...organization, members: [] }],
      });
      const login = await scenario.login({
        connection: databaseConnection,
        providerUserId: victim.databaseId,
        email: victim.email,
        emailVerified: true,
        organization: organization.id,
      });
      record.outcome = describeLogin(login);
      expect(login).toMatchObject({ errorCode: "not_an_organization_member", logLines: [] });
    },
  );

  suite.tries(
    "control: the same accounts link at a login outside any organization",
    async (record) => {
      const scenario = await startScenario({ accounts: [victimDatabaseAccount(), memberGoogle] });
      const login = await scenario.login(memberGoogle);
      record.outcome = describeLogin(login);
      expect(linkingLine(login)).toMatchObject({ outcome: "linked" });
      expect(login.sessionUserId).toBe(scenario.userId(databaseConnection, victim.databaseId));
    },
  );
});
