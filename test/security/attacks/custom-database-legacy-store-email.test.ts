import { describe, expect } from "vitest";
import type { Connection } from "../../../src/local-tenant/tenant-state";
import {
  attacker,
  monthsAgo,
  victim,
  victimGoogleAccount,
  victimGoogleLogin,
} from "../support/people";
import { attackSuite } from "../support/recorder";
import { countLinkRequests, describeLogin, linkingLine, startScenario } from "../support/scenario";

// A custom database has strategy auth0 like the built-in one, and its email_verified is whatever
// a legacy store says: the attacker registered the victim's address there.
const suite = attackSuite("custom-database-legacy-store-email");

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
const victimGoogle = victimGoogleAccount(monthsAgo(6));
const googleLogin = victimGoogleLogin;

describe("custom databases", () => {
  suite.tries("the attacker logs in through the custom database", async (record) => {
    const scenario = await startScenario({
      extraConnections: [legacyDatabase],
      accounts: [attackerLegacy, victimGoogle],
    });
    const login = await scenario.login(attackerLegacy);
    record.outcome = `${describeLogin(login)}; ${countLinkRequests(scenario.tenant)} link requests`;
    expect(linkingLine(login)).toMatchObject({ reason: "untrusted_custom_database" });
    expect(countLinkRequests(scenario.tenant)).toBe(0);
  });

  suite.tries("the victim logs in with Google next to the legacy account", async (record) => {
    const scenario = await startScenario({
      extraConnections: [legacyDatabase],
      accounts: [attackerLegacy, victimGoogle],
    });
    const login = await scenario.login(googleLogin);
    record.outcome = `${describeLogin(login)}; ${countLinkRequests(scenario.tenant)} link requests`;
    expect(login.sessionUserId).toBe(scenario.userId("google-oauth2", victim.googleId));
    expect(linkingLine(login)).toMatchObject({ reason: "no_candidates" });
    expect(countLinkRequests(scenario.tenant)).toBe(0);
  });

  suite.tries("the connections cannot be read: no database is trusted", async (record) => {
    const scenario = await startScenario({
      extraConnections: [legacyDatabase],
      accounts: [attackerLegacy, victimGoogle],
    });
    scenario.tenant.api.faults.inject("list-connections", { kind: "status", status: 503 });
    const login = await scenario.login(googleLogin);
    record.outcome = `${describeLogin(login)}; ${countLinkRequests(scenario.tenant)} link requests`;
    expect(linkingLine(login)).toMatchObject({ reason: "connection_lookup_failed" });
    expect(login.sessionUserId).toBe(scenario.userId("google-oauth2", victim.googleId));
    expect(countLinkRequests(scenario.tenant)).toBe(0);
  });

  suite.tries(
    "control: listed in TRUSTED_CONNECTIONS, the custom database links",
    async (record) => {
      const scenario = await startScenario({
        extraConnections: [legacyDatabase],
        accounts: [attackerLegacy, victimGoogle],
        settings: { TRUSTED_CONNECTIONS: "legacy-db,google-oauth2" },
      });
      const login = await scenario.login(googleLogin);
      record.outcome = describeLogin(login);
      expect(linkingLine(login)).toMatchObject({ outcome: "linked" });
    },
  );
});
