import { describe, expect } from "vitest";
import { DECLINE_KEY } from "../../../src/linking/prompt-decline";
import type { LocalTenant } from "../../../src/local-tenant/local-tenant";
import {
  appCallback,
  appTokens,
  CookieClient,
  janeDatabase,
  notNowUrl,
  oktaSignInRedirect,
  signInThroughOkta,
} from "../../integration/support/prompted-tenant";
import {
  expectNotLinked,
  faultPromptRequests,
  type LoginSideFault,
  oktaUserId,
  promptedAuthorizeUrl,
  signInAt,
  startPromptScenario,
} from "../support/prompted-attack";
import { faultSuite } from "../support/recorder";

// Only the person's own "not now" (error=access_denied at /continue) holds the offer back for
// PROMPT_SNOOZE_DAYS. A sign-in that failed, or a continuation that could not finish (the code
// exchange lost to the network, a key set nobody can read, the time budget spent), is no answer
// from the person: nothing is remembered, and their next login offers the sign-in again, which
// then links.
const suite = faultSuite("prompt-failure-is-not-a-decline");

/** The same person's next login is prompted again; signing in this time links. */
async function nextLoginLinks(tenant: LocalTenant, lines: Record<string, unknown>[]) {
  expect(tenant.state.getUser(oktaUserId)?.app_metadata).not.toHaveProperty(DECLINE_KEY);
  const browser = new CookieClient();
  const authorize = await promptedAuthorizeUrl(tenant, browser);
  const callback = await signInAt(browser, authorize.toString());
  expect((await appTokens(tenant, callback)).sub).toBe(janeDatabase.user_id);
  expect(tenant.state.getUser(janeDatabase.user_id)?.identities).toHaveLength(2);
  expect(lines.at(-1)).toMatchObject({ outcome: "linked", reason: "linked_after_sign_in" });
}

const continuationFaults: [string, "code-exchange" | "key-set", LoginSideFault, string, string?][] =
  [
    [
      "the code exchange loses its connection",
      "code-exchange",
      { kind: "reset" },
      "code_exchange_failed",
      "network",
    ],
    [
      "the key set cannot be read",
      "key-set",
      { kind: "unreadable" },
      "signing_keys_unavailable",
      "malformed_response",
    ],
    // 2 s budget: the exchange would answer after 3 s, and is cut when the budget ends.
    [
      "the code exchange outlasts the time budget",
      "code-exchange",
      { kind: "latency", ms: 3_000 },
      "budget_exhausted",
    ],
  ];

describe("a prompt that ends without the person's answer is asked again", () => {
  for (const [tried, target, fault, reason, detail] of continuationFaults) {
    suite.injects(tried, async (record) => {
      const { tenant, lines } = await startPromptScenario(undefined, { TIME_BUDGET_MS: "2000" });
      const browser = new CookieClient();
      const authorize = await promptedAuthorizeUrl(tenant, browser);
      faultPromptRequests(tenant, target, fault);
      const callback = await signInAt(browser, authorize.toString());
      record.outcome = `continuation ${String(lines.at(-1)?.reason)}; next login asked again`;
      await expectNotLinked(tenant, callback, lines, reason);
      expect(lines.at(-1)?.detail).toBe(detail);
      await nextLoginLinks(tenant, lines);
    });
  }

  suite.injects(
    "the nested sign-in comes back with an error other than access_denied",
    async (record) => {
      const { tenant, lines } = await startPromptScenario();
      const browser = new CookieClient();
      const nested = await signInThroughOkta(tenant, browser);
      const failed = new URL(notNowUrl(nested));
      failed.searchParams.set("error", "server_error");
      const callback = await browser.follow(failed.toString(), appCallback);
      record.outcome = `continuation ${String(lines.at(-1)?.reason)}; next login asked again`;
      await expectNotLinked(tenant, callback, lines, "sign_in_error");
      await nextLoginLinks(tenant, lines);
    },
  );

  suite.injects(
    "control: the person's Not now holds the next login's offer back",
    async (record) => {
      const { tenant, lines } = await startPromptScenario();
      const browser = new CookieClient();
      const nested = await signInThroughOkta(tenant, browser);
      const callback = await browser.follow(notNowUrl(nested), appCallback);
      await expectNotLinked(tenant, callback, lines, "person_declined");
      const next = await oktaSignInRedirect(tenant, new CookieClient());
      record.outcome = `continuation person_declined; next login ${String(lines.at(-1)?.prompt)}`;
      expect(next.location?.startsWith(`${tenant.api.origin}/authorize`)).toBe(true);
      expect(new URL(next.location ?? "").searchParams.get("client_id")).not.toBe(
        "PromptLinkingClient0000000000005",
      );
      expect(lines.at(-1)).toMatchObject({
        reason: "untrusted_connection",
        prompt: "prompt_snoozed",
      });
    },
  );
});
