import { describe, expect } from "vitest";
import type { StoredUser } from "../../../src/local-tenant/tenant-state";
import {
  appCallback,
  appTokens,
  CookieClient,
  janeDatabase,
  promptedTenant,
  recordLinkingLines,
  signInThroughOkta,
  signInToDatabase,
} from "../../integration/support/prompted-tenant";
import { oktaUserId } from "../support/prompted-attack";
import { attackSuite } from "../support/recorder";

// A remembered decline holds the offer back for PROMPT_SNOOZE_DAYS, at no cost; after that the
// person is asked again. The record lives in app_metadata, which the person cannot write.
const suite = attackSuite("prompt-snooze");

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

function oktaAccountDeclined(
  declinedAt: string,
  where: "app_metadata" | "user_metadata",
): StoredUser {
  return {
    user_id: oktaUserId,
    email: "jane@example.com",
    email_verified: true,
    created_at: "2025-01-01T00:00:00.000Z",
    updated_at: "2025-01-01T00:00:00.000Z",
    identities: [
      { provider: "okta", user_id: "okta-jane", connection: "acme-okta", isSocial: false },
    ],
    app_metadata: {},
    user_metadata: {},
    [where]: {
      account_linking_prompt: { v: 1, declined_at: declinedAt, reason: "person_declined" },
    },
  };
}

describe("prompted linking: the snooze", () => {
  suite.tries("a decline 3 days old holds the offer back, with no request", async (record) => {
    const tenant = await promptedTenant([
      janeDatabase,
      oktaAccountDeclined(daysAgo(3), "app_metadata"),
    ]);
    const lines = recordLinkingLines(tenant);
    const callback = await signInThroughOkta(tenant, new CookieClient());
    record.outcome = `login ${String(lines[0]?.reason)}, prompt ${String(lines[0]?.prompt)}`;
    expect(callback.location?.startsWith(appCallback)).toBe(true);
    expect((await appTokens(tenant, callback)).sub).toBe(oktaUserId);
    expect(lines).toEqual([
      expect.objectContaining({ prompt: "prompt_snoozed", management_api_calls: 0 }),
    ]);
  });

  suite.tries("a decline forged in user_metadata does not hold the offer back", async (record) => {
    const tenant = await promptedTenant([
      janeDatabase,
      oktaAccountDeclined(daysAgo(3), "user_metadata"),
    ]);
    const lines = recordLinkingLines(tenant);
    await signInThroughOkta(tenant, new CookieClient());
    record.outcome = `login ${String(lines[0]?.reason)}`;
    expect(lines[0]).toMatchObject({ outcome: "prompted" });
  });

  suite.tries("control: a decline 31 days old is over, and the person links", async (record) => {
    const tenant = await promptedTenant([
      janeDatabase,
      oktaAccountDeclined(daysAgo(31), "app_metadata"),
    ]);
    const lines = recordLinkingLines(tenant);
    const browser = new CookieClient();
    const nested = await signInThroughOkta(tenant, browser);
    const callback = await signInToDatabase(browser, nested);
    record.outcome = lines.map((line) => String(line.reason)).join(" -> ");
    expect((await appTokens(tenant, callback)).sub).toBe(janeDatabase.user_id);
    expect(lines.at(-1)).toMatchObject({ outcome: "linked", reason: "linked_after_sign_in" });
  });
});
