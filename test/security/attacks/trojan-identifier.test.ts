import { describe, expect } from "vitest";
import { playAttack } from "../support/attack-play";
import { playControl } from "../support/control-play";
import { attacker, monthsAgo, victim } from "../support/people";
import { attackSuite } from "../support/recorder";
import { databaseConnection, linkingLine, startScenario } from "../support/scenario";

// The attacker registers the victim's address and adds an identity of their own to the account,
// hoping the victim's accounts are later joined to it and the trojan identity still opens it.
const suite = attackSuite("trojan-identifier");

const trojanAccount = {
  connection: databaseConnection,
  providerUserId: attacker.databaseId,
  email: victim.email,
  emailVerified: false,
  createdAt: monthsAgo(6),
  linked: [{ connection: "google-oauth2", providerUserId: attacker.googleId }],
};

describe("trojan identifier", () => {
  suite.tries(
    "unverified account with the victim's address and the attacker's Google identity linked in, then the victim signs in",
    async (record) => {
      const scenario = await startScenario({ accounts: [trojanAccount] });
      const results = await playAttack(record, scenario, {
        victimAccounts: [],
        logins: [
          {
            who: "victim",
            input: {
              connection: "apple",
              providerUserId: victim.appleId,
              email: victim.email,
              emailVerified: true,
            },
          },
          {
            who: "attacker",
            input: {
              connection: "google-oauth2",
              providerUserId: attacker.googleId,
              email: attacker.email,
              emailVerified: true,
            },
          },
        ],
      });
      expect(results.map((result) => linkingLine(result).reason)).toEqual([
        "no_candidates",
        "email_not_verified",
      ]);
      expect(
        scenario.user(scenario.userId(databaseConnection, attacker.databaseId))?.identities,
      ).toHaveLength(2);
    },
  );

  suite.controls(
    "the same account with linked identities, its address verified by its owner: the Apple login joins it",
    async (record) => {
      const scenario = await startScenario({
        accounts: [{ ...trojanAccount, emailVerified: true }],
      });
      await playControl(record, scenario, {
        login: {
          connection: "apple",
          providerUserId: victim.appleId,
          email: victim.email,
          emailVerified: true,
        },
        primary: { connection: databaseConnection, providerUserId: attacker.databaseId },
      });
    },
  );
});
