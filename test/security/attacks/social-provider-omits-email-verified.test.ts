import { describe, expect } from "vitest";
import type { LoginResult } from "../../../src/local-tenant/simulator/login";
import { playAttack, playAttackerLoginAgainstVictimDatabase } from "../support/attack-play";
import { playControl } from "../support/control-play";
import {
  attacker,
  attackerGoogleLogin,
  monthsAgo,
  victim,
  victimDatabaseAccount,
  victimDatabaseLogin,
} from "../support/people";
import { attackSuite } from "../support/recorder";
import { databaseConnection, linkingLine, startScenario } from "../support/scenario";

// A claim that is missing, or anything but the literal true, is not proof of the address.
const suite = attackSuite("social-provider-omits-email-verified");

const victimDatabase = victimDatabaseAccount();

describe("email_verified missing or not a boolean", () => {
  suite.tries(
    "Google login with the victim's address and no email_verified claim",
    async (record) => {
      const scenario = await startScenario({ accounts: [victimDatabase] });
      const result = await playAttackerLoginAgainstVictimDatabase(
        record,
        scenario,
        attackerGoogleLogin(victim.email, undefined),
      );
      expect(linkingLine(result).reason).toBe("email_not_verified");
    },
  );

  suite.controls("the same Google login with email_verified: true links", async (record) => {
    const scenario = await startScenario({ accounts: [victimDatabase] });
    await playControl(record, scenario, {
      login: attackerGoogleLogin(victim.email, true),
      primary: { connection: databaseConnection, providerUserId: victim.databaseId },
    });
  });

  for (const stored of [undefined, "true", 1]) {
    suite.tries(
      `an older Apple account with the victim's address whose email_verified is ${JSON.stringify(stored)}, then the victim signs in`,
      async (record) => {
        const scenario = await startScenario({
          accounts: [
            {
              connection: "apple",
              providerUserId: attacker.federatedId,
              email: victim.email,
              emailVerified: stored,
              createdAt: monthsAgo(24),
            },
            victimDatabase,
          ],
        });
        const results = await playAttack(record, scenario, {
          victimAccounts: [scenario.userId(databaseConnection, victim.databaseId)],
          logins: [
            {
              who: "victim",
              input: {
                connection: databaseConnection,
                providerUserId: victim.databaseId,
                email: victim.email,
                emailVerified: true,
              },
            },
          ],
        });
        expect(linkingLine(results[0] as LoginResult).reason).toBe("no_candidates");
      },
    );
  }

  suite.controls(
    "the older Apple account's email_verified is true: the victim's login joins it",
    async (record) => {
      const scenario = await startScenario({
        accounts: [
          {
            connection: "apple",
            providerUserId: attacker.federatedId,
            email: victim.email,
            emailVerified: true,
            createdAt: monthsAgo(24),
          },
          victimDatabase,
        ],
      });
      await playControl(record, scenario, {
        login: victimDatabaseLogin,
        primary: { connection: "apple", providerUserId: attacker.federatedId },
      });
    },
  );
});
