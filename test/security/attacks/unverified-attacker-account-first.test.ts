import { describe, expect } from "vitest";
import { playAttack } from "../support/attack-play";
import {
  attacker,
  monthsAgo,
  squattedDatabaseAccount,
  squatterLogin,
  victim,
  victimGoogleAccount,
} from "../support/people";
import { attackSuite } from "../support/recorder";
import {
  databaseConnection,
  linkingLine,
  startScenario,
  withoutOwnLoginTraces,
} from "../support/scenario";

// The oldest account usually becomes the primary: an unverified one made first by the attacker
// must neither be chosen nor joined while the victim's own accounts are linked together.
const suite = attackSuite("unverified-attacker-account-first");

describe("an unverified attacker account older than the victim's", () => {
  suite.tries(
    "the victim links Google and Apple while the attacker's older unverified account waits",
    async (record) => {
      const scenario = await startScenario({
        accounts: [
          squattedDatabaseAccount(monthsAgo(24)),
          victimGoogleAccount(monthsAgo(6), { userMetadata: { theme: "dark" } }),
        ],
      });
      const squattedId = scenario.userId(databaseConnection, attacker.databaseId);
      const squattedBefore = scenario.user(squattedId);
      const victimApple = await scenario.login({
        connection: "apple",
        providerUserId: victim.appleId,
        email: victim.email,
        emailVerified: true,
      });
      const victimPrimary = scenario.userId("google-oauth2", victim.googleId);
      await playAttack(record, scenario, {
        victimAccounts: [victimPrimary],
        logins: [{ who: "attacker", input: squatterLogin }],
      });
      expect(linkingLine(victimApple)).toMatchObject({ outcome: "linked", candidates: 1 });
      expect(victimApple.sessionUserId).toBe(victimPrimary);
      expect(scenario.user(victimPrimary)?.identities.map((identity) => identity.provider)).toEqual(
        ["google-oauth2", "apple"],
      );
      expect(withoutOwnLoginTraces(scenario.user(squattedId))).toEqual(
        withoutOwnLoginTraces(squattedBefore),
      );
    },
  );
});
