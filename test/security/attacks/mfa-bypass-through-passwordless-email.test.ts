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

// The attacker controls only the victim's mailbox and signs in with passwordless email: a link
// into the victim's MFA account would move the session there with no factor asked.
const suite = attackSuite("mfa-bypass-through-passwordless-email");

const victimWithMfa = victimDatabaseAccount({ multifactor: ["guardian"] });
const mailboxLogin = {
  connection: "email",
  providerUserId: victim.passwordlessId,
  email: victim.email,
  emailVerified: true,
};

describe("MFA bypass through passwordless email", () => {
  for (const methods of [["email"], ["email", "mfa"]]) {
    suite.tries(
      `passwordless login with methods ${methods.join("+")} next to the victim's MFA account`,
      async (record) => {
        const scenario = await startScenario({ accounts: [victimWithMfa] });
        const victimId = scenario.userId(databaseConnection, victim.databaseId);
        const before = scenario.user(victimId);
        const login = await scenario.login({ ...mailboxLogin, authenticationMethods: methods });
        record.outcome = `attacker ${describeLogin(login)}; ${countLinkRequests(scenario.tenant)} link requests`;

        expect(login.sessionUserId).toBe(scenario.userId("email", victim.passwordlessId));
        expect(linkingLine(login)).toMatchObject({ reason: "mfa_required", links: 0 });
        expect(countLinkRequests(scenario.tenant)).toBe(0);
        expect(scenario.user(victimId)).toEqual(before);
      },
    );
  }

  suite.tries(
    "control: the MFA account's own login that completed MFA links; a later login through the linked identity must pass MFA",
    async (record) => {
      const scenario = await startScenario({
        accounts: [
          victimWithMfa,
          {
            connection: "google-oauth2",
            providerUserId: victim.googleId,
            email: victim.email,
            emailVerified: true,
            createdAt: monthsAgo(1),
          },
        ],
      });
      const victimId = scenario.userId(databaseConnection, victim.databaseId);
      const own = await scenario.login({
        connection: databaseConnection,
        providerUserId: victim.databaseId,
        email: victim.email,
        emailVerified: true,
        authenticationMethods: ["pwd", "mfa"],
      });
      expect(linkingLine(own)).toMatchObject({ outcome: "linked", primary_user_id: victimId });
      expect(scenario.user(victimId)?.identities).toHaveLength(2);

      const google = { connection: "google-oauth2", providerUserId: victim.googleId };
      const withoutFactor = await scenario.login({
        ...google,
        email: victim.email,
        emailVerified: true,
      });
      const withFactor = await scenario.login({
        ...google,
        email: victim.email,
        emailVerified: true,
        passesMfa: true,
      });
      record.outcome = `owner ${describeLogin(own)}; linked identity without a factor ${describeLogin(withoutFactor)}; with it ${describeLogin(withFactor)}`;
      expect(withoutFactor).toMatchObject({ errorCode: "mfa_failed", mfaRequired: true });
      expect(linkingLine(withoutFactor)).toMatchObject({ mfa_challenged: true });
      expect(withFactor.sessionUserId).toBe(victimId);
    },
  );
});
