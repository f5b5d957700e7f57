import { describe, expect } from "vitest";
import { playAttackerLoginAgainstVictimDatabase } from "../support/attack-play";
import { playControl } from "../support/control-play";
import { attacker, victim, victimDatabaseAccount } from "../support/people";
import { attackSuite } from "../support/recorder";
import { databaseConnection, linkingLine, startScenario } from "../support/scenario";

// nOAuth (2023): a multi-tenant Entra ID user sets their own email claim to the victim's address
// and the directory reports it as verified.
const suite = attackSuite("nOAuth-mutable-enterprise-email");

const victimAccounts = [
  victimDatabaseAccount({
    userMetadata: { theme: "dark" },
    appMetadata: { roles: ["billing-admin"] },
  }),
];
const entraLogin = {
  connection: "contoso-entra",
  providerUserId: attacker.enterpriseId,
  email: victim.email,
  emailVerified: true,
};

describe("nOAuth: mutable enterprise email", () => {
  for (const [connection, strategy] of [
    ["contoso-entra", "waad"],
    ["acme-okta", "okta"],
    ["partner-saml", "samlp"],
  ] as const) {
    suite.tries(
      `${strategy} connection says email_verified: true for the victim's address`,
      async (record) => {
        const scenario = await startScenario({ accounts: victimAccounts });
        const result = await playAttackerLoginAgainstVictimDatabase(record, scenario, {
          ...entraLogin,
          connection,
        });
        expect(linkingLine(result).reason).toBe("untrusted_connection");
        expect(result.managementApiCalls).toEqual([]);
      },
    );

    // The administrator vouches that this directory's addresses cannot be set by its users.
    suite.controls(
      `${strategy} connection listed in TRUSTED_CONNECTIONS: its verified login links`,
      async (record) => {
        const scenario = await startScenario({
          accounts: victimAccounts,
          settings: { TRUSTED_CONNECTIONS: `${databaseConnection},google-oauth2,${connection}` },
        });
        await playControl(record, scenario, {
          login: { ...entraLogin, connection },
          primary: { connection: databaseConnection, providerUserId: victim.databaseId },
        });
      },
    );
  }

  suite.tries(
    "Entra login while the administrator opted in another enterprise connection only",
    async (record) => {
      const scenario = await startScenario({
        accounts: victimAccounts,
        settings: { TRUSTED_CONNECTIONS: `${databaseConnection},google-oauth2,acme-okta` },
      });
      const result = await playAttackerLoginAgainstVictimDatabase(record, scenario, entraLogin);
      expect(linkingLine(result).reason).toBe("untrusted_connection");
    },
  );
});
