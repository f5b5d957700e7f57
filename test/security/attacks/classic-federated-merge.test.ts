import { describe, expect } from "vitest";
import { playControl } from "../support/control-play";
import {
  attacker,
  monthsAgo,
  squattedDatabaseAccount,
  squatterLogin,
  victim,
  victimDatabaseAccount,
  victimDatabaseLogin,
  victimGoogleAccount,
} from "../support/people";
import { attackSuite } from "../support/recorder";
import {
  countLinkRequests,
  databaseConnection,
  describeLogin,
  linkingLine,
  startScenario,
  withoutOwnLoginTraces,
} from "../support/scenario";

// The attacker signs up with the victim's address and a password, never verifies it, and waits
// for the victim to sign in with a federated provider: a merge would let the password in.
const suite = attackSuite("classic-federated-merge");

const squatWithPlantedNote = squattedDatabaseAccount(monthsAgo(6), {
  userMetadata: { attacker_note: "planted" },
});

describe("classic-federated merge", () => {
  for (const federated of [
    { connection: "google-oauth2", providerUserId: victim.googleId },
    { connection: "apple", providerUserId: victim.appleId },
    { connection: "email", providerUserId: victim.passwordlessId },
  ]) {
    suite.tries(
      `unverified password account with the victim's address, then the victim signs in with ${federated.connection}`,
      async (record) => {
        const scenario = await startScenario({ accounts: [squatWithPlantedNote] });
        const squatted = scenario.userId(databaseConnection, attacker.databaseId);
        const squattedBefore = scenario.user(squatted);

        const victimLogin = await scenario.login({
          ...federated,
          email: victim.email,
          emailVerified: true,
        });
        const victimId = scenario.userId(federated.connection, federated.providerUserId);
        const victimAfterOwnLogin = scenario.user(victimId);
        const attackerLogin = await scenario.login(squatterLogin);
        record.outcome = `victim ${describeLogin(victimLogin)}; attacker ${describeLogin(attackerLogin)}; ${countLinkRequests(scenario.tenant)} link requests`;

        expect(victimLogin.sessionUserId).toBe(victimId);
        expect(linkingLine(victimLogin)).toMatchObject({ reason: "no_candidates", links: 0 });
        expect(attackerLogin.sessionUserId).toBe(squatted);
        expect(linkingLine(attackerLogin)).toMatchObject({ reason: "email_not_verified" });
        expect(countLinkRequests(scenario.tenant)).toBe(0);
        expect(scenario.user(victimId)).toEqual(victimAfterOwnLogin);
        expect(scenario.user(victimId)?.identities).toHaveLength(1);
        expect(withoutOwnLoginTraces(scenario.user(squatted))).toEqual(
          withoutOwnLoginTraces(squattedBefore),
        );
      },
    );

    suite.controls(
      `the password account's address verified by its owner, the ${federated.connection} login links into it`,
      async (record) => {
        const scenario = await startScenario({
          accounts: [victimDatabaseAccount({ createdAt: monthsAgo(6) })],
        });
        await playControl(record, scenario, {
          login: { ...federated, email: victim.email, emailVerified: true },
          primary: { connection: databaseConnection, providerUserId: victim.databaseId },
        });
      },
    );
  }

  suite.tries(
    "the victim signs in with Google first, then the attacker registers the address and signs in by password",
    async (record) => {
      const scenario = await startScenario({
        accounts: [victimGoogleAccount(monthsAgo(12), { userMetadata: { theme: "dark" } })],
      });
      const victimId = scenario.userId("google-oauth2", victim.googleId);
      const victimBefore = scenario.user(victimId);

      const attackerLogin = await scenario.login(squatterLogin);
      record.outcome = `attacker ${describeLogin(attackerLogin)}; ${countLinkRequests(scenario.tenant)} link requests`;

      expect(attackerLogin.sessionUserId).toBe(
        scenario.userId(databaseConnection, attacker.databaseId),
      );
      expect(linkingLine(attackerLogin)).toMatchObject({ reason: "email_not_verified" });
      expect(attackerLogin.managementApiCalls).toEqual([]);
      expect(scenario.user(victimId)).toEqual(victimBefore);
    },
  );

  suite.controls(
    "the password account's address verified by its owner, its login takes the older Google account in",
    async (record) => {
      const scenario = await startScenario({
        accounts: [
          victimGoogleAccount(monthsAgo(12), { userMetadata: { theme: "dark" } }),
          victimDatabaseAccount({ createdAt: monthsAgo(1) }),
        ],
      });
      await playControl(record, scenario, {
        login: victimDatabaseLogin,
        primary: { connection: "google-oauth2", providerUserId: victim.googleId },
        secondaries: [{ connection: databaseConnection, providerUserId: victim.databaseId }],
      });
    },
  );
});
