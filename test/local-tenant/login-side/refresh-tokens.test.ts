import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { MARKER_KEY } from "../../../src/linking/marker";
import type { LocalTenant } from "../../../src/local-tenant/local-tenant";
import type { ExecutionResult } from "../../../src/local-tenant/runtime/action-instance";
import {
  apps,
  claimsOf,
  codeFlowTokens,
  janeSignsIn,
  startAppDeveloperTenant,
  tokenRequest,
} from "./support/app-developer-tenant";
import { CookieClient } from "./support/cookie-client";

const offline = { scope: "openid profile email offline_access" };
let tenant: LocalTenant;

beforeAll(async () => {
  tenant = await startAppDeveloperTenant();
});

afterAll(async () => {
  await tenant.close();
});

function refresh(app: (typeof apps)[keyof typeof apps], refreshToken: string) {
  return tokenRequest(tenant, app, { grant_type: "refresh_token", refresh_token: refreshToken });
}

describe("issuing", () => {
  it("issues-a-refresh-token-for-offline_access-to-an-application-allowed-the-grant", async () => {
    const tokens = await codeFlowTokens(tenant, new CookieClient(), apps.rotating, offline);
    expect(tokens.status).toBe(200);
    expect(tokens.body.refresh_token).toEqual(expect.any(String));
  });

  it("control: issues-none-without-offline_access", async () => {
    const tokens = await codeFlowTokens(tenant, new CookieClient(), apps.rotating);
    expect(tokens.status).toBe(200);
    expect(tokens.body.refresh_token).toBeUndefined();
  });

  it("control: issues-none-to-an-application-not-allowed-the-refresh_token-grant", async () => {
    const tokens = await codeFlowTokens(tenant, new CookieClient(), apps.codeOnly, offline);
    expect(tokens.status).toBe(200);
    expect(tokens.body.refresh_token).toBeUndefined();
  });
});

describe("exchanging, as the application's rotation setting says", () => {
  it("rotating: answers-a-new-refresh-token-and-refuses-the-old-one-after", async () => {
    const first = await codeFlowTokens(tenant, new CookieClient(), apps.rotating, offline);
    const old = first.body.refresh_token ?? "";
    const exchanged = await refresh(apps.rotating, old);
    expect(exchanged.status).toBe(200);
    expect(exchanged.body.refresh_token).toEqual(expect.any(String));
    expect(exchanged.body.refresh_token).not.toBe(old);
    expect(claimsOf(exchanged.body.id_token ?? "").sub).toBe("auth0|jane");
    const reused = await refresh(apps.rotating, old);
    expect(reused.status).toBe(400);
    expect(reused.body.error).toBe("invalid_grant");
  });

  it("non-rotating: keeps-the-same-refresh-token-usable-again", async () => {
    const first = await codeFlowTokens(tenant, new CookieClient(), apps.nonRotating, offline);
    const token = first.body.refresh_token ?? "";
    for (const _ of [1, 2]) {
      const exchanged = await refresh(apps.nonRotating, token);
      expect(exchanged.status).toBe(200);
      // Auth0 leaves the field out; oidc-provider sends the same token back.
      expect([undefined, token]).toContain(exchanged.body.refresh_token);
      expect(exchanged.body.access_token).toEqual(expect.any(String));
    }
  });

  it("outlives-the-session:-still-usable-after-logout", async () => {
    const browser = new CookieClient();
    const first = await codeFlowTokens(tenant, browser, apps.nonRotating, offline);
    await browser.request(`${tenant.api.origin}/v2/logout`);
    const exchanged = await refresh(apps.nonRotating, first.body.refresh_token ?? "");
    expect(exchanged.status).toBe(200);
  });

  it("refuses-a-refresh-token-of-another-application", async () => {
    const first = await codeFlowTokens(tenant, new CookieClient(), apps.nonRotating, offline);
    const exchanged = await refresh(apps.rotating, first.body.refresh_token ?? "");
    expect(exchanged.status).toBe(400);
    expect(exchanged.body.error).toBe("invalid_grant");
  });
});

describe("the post-login pipeline at the exchange", () => {
  it("runs-the-Action-as-oauth2-refresh-token-which-skips-it-and-links-nothing", async () => {
    const linking = await startAppDeveloperTenant();
    try {
      const first = await codeFlowTokens(linking, new CookieClient(), apps.nonRotating, offline);
      // A second account with Jane's verified address appears after her sign-in, and her
      // account's "checked" marker is gone: any interactive login of hers now links.
      linking.state.updateUser("auth0|jane", { app_metadata: { [MARKER_KEY]: null } });
      linking.state.createUser({
        connection: "google-oauth2",
        providerUserId: "jane-google",
        email: "jane@example.com",
        email_verified: true,
      });
      const executions: { protocol: string | undefined; result: ExecutionResult }[] = [];
      const execute = linking.action.execute.bind(linking.action);
      const spy = vi.spyOn(linking.action, "execute").mockImplementation(async (event) => {
        const result = await execute(event);
        executions.push({ protocol: event.transaction?.protocol, result });
        return result;
      });

      const exchanged = await tokenRequest(linking, apps.nonRotating, {
        grant_type: "refresh_token",
        refresh_token: first.body.refresh_token ?? "",
      });
      expect(exchanged.status).toBe(200);
      expect(executions.map(({ protocol }) => protocol)).toEqual(["oauth2-refresh-token"]);
      expect(executions[0]?.result.logs.join("\n")).toContain("non_interactive_protocol");
      expect(linking.state.usersByEmail("jane@example.com")).toHaveLength(2);

      // Control: Jane's next interactive sign-in links the two accounts.
      const hop = await janeSignsIn(linking, new CookieClient(), apps.nonRotating, {});
      expect(hop.location).toContain("code=");
      expect(executions.at(-1)?.protocol).toBe("oidc-basic-profile");
      expect(linking.state.usersByEmail("jane@example.com")).toHaveLength(1);
      spy.mockRestore();
    } finally {
      await linking.close();
    }
  });

  it("refuses-the-exchange-when-the-user-no-longer-exists-after-a-link", async () => {
    const gone = await startAppDeveloperTenant();
    try {
      const first = await codeFlowTokens(gone, new CookieClient(), apps.nonRotating, offline);
      // Jane's account becomes a secondary identity of another user, and stops existing.
      const other = gone.state.createUser({
        connection: "google-oauth2",
        providerUserId: "jane-google",
        email: "jane@example.com",
        email_verified: true,
      });
      gone.state.linkIdentity(other.user_id, { provider: "auth0", user_id: "jane" });
      expect(gone.state.getUser("auth0|jane")).toBeUndefined();
      const exchanged = await tokenRequest(gone, apps.nonRotating, {
        grant_type: "refresh_token",
        refresh_token: first.body.refresh_token ?? "",
      });
      expect(exchanged.status).toBe(403);
      expect(exchanged.body.error).toBe("access_denied");
    } finally {
      await gone.close();
    }
  });
});
