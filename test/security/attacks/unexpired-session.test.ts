import { describe, expect } from "vitest";
import { playAttack } from "../support/attack-play";
import { playControl } from "../support/control-play";
import { attacker, monthsAgo, victim } from "../support/people";
import { attackSuite } from "../support/recorder";
import { databaseConnection, linkingLine, startScenario } from "../support/scenario";

// The attacker registers the victim's address, keeps the session (and its refresh token) alive
// and waits for the victim to take the account over. Ending that session is the tenant's job;
// the Action's part is never to join anything to the account while nobody proved the address,
// and never to link on a refresh-token exchange, where no person is present.
const suite = attackSuite("unexpired-session");

const squatted = {
  connection: databaseConnection,
  providerUserId: attacker.databaseId,
  email: victim.email,
  emailVerified: false,
  createdAt: monthsAgo(3),
};
const attackerPasswordLogin = {
  connection: databaseConnection,
  providerUserId: attacker.databaseId,
  email: victim.email,
  emailVerified: false,
};
const victimGoogleLogin = {
  connection: "google-oauth2",
  providerUserId: victim.googleId,
  email: victim.email,
  emailVerified: true,
};

describe("unexpired session", () => {
  suite.tries(
    "attacker keeps a session on an unverified account with the victim's address while the victim signs in with Google",
    async (record) => {
      const scenario = await startScenario({ accounts: [squatted] });
      const results = await playAttack(record, scenario, {
        victimAccounts: [],
        logins: [
          { who: "attacker", input: attackerPasswordLogin },
          { who: "victim", input: victimGoogleLogin },
          {
            who: "attacker",
            input: { ...attackerPasswordLogin, protocol: "oauth2-refresh-token" },
          },
        ],
      });
      expect(results.map((result) => linkingLine(result).reason)).toEqual([
        "email_not_verified",
        "no_candidates",
        "non_interactive_protocol",
      ]);
    },
  );

  suite.controls(
    "the password account's address verified by its owner: the victim's Google login links into it",
    async (record) => {
      const scenario = await startScenario({ accounts: [{ ...squatted, emailVerified: true }] });
      await scenario.login({ ...attackerPasswordLogin, emailVerified: true });
      await playControl(record, scenario, {
        login: victimGoogleLogin,
        primary: { connection: databaseConnection, providerUserId: attacker.databaseId },
      });
    },
  );

  suite.tries(
    "attacker's refresh-token exchange on a verified account while the victim's unlinked Google account exists",
    async (record) => {
      // Even a verified account is never linked from a refresh-token exchange: a stolen or kept
      // refresh token must not be the moment accounts are joined.
      const scenario = await startScenario({
        accounts: [
          { ...squatted, emailVerified: true },
          { ...victimGoogleLogin, createdAt: monthsAgo(1) },
        ],
      });
      const results = await playAttack(record, scenario, {
        victimAccounts: [scenario.userId("google-oauth2", victim.googleId)],
        logins: [
          {
            who: "attacker",
            input: { ...attackerPasswordLogin, protocol: "oauth2-refresh-token" },
          },
        ],
      });
      expect(results.map((result) => linkingLine(result).reason)).toEqual([
        "non_interactive_protocol",
      ]);
      expect(results[0]?.managementApiCalls).toEqual([]);
    },
  );

  suite.controls(
    "the same verified accounts: an interactive password login links",
    async (record) => {
      const scenario = await startScenario({
        accounts: [
          { ...squatted, emailVerified: true },
          { ...victimGoogleLogin, createdAt: monthsAgo(1) },
        ],
      });
      await playControl(record, scenario, {
        login: { ...attackerPasswordLogin, emailVerified: true },
        primary: { connection: databaseConnection, providerUserId: attacker.databaseId },
        secondaries: [{ connection: "google-oauth2", providerUserId: victim.googleId }],
      });
    },
  );
});
