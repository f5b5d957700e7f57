import { describe, expect } from "vitest";
import {
  CookieClient,
  janeDatabase,
  janeWorkDatabase,
  password,
} from "../../integration/support/prompted-tenant";
import {
  expectControlLinks,
  expectNotLinked,
  promptedAuthorizeUrl,
  signInAt,
  startPromptScenario,
} from "../support/prompted-attack";
import { attackSuite } from "../support/recorder";

// Offered the account with the address, the person signs in to another account they own: the
// link would attach this login to an account of their choosing, not the one the Action vetted.
const suite = attackSuite("prompt-sub-mismatch");

describe("prompted linking: a sign-in to another account than the one offered", () => {
  suite.tries(
    "the person signs in to another database account at the nested sign-in",
    async (record) => {
      const { tenant, lines } = await startPromptScenario([janeDatabase, janeWorkDatabase]);
      const browser = new CookieClient();
      const authorize = await promptedAuthorizeUrl(tenant, browser);
      const callback = await signInAt(browser, authorize.toString(), {
        email: janeWorkDatabase.email ?? "",
        password,
      });
      record.outcome = `continuation ${String(lines.at(-1)?.reason)}`;
      await expectNotLinked(tenant, callback, lines, "subject_mismatch");
      expect(tenant.state.getUser(janeWorkDatabase.user_id)?.identities).toHaveLength(1);
    },
  );

  suite.tries("control: signing in to the account offered links", async (record) => {
    record.outcome = await expectControlLinks();
  });
});
