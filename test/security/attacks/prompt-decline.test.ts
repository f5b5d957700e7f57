import { describe, expect } from "vitest";
import {
  appCallback,
  CookieClient,
  janeDatabase,
  notNowUrl,
  signInThroughOkta,
} from "../../integration/support/prompted-tenant";
import {
  expectControlLinks,
  expectNotLinked,
  oktaUserId,
  startPromptScenario,
} from "../support/prompted-attack";
import { attackSuite } from "../support/recorder";

// The person says "not now": nothing may be linked, the login goes on as the account that logged
// in, and the decline is remembered on it.
const suite = attackSuite("prompt-decline");

describe("prompted linking: the person declines", () => {
  suite.tries("the person chooses Not now on the nested sign-in", async (record) => {
    const { tenant, lines } = await startPromptScenario();
    const browser = new CookieClient();
    const nested = await signInThroughOkta(tenant, browser);
    const callback = await browser.follow(notNowUrl(nested), appCallback);
    record.outcome = `continuation ${String(lines.at(-1)?.reason)}`;
    await expectNotLinked(tenant, callback, lines, "person_declined");
    expect(tenant.state.getUser(oktaUserId)?.app_metadata.account_linking_prompt).toMatchObject({
      v: 1,
      reason: "person_declined",
    });
    expect(tenant.state.getUser(janeDatabase.user_id)?.app_metadata).not.toHaveProperty(
      "account_linking_prompt",
    );
  });

  suite.tries("the sign-in comes back with an error other than access_denied", async (record) => {
    const { tenant, lines } = await startPromptScenario();
    const browser = new CookieClient();
    const nested = await signInThroughOkta(tenant, browser);
    const url = new URL(notNowUrl(nested));
    url.searchParams.set("error", "server_error");
    const callback = await browser.follow(url.toString(), appCallback);
    record.outcome = `continuation ${String(lines.at(-1)?.reason)}`;
    await expectNotLinked(tenant, callback, lines, "sign_in_error");
  });

  suite.tries("control: signing in instead links", async (record) => {
    record.outcome = await expectControlLinks();
  });
});
