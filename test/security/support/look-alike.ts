import { expect } from "vitest";
import { playAttack } from "./attack-play";
import { attackerGoogleLogin, victim, victimDatabaseAccount } from "./people";
import type { attackSuite } from "./recorder";
import { databaseConnection, linkingLine, startScenario } from "./scenario";

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
    const scenario = await startScenario({
      accounts: [
        victimDatabaseAccount({
          email: victimEmail,
          userMetadata: { theme: "dark" },
          appMetadata: { plan: "pro" },
        }),
      ],
    });
    const results = await playAttack(record, scenario, {
      victimAccounts: [scenario.userId(databaseConnection, victim.databaseId)],
      logins: [{ who: "attacker", input: attackerGoogleLogin(lookAlike, true) }],
    });
    expect(results.map((result) => linkingLine(result).reason)).toEqual(["no_candidates"]);
  });
}
