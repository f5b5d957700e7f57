import { describe, expect } from "vitest";
import type { LoginResult } from "../../../src/local-tenant/simulator/login";
import { playAttack } from "../support/attack-play";
import { attacker, monthsAgo, victim } from "../support/people";
import { attackSuite } from "../support/recorder";
import {
  databaseConnection,
  linkingLine,
  nonVerifyingConnection,
  startScenario,
} from "../support/scenario";

// A provider that reports any typed address as verified: its `email_verified` proves nothing.
const suite = attackSuite("non-verifying-identity-provider");

const victimDatabase = {
  connection: databaseConnection,
  providerUserId: victim.databaseId,
  email: victim.email,
  emailVerified: true,
  createdAt: monthsAgo(12),
  userMetadata: { theme: "dark" },
};
const attackerFederated = {
  connection: nonVerifyingConnection.name,
  providerUserId: attacker.federatedId,
  email: victim.email,
  emailVerified: true,
};

describe("non-verifying identity provider", () => {
  suite.tries(
    "attacker signs in through a custom OAuth2 provider claiming the victim's address verified",
    async (record) => {
      const scenario = await startScenario({
        accounts: [victimDatabase],
        extraConnections: [nonVerifyingConnection],
      });
      const results = await playAttack(record, scenario, {
        victimAccounts: [scenario.userId(databaseConnection, victim.databaseId)],
        logins: [{ who: "attacker", input: attackerFederated }],
      });
      expect(linkingLine(results[0] as LoginResult).reason).toBe("untrusted_connection");
      expect(results[0]?.managementApiCalls).toEqual([]);
    },
  );

  suite.tries(
    "the attacker's account from that provider exists first; the victim then signs in with a trusted one",
    async (record) => {
      const scenario = await startScenario({
        accounts: [{ ...attackerFederated, createdAt: monthsAgo(24) }],
        extraConnections: [nonVerifyingConnection],
      });
      const results = await playAttack(record, scenario, {
        victimAccounts: [],
        logins: [
          {
            who: "victim",
            input: {
              connection: "google-oauth2",
              providerUserId: victim.googleId,
              email: victim.email,
              emailVerified: true,
            },
          },
          { who: "attacker", input: attackerFederated },
        ],
      });
      expect(results.map((result) => linkingLine(result).reason)).toEqual([
        "no_candidates",
        "untrusted_connection",
      ]);
    },
  );

  suite.tries(
    "TRUSTED_CONNECTIONS lists only the database: a Google account is not trusted either",
    async (record) => {
      const scenario = await startScenario({
        accounts: [victimDatabase],
        settings: { TRUSTED_CONNECTIONS: databaseConnection },
      });
      const results = await playAttack(record, scenario, {
        victimAccounts: [scenario.userId(databaseConnection, victim.databaseId)],
        logins: [
          {
            who: "attacker",
            input: {
              connection: "google-oauth2",
              providerUserId: attacker.googleId,
              email: victim.email,
              emailVerified: true,
            },
          },
        ],
      });
      expect(linkingLine(results[0] as LoginResult).reason).toBe("untrusted_connection");
    },
  );
});
