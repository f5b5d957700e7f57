import { describe, expect } from "vitest";
import {
  appCallback,
  appTokens,
  CookieClient,
  database,
  email,
  janeDatabase,
  password,
} from "../../integration/support/prompted-tenant";
import { formAction } from "../../local-tenant/login-side/support/cookie-client";
import {
  expectControlLinks,
  promptedAuthorizeUrl,
  startPromptScenario,
} from "../support/prompted-attack";
import { attackSuite } from "../support/recorder";

// A code seen once (in a log, a Referer, a shoulder-surfed URL) must not link anything anywhere
// else: not in another transaction, not a second time.
const suite = attackSuite("prompt-code-replayed");

async function codeAtContinue(browser: CookieClient, authorize: URL, origin: string) {
  const page = await browser.follow(authorize.toString(), appCallback);
  const hop = await browser.follow(formAction(page, database), `${origin}/continue`, {
    form: { connection: database, email, password },
  });
  const continueUrl = new URL(hop.location ?? "");
  return { continueUrl, code: continueUrl.searchParams.get("code") ?? "" };
}

describe("prompted linking: a code replayed", () => {
  suite.tries(
    "the victim's unused code is injected into the attacker's own transaction",
    async (record) => {
      const { tenant, lines } = await startPromptScenario();
      const victim = new CookieClient();
      const victimAuthorize = await promptedAuthorizeUrl(tenant, victim);
      const { code } = await codeAtContinue(victim, victimAuthorize, tenant.api.origin);

      const attacker = new CookieClient();
      const attackerAuthorize = await promptedAuthorizeUrl(tenant, attacker, "okta-mallory");
      const state = attackerAuthorize.searchParams.get("state") ?? "";
      const callback = await attacker.follow(
        `${tenant.api.origin}/continue?${new URLSearchParams({ code, state })}`,
        appCallback,
      );
      record.outcome = `continuation ${String(lines.at(-1)?.reason)}`;
      expect(lines.at(-1)).toMatchObject({ outcome: "declined", reason: "code_exchange_failed" });
      expect(tenant.state.getUser("okta|okta-mallory")?.identities).toHaveLength(1);
      expect(new URL(callback.location ?? "").searchParams.get("code")).toBeTruthy();
    },
  );

  suite.tries("a code already exchanged is sent to /continue again", async (record) => {
    const { tenant, lines } = await startPromptScenario();
    const first = new CookieClient();
    const authorize = await promptedAuthorizeUrl(tenant, first, "okta-first");
    const { continueUrl, code } = await codeAtContinue(first, authorize, tenant.api.origin);
    // The first continuation uses the code (and links okta-first).
    await first.follow(continueUrl.toString(), appCallback);
    expect(lines.at(-1)).toMatchObject({ outcome: "linked" });

    const browser = new CookieClient();
    const second = await promptedAuthorizeUrl(tenant, browser);
    const state = second.searchParams.get("state") ?? "";
    const callback = await browser.follow(
      `${tenant.api.origin}/continue?${new URLSearchParams({ code, state })}`,
      appCallback,
    );
    record.outcome = `continuation ${String(lines.at(-1)?.reason)}`;
    expect(lines.at(-1)).toMatchObject({ outcome: "declined", reason: "code_exchange_failed" });
    expect((await appTokens(tenant, callback)).sub).toBe("okta|okta-jane");
    expect(tenant.state.getUser("okta|okta-jane")?.identities).toHaveLength(1);
    expect(
      tenant.state.getUser(janeDatabase.user_id)?.identities.map((identity) => identity.user_id),
    ).toEqual(["jane", "okta-first"]);
  });

  suite.tries("control: the code used once, in its own transaction, links", async (record) => {
    record.outcome = await expectControlLinks();
  });
});
