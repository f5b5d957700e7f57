import { describe, expect } from "vitest";
import type { LoginResult } from "../../../src/local-tenant/simulator/login";
import { playAttack } from "../support/attack-play";
import { playControl } from "../support/control-play";
import { monthsAgo, victim, victimDatabaseAccount, victimGoogleAccount } from "../support/people";
import { attackSuite } from "../support/recorder";
import { databaseConnection, linkingLine, startScenario } from "../support/scenario";

// Two verified accounts that already hold linked identities: choosing one would hand the other's
// identities to it. Nothing is linked; an administrator has to decide.
const suite = attackSuite("ambiguous-multi-identity-accounts");

describe("several verified accounts with linked identities of their own", () => {
  suite.tries("a third login with the same address", async (record) => {
    const scenario = await startScenario({
      accounts: [
        victimDatabaseAccount({
          userMetadata: { theme: "dark" },
          linked: [{ connection: "apple", providerUserId: victim.appleId }],
        }),
        victimGoogleAccount(monthsAgo(6), {
          userMetadata: { locale: "en" },
          linked: [{ connection: "customer-database-1", providerUserId: "second-db" }],
        }),
      ],
      extraConnections: [
        { id: "con_SecondDbConn0001", name: "customer-database-1", strategy: "auth0" },
      ],
    });
    const results = await playAttack(record, scenario, {
      victimAccounts: [
        scenario.userId(databaseConnection, victim.databaseId),
        scenario.userId("google-oauth2", victim.googleId),
      ],
      logins: [
        {
          who: "victim",
          input: {
            connection: "email",
            providerUserId: victim.passwordlessId,
            email: victim.email,
            emailVerified: true,
          },
        },
      ],
    });
    expect(linkingLine(results[0] as LoginResult)).toMatchObject({
      reason: "ambiguous_primary",
      candidates: 2,
    });
  });

  suite.controls(
    "only one of them holds linked identities: the third login joins both to it",
    async (record) => {
      const scenario = await startScenario({
        accounts: [
          victimDatabaseAccount({
            userMetadata: { theme: "dark" },
            linked: [{ connection: "apple", providerUserId: victim.appleId }],
          }),
          victimGoogleAccount(monthsAgo(6), { userMetadata: { locale: "en" } }),
        ],
      });
      const passwordless = { connection: "email", providerUserId: victim.passwordlessId };
      await playControl(record, scenario, {
        login: { ...passwordless, email: victim.email, emailVerified: true },
        primary: { connection: databaseConnection, providerUserId: victim.databaseId },
        secondaries: [
          { connection: "google-oauth2", providerUserId: victim.googleId },
          passwordless,
        ],
      });
    },
  );
});
