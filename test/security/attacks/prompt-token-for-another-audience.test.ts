import { describe } from "vitest";
import { loadDemoSeed } from "../../../src/local-tenant/local-tenant";
import {
  appCallback,
  appClientId,
  CookieClient,
  database,
  signInToDatabase,
} from "../../integration/support/prompted-tenant";
import {
  expectControlLinks,
  expectNotLinked,
  interceptPromptCodeExchange,
  promptedAuthorizeUrl,
  signInAt,
  startPromptScenario,
} from "../support/prompted-attack";
import { attackSuite } from "../support/recorder";

// A genuine ID token of the tenant, for the right account with the right nonce and a fresh
// sign-in, but issued to another application: it proves nothing to the prompt client.
const suite = attackSuite("prompt-token-for-another-audience");

describe("prompted linking: a token issued to another application", () => {
  suite.tries(
    "the exchange answers with the app's own ID token for the account",
    async (record) => {
      const { tenant, lines } = await startPromptScenario();
      const browser = new CookieClient();
      const authorize = await promptedAuthorizeUrl(tenant, browser);
      const nonce = authorize.searchParams.get("nonce") ?? "";

      // The account's owner signs in to the app with that nonce: a real token, for the app.
      const owner = new CookieClient();
      const appUrl = new URL("/authorize", tenant.api.origin);
      appUrl.search = new URLSearchParams({
        client_id: appClientId,
        response_type: "code",
        redirect_uri: appCallback,
        scope: "openid",
        connection: database,
        nonce,
        state: "s",
      }).toString();
      const ownerCallback = await signInToDatabase(owner, await owner.follow(appUrl.toString()));
      const seed = await loadDemoSeed({ withUsers: false });
      const appTokenResponse = await fetch(new URL("/oauth/token", tenant.api.origin), {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({
          grant_type: "authorization_code",
          client_id: appClientId,
          client_secret: seed.clients.find((c) => c.client_id === appClientId)?.client_secret ?? "",
          code: new URL(ownerCallback.location ?? "").searchParams.get("code") ?? "",
          redirect_uri: appCallback,
        }),
      });
      const appTokens = (await appTokenResponse.json()) as Record<string, unknown>;
      interceptPromptCodeExchange(tenant, async () => appTokens);

      const callback = await signInAt(browser, authorize.toString());
      record.outcome = `continuation ${String(lines.at(-1)?.reason)}`;
      await expectNotLinked(tenant, callback, lines, "audience_mismatch");
    },
  );

  suite.tries("control: the prompt client's own token links", async (record) => {
    record.outcome = await expectControlLinks();
  });
});
