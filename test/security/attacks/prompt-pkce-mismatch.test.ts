import { describe } from "vitest";
import { CookieClient, newPkce } from "../../local-tenant/login-side/support/cookie-client";
import {
  expectControlLinks,
  expectNotLinked,
  promptedAuthorizeUrl,
  signInAt,
  startPromptScenario,
  tampered,
} from "../support/prompted-attack";
import { attackSuite } from "../support/recorder";

// The code must only be exchangeable with the verifier the Action derived for this transaction:
// a challenge the browser swapped binds the code to someone else's verifier.
const suite = attackSuite("prompt-pkce-mismatch");

describe("prompted linking: the PKCE challenge is changed on the way", () => {
  suite.tries("the browser replaces the code_challenge with its own", async (record) => {
    const { tenant, lines } = await startPromptScenario();
    const browser = new CookieClient();
    const authorize = await promptedAuthorizeUrl(tenant, browser);
    const callback = await signInAt(
      browser,
      tampered(authorize, { code_challenge: newPkce().challenge }),
    );
    record.outcome = `continuation ${String(lines.at(-1)?.reason)}`;
    await expectNotLinked(tenant, callback, lines, "code_exchange_failed");
  });

  suite.tries("the browser drops PKCE from the request", async (record) => {
    const { tenant, lines } = await startPromptScenario();
    const browser = new CookieClient();
    const authorize = await promptedAuthorizeUrl(tenant, browser);
    const callback = await signInAt(
      browser,
      tampered(authorize, { code_challenge: undefined, code_challenge_method: undefined }),
    );
    record.outcome = `continuation ${String(lines.at(-1)?.reason ?? "none")}`;
    // The tenant may refuse the request itself (PKCE required) or the exchange later.
    await expectNotLinked(tenant, callback, lines, ["sign_in_error", "code_exchange_failed"]);
  });

  suite.tries("control: the untouched challenge links", async (record) => {
    record.outcome = await expectControlLinks();
  });
});
