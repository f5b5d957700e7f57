import { describe, expect } from "vitest";
import { monthsAgo, victim, victimDatabaseAccount, victimGoogleAccount } from "../support/people";
import { attackSuite } from "../support/recorder";
import {
  countLinkRequests,
  databaseConnection,
  describeLogin,
  linkingLine,
  startScenario,
} from "../support/scenario";

// The account with MFA is the newer one: oldest-first would make it a secondary, and a later
// password-only login of the older account would land on a user with no factor.
const suite = attackSuite("mfa-downgrade-newer-mfa-account-as-secondary");

const olderPassword = victimDatabaseAccount({ createdAt: monthsAgo(24) });
const newerWithMfa = victimGoogleAccount(monthsAgo(1), { multifactor: ["guardian"] });
const passwordLogin = {
  connection: databaseConnection,
  providerUserId: victim.databaseId,
  email: victim.email,
  emailVerified: true,
};

describe("MFA downgrade: the newer account has MFA", () => {
  suite.tries("a password-only login of the older account", async (record) => {
    const scenario = await startScenario({ accounts: [olderPassword, newerWithMfa] });
    const login = await scenario.login(passwordLogin);
    record.outcome = `${describeLogin(login)}; ${countLinkRequests(scenario.tenant)} link requests`;
    expect(login.sessionUserId).toBe(scenario.userId(databaseConnection, victim.databaseId));
    expect(linkingLine(login)).toMatchObject({
      reason: "mfa_required",
      primary_user_id: scenario.userId("google-oauth2", victim.googleId),
    });
    expect(countLinkRequests(scenario.tenant)).toBe(0);
  });

  suite.tries("two accounts with MFA enrolled", async (record) => {
    const scenario = await startScenario({
      accounts: [{ ...olderPassword, multifactor: ["guardian"] }, newerWithMfa],
    });
    const login = await scenario.login({
      connection: "google-oauth2",
      providerUserId: victim.googleId,
      email: victim.email,
      emailVerified: true,
      authenticationMethods: ["federated", "mfa"],
    });
    record.outcome = `${describeLogin(login)}; ${countLinkRequests(scenario.tenant)} link requests`;
    expect(linkingLine(login)).toMatchObject({ reason: "ambiguous_mfa" });
    expect(countLinkRequests(scenario.tenant)).toBe(0);
  });

  suite.tries(
    "control: the MFA account's login that completed MFA makes it the primary; the older password then needs the factor",
    async (record) => {
      const scenario = await startScenario({ accounts: [olderPassword, newerWithMfa] });
      const mfaId = scenario.userId("google-oauth2", victim.googleId);
      const own = await scenario.login({
        connection: "google-oauth2",
        providerUserId: victim.googleId,
        email: victim.email,
        emailVerified: true,
        authenticationMethods: ["federated", "mfa"],
      });
      const passwordOnly = await scenario.login(passwordLogin);
      record.outcome = `owner ${describeLogin(own)}; password only ${describeLogin(passwordOnly)}`;
      expect(linkingLine(own)).toMatchObject({ outcome: "linked", primary_user_id: mfaId });
      expect(scenario.user(mfaId)?.identities).toHaveLength(2);
      expect(passwordOnly).toMatchObject({ errorCode: "mfa_failed", mfaRequired: true });
    },
  );
});
