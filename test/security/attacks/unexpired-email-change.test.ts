import { describe, expect } from "vitest";
import type { LoginResult } from "../../../src/local-tenant/simulator/login";
import { playAttack } from "../support/attack-play";
import { attackerOwnLogin, startWithAttackerOwnAccount } from "../support/attacker-own-account";
import { playControl } from "../support/control-play";
import {
  attacker,
  monthsAgo,
  squattedDatabaseAccount,
  victim,
  victimDatabaseAccount,
  victimGoogleLogin,
} from "../support/people";
import { attackSuite } from "../support/recorder";
import { databaseConnection, linkingLine, startScenario } from "../support/scenario";

// The attacker registers the victim's address, starts a change to their own address and waits;
// once the victim has used the address, the attacker confirms the change. Cancelling pending
// changes on recovery is the tenant's job; the Action must not have joined anything meanwhile,
// and must look again (not trust an old marker) whenever an account's address changes.
const suite = attackSuite("unexpired-email-change");

describe("unexpired email change", () => {
  suite.tries(
    "victim signs in with Google while the unverified squatter's change is pending, then the attacker confirms the change",
    async (record) => {
      const scenario = await startScenario({ accounts: [squattedDatabaseAccount(monthsAgo(2))] });
      const squattedId = scenario.userId(databaseConnection, attacker.databaseId);
      const victimLogin = await scenario.login(victimGoogleLogin);
      scenario.tenant.state.updateUser(squattedId, {
        email: attacker.email,
        email_verified: true,
      });
      const [attackerLogin] = await playAttack(record, scenario, {
        victimAccounts: [scenario.userId("google-oauth2", victim.googleId)],
        logins: [{ who: "attacker", input: attackerOwnLogin }],
      });
      expect(linkingLine(victimLogin).reason).toBe("no_candidates");
      expect(linkingLine(attackerLogin as LoginResult).reason).toBe("no_candidates");
    },
  );

  suite.controls(
    "the password account's address verified by its owner, no change pending: the victim's Google login links into it",
    async (record) => {
      const scenario = await startScenario({
        accounts: [victimDatabaseAccount({ createdAt: monthsAgo(2) })],
      });
      await playControl(record, scenario, {
        login: victimGoogleLogin,
        primary: { connection: databaseConnection, providerUserId: victim.databaseId },
      });
    },
  );

  suite.tries(
    "attacker's checked account changes its address to the victim's (unverified, as Auth0 sets it)",
    async (record) => {
      const { scenario, attackerId } = await startWithAttackerOwnAccount();
      const checked = await scenario.login(attackerOwnLogin);
      scenario.tenant.state.updateUser(attackerId, {
        email: victim.email,
        email_verified: false,
      });
      const [changed] = await playAttack(record, scenario, {
        victimAccounts: [scenario.userId("google-oauth2", victim.googleId)],
        logins: [{ who: "attacker", input: { ...attackerOwnLogin, email: victim.email } }],
      });
      expect(linkingLine(checked).reason).toBe("no_candidates");
      // The marker was for the old address: the Action checks again instead of skipping.
      expect(linkingLine(changed as LoginResult).reason).toBe("email_not_verified");
    },
  );

  suite.controls(
    "the checked account's new address is the victim's and verified: it is checked again and links",
    async (record) => {
      const { scenario, attackerId } = await startWithAttackerOwnAccount();
      await scenario.login(attackerOwnLogin);
      scenario.tenant.state.updateUser(attackerId, { email: victim.email, email_verified: true });
      await playControl(record, scenario, {
        login: { ...attackerOwnLogin, email: victim.email },
        primary: { connection: databaseConnection, providerUserId: attacker.databaseId },
        secondaries: [{ connection: "google-oauth2", providerUserId: victim.googleId }],
      });
    },
  );
});
