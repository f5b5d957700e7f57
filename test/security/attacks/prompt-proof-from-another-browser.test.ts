import { describe, expect } from "vitest";
import { DECLINE_KEY } from "../../../src/linking/prompt-decline";
import {
  appCallback,
  appTokens,
  CookieClient,
  janeDatabase,
  oktaSignInRedirect,
} from "../../integration/support/prompted-tenant";
import {
  nestedAuthorizeUrl,
  oktaUserId,
  promptedAuthorizeUrl,
  signInAt,
  startPromptScenario,
} from "../support/prompted-attack";
import { attackSuite } from "../support/recorder";

// The attacker signs in through Okta (not trusted for email) claiming the victim's address, is
// prompted, and hands the nested /authorize URL, which carries the attacker's transaction's
// state, to the victim ("sign in to confirm your account"). The victim signs in to their own
// account on the genuine tenant page, in their own browser, and that browser comes back through
// /continue. The local tenant resumes a state from any browser, as Auth0 may: every check bound
// to the transaction passes (PKCE, nonce, sub, auth_time), so only the browser binding stands
// between the attacker's Okta identity and the victim's account.
const suite = attackSuite("prompt-proof-from-another-browser");

const attackersBrowser = { userAgent: "Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0" };
const victimsBrowser = {
  userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) Safari/605.1.15",
  localAddress: "127.0.0.2",
};

async function victimSignsInThroughAttackersLink(victim: {
  userAgent?: string;
  localAddress?: string;
}) {
  const { tenant, lines } = await startPromptScenario();
  const attacker = new CookieClient(attackersBrowser);
  const authorize = await promptedAuthorizeUrl(tenant, attacker);
  const victimsTab = new CookieClient(victim);
  const landed = await signInAt(victimsTab, authorize.toString());
  return { tenant, lines, attacker, landed };
}

describe("prompted linking: the proof of ownership comes from another browser", () => {
  for (const [tried, victim, detail] of [
    [
      "the victim signs in through the attacker's nested link in their own browser",
      victimsBrowser,
      "ip_and_user_agent",
    ],
    [
      "the victim's browser reports the attacker's user agent, from another address",
      { ...attackersBrowser, localAddress: "127.0.0.2" },
      "ip",
    ],
    [
      "the victim's browser is on the attacker's network (same address), with its own user agent",
      { userAgent: victimsBrowser.userAgent },
      "user_agent",
    ],
  ] as const) {
    suite.tries(tried, async (record) => {
      const { tenant, lines, attacker } = await victimSignsInThroughAttackersLink(victim);
      const last = lines.at(-1);
      record.outcome = `continuation ${String(last?.reason)} (${String(last?.detail)})`;
      expect(last).toMatchObject({
        outcome: "declined",
        reason: "browser_changed",
        detail,
        links: 0,
      });
      expect(tenant.state.getUser(janeDatabase.user_id)?.identities).toHaveLength(1);
      const attackersAccount = tenant.state.getUser(oktaUserId);
      expect(attackersAccount?.identities).toHaveLength(1);
      // Not the person's answer: nothing is remembered, and the next login asks again.
      expect(attackersAccount?.app_metadata).not.toHaveProperty(DECLINE_KEY);
      const again = nestedAuthorizeUrl(await oktaSignInRedirect(tenant, attacker));
      expect(again.searchParams.get("login_hint")).toBe(janeDatabase.email);
      expect(lines.at(-1)).toMatchObject({ outcome: "prompted" });
    });
  }

  suite.controls("the prompted browser signs in itself and links", async (record) => {
    const { tenant, lines } = await startPromptScenario();
    const browser = new CookieClient(victimsBrowser);
    const authorize = await promptedAuthorizeUrl(tenant, browser);
    const callback = await signInAt(browser, authorize.toString());
    record.outcome = `continuation ${String(lines.at(-1)?.reason)}`;
    expect(callback.location?.startsWith(appCallback)).toBe(true);
    expect((await appTokens(tenant, callback)).sub).toBe(janeDatabase.user_id);
    expect(tenant.state.getUser(janeDatabase.user_id)?.identities).toHaveLength(2);
    expect(lines.at(-1)).toMatchObject({ outcome: "linked", reason: "linked_after_sign_in" });
  });
});
