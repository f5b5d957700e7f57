import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifiedIdTokenClaims } from "../../../src/local-tenant/browser/id-token";
import type { LocalTenant } from "../../../src/local-tenant/local-tenant";
import {
  appCallback,
  apps,
  janeSignsIn,
  startAppDeveloperTenant,
  tokenRequest,
} from "./support/app-developer-tenant";
import { CookieClient, type Hop } from "./support/cookie-client";

let tenant: LocalTenant;

beforeAll(async () => {
  tenant = await startAppDeveloperTenant();
});

afterAll(async () => {
  await tenant.close();
});

/** The fields of the page that posts the response to the application's callback. */
function postedTo(hop: Hop, callback: string): Record<string, string> | undefined {
  const action = /<form method="post" action="([^"]+)"/.exec(hop.body)?.[1];
  if (action !== callback) return undefined;
  return Object.fromEntries(
    [...hop.body.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((match) => [
      match[1] ?? "",
      match[2] ?? "",
    ]),
  );
}

describe("response_mode=form_post for an application allowed the implicit grant", () => {
  it("posts-a-verified-id-token-with-the-nonce-for-response_type-id_token", async () => {
    const nonce = randomBytes(16).toString("hex");
    const hop = await janeSignsIn(tenant, new CookieClient(), apps.implicit, {
      response_type: "id_token",
      response_mode: "form_post",
      nonce,
      state: "app-state",
    });
    const fields = postedTo(hop, appCallback);
    expect(fields).toMatchObject({ state: "app-state" });
    const claims = await verifiedIdTokenClaims(
      fields?.id_token ?? "",
      `${tenant.api.origin}/.well-known/jwks.json`,
    );
    expect(claims).toMatchObject({ sub: "auth0|jane", nonce, aud: apps.implicit.client_id });
    expect(fields?.code).toBeUndefined();
  });

  it("posts-a-code-and-an-id-token-for-code-id_token-and-the-code-exchanges", async () => {
    const hop = await janeSignsIn(tenant, new CookieClient(), apps.implicit, {
      response_type: "code id_token",
      response_mode: "form_post",
      nonce: randomBytes(16).toString("hex"),
    });
    const fields = postedTo(hop, appCallback);
    expect(fields?.id_token).toEqual(expect.any(String));
    const tokens = await tokenRequest(tenant, apps.implicit, {
      grant_type: "authorization_code",
      code: fields?.code ?? "",
      redirect_uri: appCallback,
    });
    expect(tokens.status).toBe(200);
    expect(tokens.body.id_token).toEqual(expect.any(String));
  });

  it("control: refuses-response_type-id_token-to-an-application-without-the-implicit-grant", async () => {
    const hop = await janeSignsIn(tenant, new CookieClient(), apps.codeOnly, {
      response_type: "id_token",
      response_mode: "form_post",
      nonce: randomBytes(16).toString("hex"),
    });
    const fields = postedTo(hop, appCallback);
    expect(fields?.id_token).toBeUndefined();
    expect(fields).toMatchObject({
      error: "invalid_request",
      error_description: "requested response_type is not allowed for this client",
    });
  });
});
