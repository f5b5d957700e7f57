import { describe, expect } from "vitest";
import { victim, victimDatabaseAccount, victimGoogleLogin } from "../support/people";
import { attackSuite } from "../support/recorder";
import {
  countLinkRequests,
  databaseConnection,
  describeLogin,
  linkingLine,
  startScenario,
} from "../support/scenario";

// Exchanges in which nobody signs in (and ones Auth0 adds later) must not link or move a session.
const suite = attackSuite("non-interactive-exchange-links");

const googleLogin = victimGoogleLogin;

describe("non-interactive exchanges", () => {
  for (const [protocol, reason] of [
    ["wstrust-usernamemixed", "non_interactive_protocol"],
    ["oauth2-access-token", "non_interactive_protocol"],
    ["oauth2-some-future-grant", "unknown_protocol"],
  ] as const) {
    suite.tries(`a ${protocol} exchange next to the victim's account`, async (record) => {
      const scenario = await startScenario({ accounts: [victimDatabaseAccount()] });
      const login = await scenario.login({ ...googleLogin, protocol });
      record.outcome = `${describeLogin(login)}; ${countLinkRequests(scenario.tenant)} link requests`;
      expect(linkingLine(login)).toMatchObject({ reason, management_api_calls: 0 });
      expect(login.managementApiCalls).toEqual([]);
      expect(login.sessionUserId).toBe(scenario.userId("google-oauth2", victim.googleId));
    });
  }

  suite.tries("control: an interactive OIDC login links", async (record) => {
    const scenario = await startScenario({ accounts: [victimDatabaseAccount()] });
    const login = await scenario.login({ ...googleLogin, protocol: "oidc-basic-profile" });
    record.outcome = describeLogin(login);
    expect(linkingLine(login)).toMatchObject({ outcome: "linked" });
    expect(login.sessionUserId).toBe(scenario.userId(databaseConnection, victim.databaseId));
  });
});
