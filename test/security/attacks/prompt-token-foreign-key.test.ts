import { generateKeyPair, SignJWT } from "jose";
import { describe } from "vitest";
import {
  CookieClient,
  janeDatabase,
  promptClientId,
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

// Whoever answers the code exchange (a compromised path, a rogue proxy) forges an ID token with
// every claim right, the nonce read from the URL included, signed with a key of its own.
const suite = attackSuite("prompt-token-foreign-key");

describe("prompted linking: an ID token signed with a foreign key", () => {
  for (const kid of ["local-tenant-signing-key", "attacker-key"]) {
    suite.tries(`a forged token with every claim right, kid ${kid}`, async (record) => {
      const { tenant, lines } = await startPromptScenario();
      const foreign = await generateKeyPair("RS256");
      let nonce = "";
      interceptPromptCodeExchange(tenant, async () => {
        const now = Math.floor(Date.now() / 1000);
        const idToken = await new SignJWT({ nonce, auth_time: now })
          .setProtectedHeader({ alg: "RS256", kid })
          .setIssuer(`${tenant.api.origin}/`)
          .setAudience(promptClientId)
          .setSubject(janeDatabase.user_id)
          .setIssuedAt(now)
          .setExpirationTime(now + 3600)
          .sign(foreign.privateKey);
        return { id_token: idToken, token_type: "Bearer" };
      });
      const browser = new CookieClient();
      const authorize = await promptedAuthorizeUrl(tenant, browser);
      nonce = authorize.searchParams.get("nonce") ?? "";
      const callback = await signInAt(browser, authorize.toString());
      record.outcome = `continuation ${String(lines.at(-1)?.reason)}`;
      await expectNotLinked(tenant, callback, lines, "signature_invalid");
    });
  }

  suite.tries("control: the tenant's own token links", async (record) => {
    record.outcome = await expectControlLinks();
  });
});
