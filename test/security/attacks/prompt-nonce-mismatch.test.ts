import { describe } from "vitest";
import { CookieClient } from "../../integration/support/prompted-tenant";
import {
  expectControlLinks,
  expectNotLinked,
  promptedAuthorizeUrl,
  signInAt,
  startPromptScenario,
  tampered,
} from "../support/prompted-attack";
import { attackSuite } from "../support/recorder";

// The nonce carries, sealed, the candidate the Action chose and the time of the redirect; a nonce
// the browser swapped (one it made up, or one from another login) must not be accepted.
const suite = attackSuite("prompt-nonce-mismatch");

describe("prompted linking: the nonce is changed on the way", () => {
  suite.tries("the browser replaces the nonce with one it made up", async (record) => {
    const { tenant, lines } = await startPromptScenario();
    const browser = new CookieClient();
    const authorize = await promptedAuthorizeUrl(tenant, browser);
    const callback = await signInAt(browser, tampered(authorize, { nonce: "made-up-nonce" }));
    record.outcome = `continuation ${String(lines.at(-1)?.reason)}`;
    await expectNotLinked(tenant, callback, lines, "nonce_mismatch");
  });

  suite.tries(
    "the browser replaces the nonce with the one of another person's prompt",
    async (record) => {
      const { tenant, lines } = await startPromptScenario();
      const other = await promptedAuthorizeUrl(tenant, new CookieClient(), "okta-someone");
      const browser = new CookieClient();
      const authorize = await promptedAuthorizeUrl(tenant, browser);
      const callback = await signInAt(
        browser,
        tampered(authorize, { nonce: other.searchParams.get("nonce") ?? "" }),
      );
      record.outcome = `continuation ${String(lines.at(-1)?.reason)}`;
      await expectNotLinked(tenant, callback, lines, "nonce_mismatch");
    },
  );

  suite.tries("control: the untouched nonce links", async (record) => {
    record.outcome = await expectControlLinks();
  });
});
