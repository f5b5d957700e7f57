import { describe, expect } from "vitest";
import type { Connection } from "../../../src/local-tenant/tenant-state";
import {
  attacker,
  monthsAgo,
  victim,
  victimDatabaseAccount,
  victimGoogleAccount,
  victimGoogleLogin,
} from "../support/people";
import { attackSuite } from "../support/recorder";
import {
  countLinkRequests,
  databaseConnection,
  describeLogin,
  linkingLine,
  startScenario,
} from "../support/scenario";

// Auth0 returns a connection's `options` only to a token that also has read:connections_options
// (the specification's ConnectionOptions). Without it, a custom database, whose email_verified is
// whatever a legacy store says, looks exactly like the built-in one: neither may be trusted by
// default. The attacker registered the victim's address in the legacy store.
const suite = attackSuite("custom-database-options-withheld");

const optionsScope = "read:connections_options";
const legacyDatabase: Connection = {
  id: "con_LegacyDatabase01",
  name: "legacy-db",
  strategy: "auth0",
  options: { enabledDatabaseCustomization: true },
};
const attackerLegacy = {
  connection: "legacy-db",
  providerUserId: attacker.databaseId,
  email: victim.email,
  emailVerified: true,
  createdAt: monthsAgo(24),
};
const attackerLegacyLogin = {
  connection: "legacy-db",
  providerUserId: attacker.databaseId,
  email: victim.email,
  emailVerified: true,
};
const victimGoogle = victimGoogleAccount(monthsAgo(6));

function listConnectionRequests(scenario: Awaited<ReturnType<typeof startScenario>>): number {
  return scenario.tenant.api.requestLog
    .entries()
    .filter((entry) => entry.endpointKey === "list-connections").length;
}

describe("a token without read:connections_options", () => {
  suite.tries(
    "the victim logs in with Google next to the legacy account: nothing links",
    async (record) => {
      const scenario = await startScenario({
        extraConnections: [legacyDatabase],
        accounts: [attackerLegacy, victimGoogle],
        withoutActionScopes: [optionsScope],
      });
      const login = await scenario.login(victimGoogleLogin);
      record.outcome = `${describeLogin(login)}; ${countLinkRequests(scenario.tenant)} link requests`;
      expect(login.sessionUserId).toBe(scenario.userId("google-oauth2", victim.googleId));
      expect(linkingLine(login)).toMatchObject({ outcome: "skipped", reason: "no_candidates" });
      expect(countLinkRequests(scenario.tenant)).toBe(0);
      expect(scenario.ownerOf("legacy-db", attacker.databaseId)).toBe(
        scenario.userId("legacy-db", attacker.databaseId),
      );
    },
  );

  suite.tries(
    "the attacker logs in through the legacy store, twice: refused with its own reason",
    async (record) => {
      const scenario = await startScenario({
        extraConnections: [legacyDatabase],
        accounts: [attackerLegacy, victimGoogle],
        withoutActionScopes: [optionsScope],
      });
      const first = await scenario.login(attackerLegacyLogin);
      const second = await scenario.login(attackerLegacyLogin);
      record.outcome = `${describeLogin(second)}; ${countLinkRequests(scenario.tenant)} link requests`;
      for (const login of [first, second]) {
        expect(login.sessionUserId).toBe(scenario.userId("legacy-db", attacker.databaseId));
        expect(linkingLine(login)).toMatchObject({
          outcome: "skipped",
          reason: "database_options_withheld",
        });
      }
      expect(countLinkRequests(scenario.tenant)).toBe(0);
      // The answer is remembered: the second login asks the tenant nothing about connections.
      expect(listConnectionRequests(scenario)).toBe(1);
    },
  );

  suite.tries("the built-in database is not trusted either", async (record) => {
    const scenario = await startScenario({
      accounts: [victimDatabaseAccount(), victimGoogle],
      withoutActionScopes: [optionsScope],
    });
    const login = await scenario.login(victimGoogleLogin);
    record.outcome = `${describeLogin(login)}; ${countLinkRequests(scenario.tenant)} link requests`;
    expect(linkingLine(login)).toMatchObject({ reason: "no_candidates" });
    expect(countLinkRequests(scenario.tenant)).toBe(0);
  });

  suite.tries(
    "control: the built-in database named in TRUSTED_CONNECTIONS links",
    async (record) => {
      const scenario = await startScenario({
        extraConnections: [legacyDatabase],
        accounts: [victimDatabaseAccount(), victimGoogle],
        withoutActionScopes: [optionsScope],
        settings: { TRUSTED_CONNECTIONS: `${databaseConnection},google-oauth2` },
      });
      const login = await scenario.login(victimGoogleLogin);
      record.outcome = describeLogin(login);
      expect(linkingLine(login)).toMatchObject({ outcome: "linked" });
      expect(login.sessionUserId).toBe(scenario.userId(databaseConnection, victim.databaseId));
    },
  );
});

describe("a token with read:connections_options", () => {
  suite.tries(
    "the legacy store is told from the built-in database: the legacy account stays apart",
    async (record) => {
      const scenario = await startScenario({
        extraConnections: [legacyDatabase],
        accounts: [attackerLegacy, victimGoogle],
      });
      const login = await scenario.login(victimGoogleLogin);
      record.outcome = `${describeLogin(login)}; ${countLinkRequests(scenario.tenant)} link requests`;
      expect(linkingLine(login)).toMatchObject({ reason: "no_candidates" });
      expect(countLinkRequests(scenario.tenant)).toBe(0);
    },
  );

  suite.tries("control: the built-in database links by default", async (record) => {
    const scenario = await startScenario({
      extraConnections: [legacyDatabase],
      accounts: [victimDatabaseAccount(), victimGoogle],
    });
    const login = await scenario.login(victimGoogleLogin);
    record.outcome = describeLogin(login);
    expect(linkingLine(login)).toMatchObject({ outcome: "linked" });
    expect(login.sessionUserId).toBe(scenario.userId(databaseConnection, victim.databaseId));
  });
});
