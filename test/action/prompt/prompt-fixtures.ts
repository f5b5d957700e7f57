import type { PostLoginEvent } from "../../../src/actions-platform/post-login";
import type { FakeUser } from "../support/fake-management-port";
import { account, loginEvent } from "../support/post-login-fixtures";

export const promptSecrets = {
  PROMPTED_LINKING: "on",
  PROMPT_CLIENT_ID: "prompt-client-0123456789",
  PROMPT_CLIENT_SECRET: "prompt-secret-0123456789abcdef0123456789abcdef0123456789abcdef",
};

/** Exactly the parameters of the nested authorization request, as the issue lists them. */
export const nestedAuthorizeParameters = [
  "client_id",
  "code_challenge",
  "code_challenge_method",
  "connection",
  "login_hint",
  "max_age",
  "nonce",
  "prompt",
  "redirect_uri",
  "response_type",
  "scope",
].sort();

export const transactionId = "tx_0123456789abcdef";

/** The verified database account the person may prove they own. */
export const databaseAccount = account("database", "db-jane", {
  created_at: "2020-01-01T00:00:00.000Z",
});

/** A login through an enterprise connection the tenant does not trust for email. */
export const oktaAccount = account("okta", "okta-jane", { created_at: "2025-01-01T00:00:00.000Z" });

/** What the Action sees of the browser the person logs in with. */
export const personsBrowser = {
  ip: "203.0.113.7",
  user_agent: "Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0",
};

export function promptedLogin(
  user: FakeUser,
  connection: "okta" | "google" | "database",
  overrides: Partial<PostLoginEvent> = {},
  extraSecrets: Record<string, string> = {},
): PostLoginEvent {
  return loginEvent(
    user,
    connection,
    {
      transaction: { id: transactionId, protocol: "oidc-basic-profile" },
      client: { client_id: "app-client", name: "The app" },
      request: { hostname: "tenant.example.com", query: {}, ...personsBrowser },
      ...overrides,
    },
    { ...promptSecrets, ...extraSecrets },
  );
}
