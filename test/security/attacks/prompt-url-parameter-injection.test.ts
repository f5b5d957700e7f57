import { describe, expect } from "vitest";
import { nestedAuthorizeParameters } from "../../action/prompt/prompt-fixtures";
import {
  appAuthorizeUrl,
  CookieClient,
  database,
  email,
  okta,
  oktaSignInRedirect,
  promptClientId,
} from "../../integration/support/prompted-tenant";
import { expectControlLinks, oktaUserId, startPromptScenario } from "../support/prompted-attack";
import { attackSuite } from "../support/recorder";

// The login request is the attacker's to write: parameters it carries must not reach the nested
// authorization request, or a crafted link could send the person's code elsewhere, pick the
// connection, silence the sign-in or pre-fill another address.
const suite = attackSuite("prompt-url-parameter-injection");

const injected = {
  login_hint: "attacker@example.net",
  nonce: "attacker-nonce",
  "ext-connection": "attacker-connection",
  "ext-redirect_uri": "https://attacker.example/steal",
  max_age: "999999",
};

describe("prompted linking: parameters injected through the login request", () => {
  suite.tries(
    "a crafted login link carries login_hint, nonce, max_age and ext- parameters",
    async (record) => {
      const { tenant } = await startPromptScenario();
      const crafted = new URL(appAuthorizeUrl(tenant, okta));
      for (const [name, value] of Object.entries(injected)) crafted.searchParams.set(name, value);
      const redirect = await oktaSignInRedirect(
        tenant,
        new CookieClient(),
        "okta-jane",
        crafted.toString(),
      );
      const nested = new URL(redirect.location ?? "");
      record.outcome = `nested request ${nested.pathname} with ${[...nested.searchParams.keys()].join(",")}`;
      expect(`${nested.origin}${nested.pathname}`).toBe(`${tenant.api.origin}/authorize`);
      expect([...nested.searchParams.keys()].sort()).toEqual(
        [...nestedAuthorizeParameters, "state"].sort(),
      );
      expect(Object.fromEntries(nested.searchParams)).toMatchObject({
        client_id: promptClientId,
        redirect_uri: `${tenant.api.origin}/continue`,
        connection: database,
        login_hint: email,
        max_age: "0",
        prompt: "login",
      });
      expect(nested.searchParams.get("nonce")).not.toBe(injected.nonce);
      expect(tenant.state.getUser(oktaUserId)?.identities).toHaveLength(1);
    },
  );

  suite.tries("control: the untouched login links", async (record) => {
    record.outcome = await expectControlLinks();
  });
});
