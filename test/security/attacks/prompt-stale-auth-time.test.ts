import { setTimeout as sleep } from "node:timers/promises";
import { describe, expect } from "vitest";
import { authTimeSkewSeconds } from "../../../src/action/prompt/continuation/check-auth-time";
import {
  appAuthorizeUrl,
  appCallback,
  appTokens,
  CookieClient,
  database,
  janeDatabase,
  signInToDatabase,
} from "../../integration/support/prompted-tenant";
import {
  expectControlLinks,
  expectNotLinked,
  promptedAuthorizeUrl,
  startPromptScenario,
  tampered,
} from "../support/prompted-attack";
import { attackSuite } from "../support/recorder";

// A shared browser still holds the victim's session. The attacker signs in with their own Okta
// account and the victim's address, then strips prompt=login and max_age=0 from the nested URL
// so that the session, not a fresh sign-in, answers it.
const suite = attackSuite("prompt-stale-auth-time");

describe("prompted linking: a remembered session answers the nested sign-in", () => {
  suite.tries(
    "the nested sign-in is answered from the victim's session older than the redirect",
    async (record) => {
      const { tenant, lines } = await startPromptScenario();
      const browser = new CookieClient();
      const victimPage = await browser.follow(appAuthorizeUrl(tenant, database));
      const victimCallback = await signInToDatabase(browser, victimPage);
      expect((await appTokens(tenant, victimCallback)).sub).toBe(janeDatabase.user_id);
      await sleep((authTimeSkewSeconds + 1.5) * 1000);

      const authorize = await promptedAuthorizeUrl(tenant, browser, "okta-jane");
      const callback = await browser.follow(
        tampered(authorize, { prompt: undefined, max_age: undefined }),
        appCallback,
      );
      record.outcome = `continuation ${String(lines.at(-1)?.reason)}`;
      await expectNotLinked(tenant, callback, lines, "stale_authentication");
    },
  );

  suite.tries("control: a fresh sign-in at the untouched URL links", async (record) => {
    record.outcome = await expectControlLinks();
  });
});
