import { describe, expect } from "vitest";
import {
  appCallback,
  appTokens,
  CookieClient,
  janeDatabase,
  signInThroughOkta,
} from "../../integration/support/prompted-tenant";
import { expectControlLinks, oktaUserId, startPromptScenario } from "../support/prompted-attack";
import { attackSuite } from "../support/recorder";

// Pre-account hijacking: the attacker registered the victim's address with a password and never
// verified it. Inviting the victim to sign in to it (after a password reset, say) would hand the
// victim's login to an account the attacker set up, trojan identities and all.
const suite = attackSuite("prompt-unverified-candidate");

describe("prompted linking: an unverified account is never offered", () => {
  suite.tries(
    "the only account with the address is an unverified password account",
    async (record) => {
      const squatted = { ...janeDatabase, email_verified: false };
      const { tenant, lines } = await startPromptScenario([squatted]);
      const callback = await signInThroughOkta(tenant, new CookieClient());
      record.outcome = `login ${String(lines.at(-1)?.reason)}, prompt ${String(lines.at(-1)?.prompt)}`;
      expect(callback.location?.startsWith(appCallback)).toBe(true);
      expect((await appTokens(tenant, callback)).sub).toBe(oktaUserId);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatchObject({
        outcome: "skipped",
        reason: "untrusted_connection",
        prompt: "no_prompt_candidate",
      });
      expect(tenant.state.getUser(squatted.user_id)?.identities).toHaveLength(1);
    },
  );

  suite.tries("control: the verified account is offered and links", async (record) => {
    record.outcome = await expectControlLinks();
  });
});
