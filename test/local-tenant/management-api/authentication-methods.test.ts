import { describe, expect, test } from "vitest";
import { buildPostLoginEvent } from "../../../src/local-tenant/simulator/post-login-event";
import { TenantState } from "../../../src/local-tenant/tenant-state";
import {
  aliceDatabaseId,
  aliceGoogleId,
  bobDatabaseId,
  callManagementApi,
  startDemoTenantWithToken,
} from "./harness";

async function userAnswer(userId: string, enrol: string[]) {
  const { server, token } = await startDemoTenantWithToken();
  for (const type of enrol) server.state.enrollAuthenticationMethod(userId, type);
  const path = `/api/v2/users/${encodeURIComponent(userId)}`;
  const user = (await (await callManagementApi(server, token, path)).json()) as {
    multifactor?: unknown;
  };
  const methods = (await (
    await callManagementApi(server, token, `${path}/authentication-methods`)
  ).json()) as { type: string }[];
  return { server, user, methods };
}

// Auth0 clears `multifactor` when the only factors are email or WebAuthn (support article
// "Users with MFA but multifactor[] is Missing", community.auth0.com/t/136610).
describe("a user's factors, as Auth0 shows them", () => {
  test.each([
    ["a security key", ["webauthn-roaming"]],
    ["a platform authenticator", ["webauthn-platform"]],
    ["email", ["email"]],
    ["email and a security key", ["email", "webauthn-roaming"]],
  ])("%s alone: multifactor is empty, the methods list it", async (_case, enrol) => {
    const { user, methods } = await userAnswer(bobDatabaseId, enrol);
    expect(user.multifactor).toEqual([]);
    expect(methods.map((method) => method.type)).toEqual(enrol);
  });

  test("an authenticator app: multifactor names guardian", async () => {
    const { user, methods } = await userAnswer(bobDatabaseId, ["email", "totp"]);
    expect(user.multifactor).toEqual(["guardian"]);
    expect(methods.map((method) => method.type)).toEqual(["email", "totp"]);
  });

  test("no factor: no multifactor, no method", async () => {
    const { user, methods } = await userAnswer(bobDatabaseId, []);
    expect(user.multifactor).toBeUndefined();
    expect(methods).toEqual([]);
  });

  test("a seed user with multifactor and no method listed gets one", () => {
    const state = TenantState.fromSeed({
      connections: [
        { id: "con_0000000000000001", name: "Username-Password-Authentication", strategy: "auth0" },
      ],
      clients: [],
      users: [
        {
          user_id: "auth0|1",
          created_at: "2024-01-01T00:00:00.000Z",
          updated_at: "2024-01-01T00:00:00.000Z",
          identities: [
            {
              provider: "auth0",
              user_id: "1",
              connection: "Username-Password-Authentication",
              isSocial: false,
            },
          ],
          app_metadata: {},
          user_metadata: {},
          multifactor: ["guardian"],
        },
      ],
    });
    expect(state.authenticationMethodsOf("auth0|1")?.map((method) => method.type)).toEqual([
      "guardian",
    ]);
    expect(state.getUser("auth0|1")?.multifactor).toEqual(["guardian"]);
  });

  test("the post-login event lists every factor in enrolledFactors", async () => {
    const { server } = await userAnswer(bobDatabaseId, ["webauthn-roaming", "email"]);
    const stored = server.state.getUser(bobDatabaseId);
    if (!stored) throw new Error("no bob");
    const event = buildPostLoginEvent({
      user: stored,
      enrolledFactors: server.state.enrolledFactorsOf(bobDatabaseId),
      connection: { id: "con_x", name: "Username-Password-Authentication", strategy: "auth0" },
      client: { client_id: "app", name: "app" },
      protocol: "oidc-basic-profile",
      transactionId: "t",
      authenticationMethods: ["pwd"],
    });
    expect(event.user.enrolledFactors).toEqual([{ type: "webauthn-roaming" }, { type: "email" }]);
    expect(event.user.multifactor).toEqual([]);
  });

  test("a linked secondary's factors go with its user id", async () => {
    const { server } = await userAnswer(aliceGoogleId, ["webauthn-roaming"]);
    server.state.linkIdentity(aliceDatabaseId, {
      provider: "google-oauth2",
      user_id: aliceGoogleId.slice("google-oauth2|".length),
    });
    expect(server.state.authenticationMethodsOf(aliceGoogleId)).toBeUndefined();
    expect(server.state.authenticationMethodsOf(aliceDatabaseId)).toEqual([]);
    // Unlinked again, the user id comes back without them: what a link lost stays lost.
    server.state.unlinkIdentity(
      aliceDatabaseId,
      "google-oauth2",
      aliceGoogleId.slice("google-oauth2|".length),
    );
    expect(server.state.authenticationMethodsOf(aliceGoogleId)).toEqual([]);
  });
});
