import { describe, expect } from "vitest";
import {
  monthsAgo,
  victim,
  victimDatabaseAccount,
  victimGoogleAccount,
  victimGoogleLogin,
} from "../support/people";
import { attackSuite } from "../support/recorder";
import { describeLogin, linkingLine, startScenario } from "../support/scenario";

// Auth0 does not refuse a link of an identity another user holds: it moves that user whole into
// the primary and deletes it (support article "Attempting to Link a User to an Already Linked
// Identity - Results Does not Fail", community.auth0.com/t/132916). If the planned secondary is
// linked elsewhere between the Action's plan and its link, the link merges an account none of
// whose protections were checked.
const suite = attackSuite("secondary-linked-elsewhere-before-the-link");

// An enterprise account whose user id carries an address, as SAML NameIDs do.
const partnerAddress = "ops.lead@partner.example";
const partnerId = `samlp|${partnerAddress}`;
const databaseId = `auth0|${victim.databaseId}`;

async function withPartnerAccount() {
  return startScenario({
    accounts: [
      victimDatabaseAccount(),
      victimGoogleAccount(monthsAgo(1)),
      {
        connection: "partner-saml",
        providerUserId: partnerAddress,
        email: partnerAddress,
        emailVerified: false,
        createdAt: monthsAgo(6),
      },
    ],
  });
}

describe("the planned secondary is linked elsewhere between the plan and the link", () => {
  suite.tries(
    "an administrator links the Google account into another user just before the Action's link",
    async (record) => {
      const scenario = await withPartnerAccount();
      scenario.tenant.api.faults.inject(
        "link-identity",
        {
          kind: "interleave",
          change: () =>
            scenario.tenant.state.linkIdentity(partnerId, {
              provider: "google-oauth2",
              user_id: victim.googleId,
            }),
        },
        { times: 1 },
      );
      const login = await scenario.login(victimGoogleLogin);
      record.outcome = describeLogin(login);
      const line = linkingLine(login);
      // The merge happened on Auth0's side; the Action reports it, by id, for an administrator.
      expect(line).toMatchObject({
        outcome: "error",
        reason: "unplanned_identities_linked",
        links: 1,
        primary_user_id: databaseId,
      });
      expect(line.unplanned_identities).toHaveLength(1);
      expect(line.unplanned_identities?.[0]).toMatch(/^samlp\|email:[0-9a-f]+$/);
      expect(login.logs.join("\n")).not.toContain(partnerAddress);
      // The session follows the identity that logged in; nobody is denied, no marker says "done".
      expect(login.denied).toBeUndefined();
      expect(login.sessionUserId).toBe(databaseId);
      expect(scenario.user(databaseId)?.app_metadata).not.toHaveProperty("account_linking");
      expect(scenario.ownerOf("partner-saml", partnerAddress)).toBe(databaseId);
    },
  );

  suite.tries(
    "control: without the race the same login links only the Google account",
    async (record) => {
      const scenario = await withPartnerAccount();
      const login = await scenario.login(victimGoogleLogin);
      record.outcome = describeLogin(login);
      const line = linkingLine(login);
      expect(line).toMatchObject({ outcome: "linked", links: 1 });
      expect(line).not.toHaveProperty("unplanned_identities");
      expect(login.sessionUserId).toBe(databaseId);
      expect(scenario.ownerOf("google-oauth2", victim.googleId)).toBe(databaseId);
      expect(scenario.user(partnerId)).toBeDefined();
    },
  );
});
