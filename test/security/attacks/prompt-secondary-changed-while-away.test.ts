import { describe, expect } from "vitest";
import { appTokens, CookieClient, janeDatabase } from "../../integration/support/prompted-tenant";
import {
  expectControlLinks,
  oktaUserId,
  promptedAuthorizeUrl,
  signInAt,
  startPromptScenario,
} from "../support/prompted-attack";
import { attackSuite } from "../support/recorder";

// The person is away for minutes signing in to the other account. Meanwhile an administrator (or
// the backfill, or another login) links another account into the one that logged in. Auth0 links
// whoever holds the identity when the link is sent, whole: without a fresh read, the
// continuation's link would carry that other account, none of whose protections were checked,
// into the database account.
const suite = attackSuite("prompt-secondary-changed-while-away");

describe("prompted linking: the account that logged in must still stand alone", () => {
  suite.tries(
    "another account is linked into the Okta account while the person signs in to the database account",
    async (record) => {
      const { tenant, lines } = await startPromptScenario();
      const browser = new CookieClient();
      const authorize = await promptedAuthorizeUrl(tenant, browser);
      const outsider = tenant.state.createUser({
        connection: "apple",
        providerUserId: "outsider-apple",
        email: "outsider@example.net",
        email_verified: true,
      });
      tenant.state.linkIdentity(oktaUserId, { provider: "apple", user_id: "outsider-apple" });
      const callback = await signInAt(browser, authorize.toString());
      record.outcome = `continuation ${String(lines.at(-1)?.reason)}`;
      expect(lines.at(-1)).toMatchObject({
        outcome: "declined",
        reason: "secondary_changed",
        detail: "identities_changed",
        links: 0,
      });
      expect((await appTokens(tenant, callback)).sub).toBe(oktaUserId);
      expect(tenant.state.getUser(janeDatabase.user_id)?.identities).toHaveLength(1);
      expect(tenant.state.findUserByIdentity("apple", "outsider-apple")?.user_id).toBe(oktaUserId);
      expect(tenant.state.getUser(outsider.user_id)).toBeUndefined();
    },
  );

  suite.tries("control: the verified account is offered and links", async (record) => {
    record.outcome = await expectControlLinks();
  });
});
