import { describe, expect } from "vitest";
import type { StoredUser } from "../../../src/local-tenant/tenant-state";
import {
  appCallback,
  appTokens,
  CookieClient,
  janeDatabase,
  okta,
  promptedTenant,
  recordLinkingLines,
  signInThroughOkta,
  signInToDatabase,
} from "../../integration/support/prompted-tenant";
import { oktaUserId } from "../support/prompted-attack";
import { attackSuite } from "../support/recorder";

// A prompted link makes the account that logged in the secondary, and deletes its user id with
// the roles assigned to it; the continuation refuses such a link. Prompting first would send the
// person through a nested sign-in that proves ownership for nothing, so the Action asks before
// it prompts and does not.
const suite = attackSuite("prompt-secondary-holding-a-role");

const role = { id: "rol_SupportAgents0001", name: "support-agent" };

/** The person's Okta account from an earlier login: it holds the role, if told. */
const oktaAccount: StoredUser = {
  user_id: oktaUserId,
  email: janeDatabase.email,
  email_verified: true,
  created_at: "2025-01-01T00:00:00.000Z",
  updated_at: "2025-01-01T00:00:00.000Z",
  identities: [{ provider: "okta", user_id: "okta-jane", connection: okta, isSocial: false }],
  app_metadata: {},
  user_metadata: {},
};

function tenantWithRoleFor(holders: string[]) {
  return promptedTenant([janeDatabase, oktaAccount], {}, { roles: [{ ...role, users: holders }] });
}

describe("prompted linking: a logging-in account that holds a role is not prompted", () => {
  suite.tries(
    "an Okta login of an account with a role, which the prompted link would make the secondary",
    async (record) => {
      const tenant = await tenantWithRoleFor([oktaUserId]);
      const lines = recordLinkingLines(tenant);
      const callback = await signInThroughOkta(tenant, new CookieClient());
      record.outcome = `login ${String(lines.at(-1)?.reason)}, prompt ${String(lines.at(-1)?.prompt)}`;
      // Straight back to the app: no nested sign-in was asked for.
      expect(callback.location?.startsWith(appCallback)).toBe(true);
      expect((await appTokens(tenant, callback)).sub).toBe(oktaUserId);
      expect(lines).toEqual([
        expect.objectContaining({
          outcome: "skipped",
          reason: "untrusted_connection",
          prompt: "secondary_has_roles",
          links: 0,
        }),
      ]);
      expect(tenant.state.getUser(janeDatabase.user_id)?.identities).toHaveLength(1);
      expect(tenant.state.getUser(oktaUserId)?.identities).toHaveLength(1);
      expect(tenant.state.rolesOf(oktaUserId).map((found) => found.id)).toEqual([role.id]);
    },
  );

  suite.tries(
    "control: the same login is prompted and links when only the database account holds the role",
    async (record) => {
      const tenant = await tenantWithRoleFor([janeDatabase.user_id]);
      const lines = recordLinkingLines(tenant);
      const browser = new CookieClient();
      const nested = await signInThroughOkta(tenant, browser);
      // The token, the lookup, the database connections and the three reads, all before the redirect.
      expect(lines[0]).toMatchObject({
        outcome: "prompted",
        management_api_calls: 6,
        token_requests: 1,
      });
      const callback = await signInToDatabase(browser, nested);
      record.outcome = lines.map((line) => String(line.reason)).join(" -> ");
      expect((await appTokens(tenant, callback)).sub).toBe(janeDatabase.user_id);
      expect(tenant.state.getUser(janeDatabase.user_id)?.identities).toHaveLength(2);
      expect(tenant.state.rolesOf(janeDatabase.user_id).map((found) => found.id)).toEqual([
        role.id,
      ]);
      expect(lines.at(-1)).toMatchObject({ outcome: "linked", reason: "linked_after_sign_in" });
    },
  );
});
