import { expect } from "vitest";
import { playAttack } from "./attack-play";
import { playControl } from "./control-play";
import { attackerGoogleLogin, victim, victimDatabaseAccount, victimGoogleLogin } from "./people";
import type { attackSuite } from "./recorder";
import { databaseConnection, linkingLine, type ScenarioOptions, startScenario } from "./scenario";

function victimDatabaseHolding(victimEmail: string): ScenarioOptions {
  return {
    accounts: [
      victimDatabaseAccount({
        email: victimEmail,
        userMetadata: { theme: "dark" },
        appMetadata: { plan: "pro" },
      }),
    ],
  };
}

/**
 * The attacker proves an address that only looks like the victim's (a provider verified it,
 * because it is the attacker's own) and signs in: only ASCII case makes two addresses the same.
 */
export function triesLookAlike(
  suite: ReturnType<typeof attackSuite>,
  description: string,
  lookAlike: string,
  victimEmail: string = victim.email,
): void {
  suite.tries(`${description}: ${JSON.stringify(lookAlike)}`, async (record) => {
    const scenario = await startScenario(victimDatabaseHolding(victimEmail));
    const results = await playAttack(record, scenario, {
      victimAccounts: [scenario.userId(databaseConnection, victim.databaseId)],
      logins: [{ who: "attacker", input: attackerGoogleLogin(lookAlike, true) }],
    });
    expect(results.map((result) => linkingLine(result).reason)).toEqual(["no_candidates"]);
  });
}

/**
 * The look-alikes' control: the same password account, and a Google account whose provider
 * verified exactly its address, which links.
 */
export function controlsExactAddress(
  suite: ReturnType<typeof attackSuite>,
  victimEmail: string = victim.email,
): void {
  suite.controls(
    `exactly the same address links: ${JSON.stringify(victimEmail)}`,
    async (record) => {
      const scenario = await startScenario(victimDatabaseHolding(victimEmail));
      await playControl(record, scenario, {
        login: { ...victimGoogleLogin, email: victimEmail },
        primary: { connection: databaseConnection, providerUserId: victim.databaseId },
      });
    },
  );
}
