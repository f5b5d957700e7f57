import { describe, expect } from "vitest";
import {
  appCallback,
  appTokens,
  CookieClient,
  database,
  email,
  janeDatabase,
  password,
  promptClientId,
} from "../../integration/support/prompted-tenant";
import { formAction } from "../../local-tenant/login-side/support/cookie-client";
import {
  expectControlLinks,
  promptedAuthorizeUrl,
  signInAt,
  startPromptScenario,
} from "../support/prompted-attack";
import { attackSuite } from "../support/recorder";

// The nested sign-in runs the whole post-login pipeline for the other account. Linking or
// prompting there would move that sign-in's session and make its ID token name someone else,
// or loop; and a login started directly with the prompt client must not be able to prompt.
const suite = attackSuite("prompt-inside-nested-transaction");

describe("prompted linking: nothing happens inside the nested sign-in", () => {
  suite.tries(
    "the nested sign-in's own execution makes no request, no redirect and no link",
    async (record) => {
      const { tenant, lines } = await startPromptScenario();
      const browser = new CookieClient();
      const authorize = await promptedAuthorizeUrl(tenant, browser);
      const callback = await signInAt(browser, authorize.toString());
      record.outcome = lines.map((line) => String(line.reason)).join(" -> ");
      expect(lines[1]).toMatchObject({
        outcome: "skipped",
        reason: "prompt_transaction",
        management_api_calls: 0,
      });
      expect((await appTokens(tenant, callback)).sub).toBe(janeDatabase.user_id);
    },
  );

  suite.tries(
    "a login started directly with the prompt client is never prompted nor linked",
    async (record) => {
      const { tenant, lines } = await startPromptScenario();
      const browser = new CookieClient();
      const url = new URL("/authorize", tenant.api.origin);
      url.search = new URLSearchParams({
        client_id: promptClientId,
        response_type: "code",
        redirect_uri: `${tenant.api.origin}/continue`,
        scope: "openid",
        connection: "acme-okta",
        state: "forged",
      }).toString();
      const page = await browser.follow(url.toString());
      const hop = await browser.request(formAction(page, "acme-okta"), {
        form: { connection: "acme-okta", user_id: "okta-jane", email, email_verified: "true" },
      });
      const landed = await browser.follow(hop.location ?? "", appCallback);
      record.outcome = `${lines.map((line) => String(line.reason)).join(" -> ")}; ${landed.status}`;
      expect(lines).toEqual([
        expect.objectContaining({ reason: "prompt_transaction", management_api_calls: 0 }),
      ]);
      expect(tenant.state.getUser(janeDatabase.user_id)?.identities).toHaveLength(1);
      expect(landed.status).toBe(400);
      expect(landed.body).toContain('data-error="invalid_request"');
      void database;
      void password;
    },
  );

  suite.tries("control: the outer login links after the nested sign-in", async (record) => {
    record.outcome = await expectControlLinks();
  });
});
