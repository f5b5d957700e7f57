import { describe, expect } from "vitest";
import { playAttack, playAttackerLoginAgainstVictimDatabase } from "../support/attack-play";
import { playControl } from "../support/control-play";
import {
  attacker,
  attackerGoogleLogin,
  monthsAgo,
  victim,
  victimDatabaseAccount,
  victimGoogleLogin,
} from "../support/people";
import { attackSuite } from "../support/recorder";
import {
  databaseConnection,
  linkingLine,
  nonVerifyingConnection,
  startScenario,
} from "../support/scenario";

// A provider that reports any typed address as verified: its `email_verified` proves nothing.
const suite = attackSuite("non-verifying-identity-provider");

const victimDatabase = victimDatabaseAccount({ userMetadata: { theme: "dark" } });
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
      const result = await playAttackerLoginAgainstVictimDatabase(
        record,
        scenario,
        attackerFederated,
      );
      expect(linkingLine(result).reason).toBe("untrusted_connection");
      expect(result.managementApiCalls).toEqual([]);
    },
  );

  suite.controls(
    "the same provider listed in TRUSTED_CONNECTIONS: its login links into the password account",
    async (record) => {
      const scenario = await startScenario({
        accounts: [victimDatabase],
        extraConnections: [nonVerifyingConnection],
        settings: {
          TRUSTED_CONNECTIONS: `${databaseConnection},google-oauth2,${nonVerifyingConnection.name}`,
        },
      });
      await playControl(record, scenario, {
        login: attackerFederated,
        primary: { connection: databaseConnection, providerUserId: victim.databaseId },
      });
    },
  );

  suite.controls(
    "the same provider listed: the victim's Google login takes its older account in",
    async (record) => {
      const scenario = await startScenario({
        accounts: [{ ...attackerFederated, createdAt: monthsAgo(24) }],
        extraConnections: [nonVerifyingConnection],
        settings: {
          TRUSTED_CONNECTIONS: `${databaseConnection},google-oauth2,${nonVerifyingConnection.name}`,
        },
      });
      await playControl(record, scenario, {
        login: victimGoogleLogin,
        primary: { connection: nonVerifyingConnection.name, providerUserId: attacker.federatedId },
      });
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
          { who: "victim", input: victimGoogleLogin },
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
      const result = await playAttackerLoginAgainstVictimDatabase(
        record,
        scenario,
        attackerGoogleLogin(victim.email, true),
      );
      expect(linkingLine(result).reason).toBe("untrusted_connection");
    },
  );

  suite.controls(
    "TRUSTED_CONNECTIONS lists the database and Google: the Google login links",
    async (record) => {
      const scenario = await startScenario({
        accounts: [victimDatabase],
        settings: { TRUSTED_CONNECTIONS: `${databaseConnection},google-oauth2` },
      });
      await playControl(record, scenario, {
        login: victimGoogleLogin,
        primary: { connection: databaseConnection, providerUserId: victim.databaseId },
      });
    },
  );
});
