import { describe, expect } from "vitest";
import { playControl } from "../support/control-play";
import { googleLogin, person, startLinkableScenario } from "../support/fault-play";
import { attackSuite } from "../support/recorder";
import {
  countLinkRequests,
  databaseConnection,
  describeLogin,
  linkingLine,
} from "../support/scenario";

// Misconfigured or tampered secrets: nothing is linked, no secret value reaches the log, and the
// person signs in as the account they used, unless the administrator asked for ON_ERROR=deny.
const suite = attackSuite("secrets-missing-or-malformed");

const cases: { tried: string; settings: Record<string, string>; reason: string }[] = [
  {
    tried: "a wrong client secret",
    settings: { LINKING_CLIENT_SECRET: "wrong-secret-value-1234" },
    reason: "token_failed",
  },
  { tried: "no client id", settings: { LINKING_CLIENT_ID: "" }, reason: "config_invalid" },
  {
    tried: "a domain with a scheme and a path",
    settings: { LINKING_AUTH0_DOMAIN: "https://attacker.example/steal" },
    reason: "config_invalid",
  },
  {
    tried: "MERGE_APP_METADATA_KEYS listing __proto__",
    settings: { MERGE_APP_METADATA_KEYS: "plan,__proto__" },
    reason: "config_invalid",
  },
  {
    tried: "MERGE_APP_METADATA_KEYS listing the marker",
    settings: { MERGE_APP_METADATA_KEYS: "account_linking" },
    reason: "config_invalid",
  },
  {
    tried: "an unknown LINKING_MODE",
    settings: { LINKING_MODE: "link-all" },
    reason: "config_invalid",
  },
  {
    tried: "a TIME_BUDGET_MS past Auth0's limit",
    settings: { TIME_BUDGET_MS: "60000" },
    reason: "config_invalid",
  },
  { tried: "an unknown ON_ERROR", settings: { ON_ERROR: "sometimes" }, reason: "config_invalid" },
];

describe("the Action's secrets missing or malformed", () => {
  for (const { tried, settings, reason } of cases) {
    suite.tries(tried, async (record) => {
      const scenario = await startLinkableScenario(settings);
      const databaseId = scenario.userId(databaseConnection, person.databaseId);
      const databaseBefore = scenario.user(databaseId);
      const login = await scenario.login(googleLogin);
      record.outcome = `${describeLogin(login)}; ${countLinkRequests(scenario.tenant)} link requests`;

      expect(login.error).toBeUndefined();
      expect(login.denied).toBeUndefined();
      expect(login.sessionUserId).toBe(scenario.userId("google-oauth2", person.googleId));
      expect(linkingLine(login)).toMatchObject({ outcome: "error", reason, links: 0 });
      expect(countLinkRequests(scenario.tenant)).toBe(0);
      expect(scenario.user(databaseId)).toEqual(databaseBefore);
      for (const [keyword, value] of Object.entries(settings)) {
        if (/SECRET|DOMAIN/.test(keyword)) expect(login.logs.join("\n")).not.toContain(value);
      }
    });
  }

  suite.tries("a wrong client secret with ON_ERROR=deny", async (record) => {
    const scenario = await startLinkableScenario({
      LINKING_CLIENT_SECRET: "wrong-secret-value-1234",
      ON_ERROR: "deny",
    });
    const login = await scenario.login(googleLogin);
    record.outcome = describeLogin(login);
    expect(login.denied).toBeDefined();
    expect(login.sessionUserId).toBeUndefined();
    expect(countLinkRequests(scenario.tenant)).toBe(0);
  });

  suite.controls("the tenant's own secrets, untouched, link", async (record) => {
    const scenario = await startLinkableScenario();
    await playControl(record, scenario, {
      login: googleLogin,
      primary: { connection: databaseConnection, providerUserId: person.databaseId },
    });
  });

  suite.controls(
    "well-formed values of the same keywords (a merge key, a mode, a budget, ON_ERROR=deny) link",
    async (record) => {
      const scenario = await startLinkableScenario({
        MERGE_APP_METADATA_KEYS: "plan",
        LINKING_MODE: "link",
        TIME_BUDGET_MS: "10000",
        ON_ERROR: "deny",
      });
      await playControl(record, scenario, {
        login: googleLogin,
        primary: { connection: databaseConnection, providerUserId: person.databaseId },
      });
    },
  );
});
