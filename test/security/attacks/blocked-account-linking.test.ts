import { describe, expect } from "vitest";
import { monthsAgo, victim, victimDatabaseAccount, victimGoogleLogin } from "../support/people";
import { attackSuite } from "../support/recorder";
import {
  countLinkRequests,
  databaseConnection,
  describeLogin,
  linkingLine,
  startScenario,
} from "../support/scenario";

// An administrator blocked an account: linking a new sign-up into it, or linking it into the
// person's free account, would end a session on it or evade the block.
const suite = attackSuite("blocked-account-linking");

const googleLogin = victimGoogleLogin;

describe("blocked accounts", () => {
  suite.tries("a new Google sign-up next to a blocked password account", async (record) => {
    const scenario = await startScenario({ accounts: [victimDatabaseAccount({ blocked: true })] });
    const blockedId = scenario.userId(databaseConnection, victim.databaseId);
    const before = scenario.user(blockedId);
    const login = await scenario.login(googleLogin);
    record.outcome = `${describeLogin(login)}; ${countLinkRequests(scenario.tenant)} link requests`;
    expect(login.sessionUserId).toBe(scenario.userId("google-oauth2", victim.googleId));
    expect(linkingLine(login)).toMatchObject({ reason: "blocked_account", links: 0 });
    expect(scenario.user(blockedId)).toEqual(before);
  });

  suite.tries(
    "the free password account's login next to a blocked Google account",
    async (record) => {
      const scenario = await startScenario({
        accounts: [
          victimDatabaseAccount(),
          {
            connection: "google-oauth2",
            providerUserId: victim.googleId,
            email: victim.email,
            emailVerified: true,
            createdAt: monthsAgo(1),
            blocked: true,
          },
        ],
      });
      const login = await scenario.login({
        ...googleLogin,
        connection: databaseConnection,
        providerUserId: victim.databaseId,
      });
      const blockedLogin = await scenario.login(googleLogin);
      record.outcome = `free account ${describeLogin(login)}; blocked account ${describeLogin(blockedLogin)}`;
      expect(linkingLine(login)).toMatchObject({ reason: "blocked_account" });
      expect(countLinkRequests(scenario.tenant)).toBe(0);
      // Auth0 refuses the blocked account's own login before any Action runs.
      expect(blockedLogin).toMatchObject({ errorCode: "user_blocked", logLines: [] });
    },
  );

  suite.tries("control: the same sign-up links once the account is not blocked", async (record) => {
    const scenario = await startScenario({ accounts: [victimDatabaseAccount()] });
    const login = await scenario.login(googleLogin);
    record.outcome = describeLogin(login);
    expect(login.sessionUserId).toBe(scenario.userId(databaseConnection, victim.databaseId));
    expect(linkingLine(login)).toMatchObject({ outcome: "linked" });
  });
});
