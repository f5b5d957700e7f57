import { describe, expect } from "vitest";
import { MARKER_KEY } from "../../../src/linking/marker";
import { playAttack } from "../support/attack-play";
import { attackerOwnLogin, startWithAttackerOwnAccount } from "../support/attacker-own-account";
import { playControl } from "../support/control-play";
import { attacker, victim } from "../support/people";
import { attackSuite } from "../support/recorder";
import { databaseConnection, linkingLine } from "../support/scenario";

// A marker only vouches for the address it was written for; any other value means "check again".
const suite = attackSuite("marker-for-another-email");

describe("a marker that does not match the account's address", () => {
  for (const [tried, marker] of [
    ["a marker for the attacker's previous address", undefined],
    ["a marker of a future version", { v: 99, email_hash: "0", checked_at: "2030-01-01" }],
    ["a marker that is a string", "checked"],
  ] as const) {
    suite.tries(
      `${tried}, on an account now holding the victim's address unverified`,
      async (record) => {
        const { scenario, attackerId } = await startWithAttackerOwnAccount();
        const attackerLogin = { ...attackerOwnLogin, email: victim.email, emailVerified: false };
        // The attacker's own earlier login wrote a genuine marker for the attacker's address.
        await scenario.login(attackerOwnLogin);
        scenario.tenant.state.updateUser(attackerId, {
          email: victim.email,
          email_verified: false,
          ...(marker === undefined ? {} : { app_metadata: { [MARKER_KEY]: marker } }),
        });
        const results = await playAttack(record, scenario, {
          victimAccounts: [scenario.userId("google-oauth2", victim.googleId)],
          logins: [{ who: "attacker", input: attackerLogin }],
        });
        expect(results.map((result) => linkingLine(result).reason)).toEqual(["email_not_verified"]);
      },
    );

    // Had the Action trusted the old marker, it would skip this login as already checked.
    suite.controls(
      `${tried}, on an account now holding the victim's address verified: it is checked again and links`,
      async (record) => {
        const { scenario, attackerId } = await startWithAttackerOwnAccount();
        await scenario.login(attackerOwnLogin);
        scenario.tenant.state.updateUser(attackerId, {
          email: victim.email,
          email_verified: true,
          ...(marker === undefined ? {} : { app_metadata: { [MARKER_KEY]: marker } }),
        });
        await playControl(record, scenario, {
          login: { ...attackerOwnLogin, email: victim.email, emailVerified: true },
          primary: { connection: databaseConnection, providerUserId: attacker.databaseId },
          secondaries: [{ connection: "google-oauth2", providerUserId: victim.googleId }],
        });
      },
    );
  }
});
