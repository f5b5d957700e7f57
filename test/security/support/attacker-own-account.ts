import type { LoginInput } from "../../../src/local-tenant/simulator/login";
import { attacker, monthsAgo, victimGoogleAccount } from "./people";
import { databaseConnection, type Scenario, startScenario } from "./scenario";

/** The attacker signs in to the attacker's own password account, with the attacker's address. */
export const attackerOwnLogin: LoginInput = {
  connection: databaseConnection,
  providerUserId: attacker.databaseId,
  email: attacker.email,
  emailVerified: true,
};

/**
 * The victim's verified Google account, and the attacker's older password account verified for
 * the attacker's own address: the account the attacker later moves to the victim's address.
 */
export async function startWithAttackerOwnAccount(): Promise<{
  scenario: Scenario;
  attackerId: string;
}> {
  const scenario = await startScenario({
    accounts: [
      victimGoogleAccount(monthsAgo(5)),
      {
        connection: databaseConnection,
        providerUserId: attacker.databaseId,
        email: attacker.email,
        emailVerified: true,
        createdAt: monthsAgo(6),
      },
    ],
  });
  return { scenario, attackerId: scenario.userId(databaseConnection, attacker.databaseId) };
}
