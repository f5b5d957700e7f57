import { afterEach, describe, expect, it } from "vitest";
import {
  RequestLog,
  type RequestLogEntry,
} from "../../../src/local-tenant/management-api/request-log";
import { createActionInstance } from "../../../src/local-tenant/runtime/action-instance";
import {
  createLoginSimulator,
  type LoginRequestLog,
} from "../../../src/local-tenant/simulator/login";
import { type TenantSeed, TenantState } from "../../../src/local-tenant/tenant-state";

const seed: TenantSeed = {
  connections: [
    { id: "con_Db7hQ2mXk9LpR4tA", name: "Username-Password-Authentication", strategy: "auth0" },
    { id: "con_Go3nV8sWq1ZcY6uE", name: "google-oauth2", strategy: "google-oauth2" },
  ],
  clients: [],
  users: [
    {
      user_id: "auth0|alice",
      email: "alice@example.com",
      email_verified: true,
      created_at: "2024-01-01T00:00:00.000Z",
      updated_at: "2024-01-01T00:00:00.000Z",
      identities: [
        {
          provider: "auth0",
          user_id: "alice",
          connection: "Username-Password-Authentication",
          isSocial: false,
        },
      ],
      app_metadata: { plan: "pro", keep: 1 },
      user_metadata: { theme: "light" },
      logins_count: 3,
    },
  ],
};

const googleLogin = {
  connection: "google-oauth2",
  providerUserId: "108",
  email: "alice@example.com",
  emailVerified: true,
};

// The test's actions run in this realm, so a global is how a hand-written action reaches the
// tenant state to link accounts without starting the Management API emulator.
interface TestHooks {
  linkIntoPrimaryForTest?: ((primaryId: string, provider: string, id: string) => void) | undefined;
  recordCallForTest?: (() => void) | undefined;
}
const hooks = globalThis as typeof globalThis & TestHooks;

afterEach(() => {
  hooks.linkIntoPrimaryForTest = undefined;
  hooks.recordCallForTest = undefined;
});

function simulator(actionCode?: string, requestLog?: LoginRequestLog) {
  const state = TenantState.fromSeed(seed);
  const action =
    actionCode === undefined
      ? undefined
      : createActionInstance({
          code: actionCode,
          filename: "/actions/test/code.js",
          dependencies: [],
          secrets: {},
        });
  hooks.linkIntoPrimaryForTest = (primaryId, provider, id) => {
    state.linkIdentity(primaryId, { provider, user_id: id });
  };
  return {
    state,
    ...createLoginSimulator({ state, action, ...(requestLog ? { requestLog } : {}) }),
  };
}

describe("finding or creating the user", () => {
  it("creates-the-user-on-first-login-with-email_verified-as-the-connection-reports-it", async () => {
    const { login } = simulator();
    const result = await login(googleLogin);
    expect(result).toMatchObject({
      sessionUserId: "google-oauth2|108",
      createdUser: true,
      user: { email: "alice@example.com", email_verified: true, logins_count: 1 },
    });
  });

  it("stores-email_verified-false-when-the-provider-omits-the-claim", async () => {
    const { login } = simulator();
    const result = await login({ ...googleLogin, emailVerified: undefined });
    expect(result.user?.email_verified).toBe(false);
  });

  it("finds-the-returning-user-and-counts-the-login", async () => {
    const { login } = simulator();
    const result = await login({
      connection: "Username-Password-Authentication",
      providerUserId: "alice",
    });
    expect(result).toMatchObject({ sessionUserId: "auth0|alice", createdUser: false });
    expect(result.user?.logins_count).toBe(4);
  });

  it("refreshes-a-social-user's-email-and-verification-from-the-provider-at-each-login", async () => {
    const { login } = simulator();
    await login({ ...googleLogin, emailVerified: false, profile: { name: "Alice" } });
    const result = await login({ ...googleLogin, profile: { name: "Alice B", locale: "fr" } });
    expect(result.user).toMatchObject({ email_verified: true, name: "Alice B" });
    expect(result.user).not.toHaveProperty("locale");
  });

  it("keeps-a-database-user's-own-profile-on-a-returning-login", async () => {
    const { login } = simulator();
    const result = await login({
      connection: "Username-Password-Authentication",
      providerUserId: "alice",
      email: "someone-else@example.com",
      emailVerified: false,
    });
    expect(result.user).toMatchObject({ email: "alice@example.com", email_verified: true });
  });

  it("logs-a-linked-identity-in-as-its-primary", async () => {
    const { login, state } = simulator();
    await login(googleLogin);
    state.linkIdentity("auth0|alice", { provider: "google-oauth2", user_id: "108" });
    const result = await login(googleLogin);
    expect(result).toMatchObject({ sessionUserId: "auth0|alice", createdUser: false });
  });

  it("fails-a-login-through-an-unknown-connection", async () => {
    const { login } = simulator();
    const result = await login({ connection: "nope", providerUserId: "1" });
    expect(result).toMatchObject({ errorCode: "connection_not_found", createdUser: false });
  });
});

describe("the post-login event", () => {
  it("shows-the-user-connection-client-transaction-and-stats-like-auth0", async () => {
    const { login } = simulator(`
      exports.onExecutePostLogin = (event) => {
        console.log("not json");
        console.log(JSON.stringify({ user: event.user, connection: event.connection,
          client: event.client, transaction: event.transaction, stats: event.stats, tenant: event.tenant }));
      };
    `);
    const result = await login({ ...googleLogin, protocol: "oauth2-refresh-token" });
    expect(result.logs).toHaveLength(2);
    expect(result.logLines).toHaveLength(1);
    const [event] = result.logLines as Record<string, Record<string, unknown>>[];
    expect(event?.user).toMatchObject({
      user_id: "google-oauth2|108",
      email: "alice@example.com",
      email_verified: true,
      app_metadata: {},
      user_metadata: {},
      identities: [{ provider: "google-oauth2", user_id: "108", connection: "google-oauth2" }],
    });
    expect(event?.user).not.toHaveProperty("logins_count");
    expect(event?.connection).toMatchObject({
      id: "con_Go3nV8sWq1ZcY6uE",
      name: "google-oauth2",
      strategy: "google-oauth2",
    });
    expect(event?.transaction).toMatchObject({ protocol: "oauth2-refresh-token" });
    expect(event?.stats).toEqual({ logins_count: 1 });
    expect(event?.tenant).toEqual({ id: "local" });
    expect(event?.client).toHaveProperty("client_id");
  });
});

describe("setPrimaryUser", () => {
  const linkAndSwitch = `
    exports.onExecutePostLogin = (event, api) => {
      linkIntoPrimaryForTest("auth0|alice", "google-oauth2", "108");
      api.user.setUserMetadata("discarded", true);
      api.user.setAppMetadata("linked", true);
      api.authentication.setPrimaryUser("auth0|alice");
    };
  `;

  it("ends-the-session-as-the-primary-once-the-login-identity-is-linked-into-it", async () => {
    const { login, state } = simulator(linkAndSwitch);
    const result = await login(googleLogin);
    expect(result).toMatchObject({ sessionUserId: "auth0|alice", createdUser: true });
    expect(state.getUser("google-oauth2|108")).toBeUndefined();
  });

  it("discards-user_metadata-set-with-setPrimaryUser-and-applies-app_metadata-to-the-primary", async () => {
    const { login } = simulator(linkAndSwitch);
    const result = await login(googleLogin);
    expect(result.user?.user_metadata).toEqual({ theme: "light" });
    expect(result.user?.app_metadata).toEqual({ plan: "pro", keep: 1, linked: true });
  });

  it("fails-the-login-when-the-primary-does-not-hold-the-login-identity", async () => {
    const { login } = simulator(`
      exports.onExecutePostLogin = (event, api) => api.authentication.setPrimaryUser("auth0|alice");
    `);
    const result = await login(googleLogin);
    expect(result.sessionUserId).toBeUndefined();
    expect(result.errorCode).toBe("primary_user_lacks_login_identity");
  });

  it("fails-the-login-when-setPrimaryUser-names-a-user-that-does-not-exist", async () => {
    const { login } = simulator(`
      exports.onExecutePostLogin = (event, api) => api.authentication.setPrimaryUser("auth0|ghost");
    `);
    expect((await login(googleLogin)).errorCode).toBe("primary_user_lacks_login_identity");
  });

  it("fails-the-login-when-setPrimaryUser-is-called-twice", async () => {
    const { login } = simulator(`
      exports.onExecutePostLogin = (event, api) => {
        linkIntoPrimaryForTest("auth0|alice", "google-oauth2", "108");
        api.authentication.setPrimaryUser("auth0|alice");
        api.authentication.setPrimaryUser("auth0|alice");
      };
    `);
    const result = await login(googleLogin);
    expect(result).toMatchObject({
      errorCode: "action_failed",
      actionErrorCode: "primary_user_already_set",
    });
    expect(result.sessionUserId).toBeUndefined();
  });

  it("fails-the-login-with-user-not-found-when-the-action-links-the-login-user-away-without-switching", async () => {
    const { login } = simulator(`
      exports.onExecutePostLogin = () => linkIntoPrimaryForTest("auth0|alice", "google-oauth2", "108");
    `);
    const result = await login(googleLogin);
    expect(result.errorCode).toBe("user_not_found");
    expect(result.sessionUserId).toBeUndefined();
  });
});

describe("applying the action's commands", () => {
  it("merges-metadata-into-the-session-user-at-the-root-with-null-deleting", async () => {
    const { login } = simulator(`
      exports.onExecutePostLogin = (event, api) => {
        api.user.setAppMetadata("keep", null).user.setAppMetadata("seen", { at: 1 });
        api.user.setUserMetadata("lang", "fr");
      };
    `);
    const result = await login({
      connection: "Username-Password-Authentication",
      providerUserId: "alice",
    });
    expect(result.user?.app_metadata).toEqual({ plan: "pro", seen: { at: 1 } });
    expect(result.user?.user_metadata).toEqual({ theme: "light", lang: "fr" });
  });

  it("denies-the-login-but-still-applies-the-metadata-like-auth0", async () => {
    const { login, state } = simulator(`
      exports.onExecutePostLogin = (event, api) => {
        api.user.setAppMetadata("attempted", true);
        api.access.deny("Verify your email first");
      };
    `);
    const result = await login(googleLogin);
    expect(result).toMatchObject({ denied: "Verify your email first" });
    expect(result.sessionUserId).toBeUndefined();
    expect(state.getUser("google-oauth2|108")?.app_metadata).toEqual({ attempted: true });
  });

  it("fails-the-login-without-effects-when-the-action-throws", async () => {
    const { login, state } = simulator(`
      exports.onExecutePostLogin = (event, api) => {
        api.user.setAppMetadata("half", true);
        throw new Error("management api unreachable");
      };
    `);
    const result = await login(googleLogin);
    expect(result).toMatchObject({
      error: "management api unreachable",
      errorCode: "action_failed",
      actionErrorCode: "handler_threw",
      createdUser: true,
    });
    expect(state.getUser("google-oauth2|108")?.app_metadata).toEqual({});
  });

  it("reports-the-management-api-calls-made-since-the-login-began", async () => {
    const requestLog = new RequestLog();
    const call = (path: string): RequestLogEntry => ({
      method: "GET",
      path,
      endpointKey: "users-by-email",
      status: 200,
      durationMs: 1,
      at: new Date(0).toISOString(),
    });
    requestLog.record(call("/before-the-login"));
    const { login } = simulator(
      `exports.onExecutePostLogin = () => recordCallForTest();`,
      requestLog,
    );
    hooks.recordCallForTest = () => requestLog.record(call("/api/v2/users-by-email"));
    const result = await login(googleLogin);
    expect(result.managementApiCalls).toEqual([
      { method: "GET", path: "/api/v2/users-by-email", endpointKey: "users-by-email", status: 200 },
    ]);
  });
});
