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

// Auth0 clears `multifactor` when the only factors are email or WebAuthn (support article "Users
// with MFA but multifactor[] is Missing", community.auth0.com/t/136610). Read from `multifactor`
// alone, an account protected by a security key passes for one without MFA: the session of
// another login moves onto it, or it becomes the secondary of an account without a factor and
// its factor is lost. Its authentication methods list the factor.
const suite = attackSuite("mfa-factor-multifactor-does-not-show");

const googleLogin = {
  connection: "google-oauth2",
  providerUserId: victim.googleId,
  email: victim.email,
  emailVerified: true,
};
const passwordLogin = {
  connection: databaseConnection,
  providerUserId: victim.databaseId,
  email: victim.email,
  emailVerified: true,
};

describe.each([
  ["a security key", "webauthn-roaming"],
  ["email", "email"],
])("MFA whose only factor is %s", (_name, factor) => {
  suite.tries(
    `a Google login beside an older account whose only factor is ${factor}: the session stays off it`,
    async (record) => {
      const scenario = await startScenario({
        accounts: [
          victimDatabaseAccount({ createdAt: monthsAgo(24), factors: [factor] }),
          victimGoogleAccount(monthsAgo(1)),
        ],
      });
      const protectedId = scenario.userId(databaseConnection, victim.databaseId);
      expect(scenario.user(protectedId)?.multifactor).toEqual([]);
      const login = await scenario.login(googleLogin);
      record.outcome = `${describeLogin(login)}; ${countLinkRequests(scenario.tenant)} link requests`;
      expect(login.sessionUserId).toBe(scenario.userId("google-oauth2", victim.googleId));
      expect(linkingLine(login)).toMatchObject({
        reason: "mfa_required",
        primary_user_id: protectedId,
      });
      expect(countLinkRequests(scenario.tenant)).toBe(0);
    },
  );

  suite.tries(
    `a password login beside a newer account whose only factor is ${factor}: it is not made a secondary`,
    async (record) => {
      const scenario = await startScenario({
        accounts: [
          victimDatabaseAccount({ createdAt: monthsAgo(24) }),
          victimGoogleAccount(monthsAgo(1), { factors: [factor] }),
        ],
      });
      const protectedId = scenario.userId("google-oauth2", victim.googleId);
      const login = await scenario.login(passwordLogin);
      record.outcome = `${describeLogin(login)}; ${countLinkRequests(scenario.tenant)} link requests`;
      expect(login.sessionUserId).toBe(scenario.userId(databaseConnection, victim.databaseId));
      expect(linkingLine(login)).toMatchObject({
        reason: "mfa_required",
        primary_user_id: protectedId,
      });
      expect(countLinkRequests(scenario.tenant)).toBe(0);
      expect(scenario.tenant.state.authenticationMethodsOf(protectedId)).toHaveLength(1);
    },
  );
});

describe("control", () => {
  suite.tries("control: the same accounts without any factor link", async (record) => {
    const scenario = await startScenario({
      accounts: [
        victimDatabaseAccount({ createdAt: monthsAgo(24) }),
        victimGoogleAccount(monthsAgo(1)),
      ],
    });
    const primaryId = scenario.userId(databaseConnection, victim.databaseId);
    const login = await scenario.login(googleLogin);
    record.outcome = describeLogin(login);
    expect(linkingLine(login)).toMatchObject({ outcome: "linked", primary_user_id: primaryId });
    expect(login.sessionUserId).toBe(primaryId);
    expect(scenario.user(primaryId)?.identities).toHaveLength(2);
  });
});
