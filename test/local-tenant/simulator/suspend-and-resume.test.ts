import { afterEach, describe, expect, it } from "vitest";
import { createActionInstance } from "../../../src/local-tenant/runtime/action-instance";
import { createLoginSimulator } from "../../../src/local-tenant/simulator/login";
import { type TenantSeed, TenantState } from "../../../src/local-tenant/tenant-state";

const seed: TenantSeed = {
  connections: [
    { id: "con_Db7hQ2mXk9LpR4tA", name: "Username-Password-Authentication", strategy: "auth0" },
    { id: "con_Sa2mL6pJx9GkT1hW", name: "partner-saml", strategy: "samlp" },
  ],
  clients: [],
  users: [
    {
      user_id: "auth0|jane",
      email: "jane@example.com",
      email_verified: true,
      created_at: "2024-01-01T00:00:00.000Z",
      updated_at: "2024-01-01T00:00:00.000Z",
      identities: [
        {
          provider: "auth0",
          user_id: "jane",
          connection: "Username-Password-Authentication",
          isSocial: false,
        },
      ],
      app_metadata: {},
      user_metadata: {},
    },
  ],
};

const samlLogin = { connection: "partner-saml", providerUserId: "jane", email: "jane@example.com" };

// The test's actions run in this realm: a global is how a hand-written action links accounts
// without a Management API.
interface TestHooks {
  linkForTest?: ((primaryId: string, provider: string, id: string) => void) | undefined;
}
const hooks = globalThis as typeof globalThis & TestHooks;
afterEach(() => {
  hooks.linkForTest = undefined;
});

// Redirects, then on /continue links the SAML account into the database one when told to.
const promptingAction = `
  exports.onExecutePostLogin = (event, api) => {
    api.user.setAppMetadata("prompted_at", "before");
    api.transaction.setMetadata("candidate", "auth0|jane");
    api.redirect.sendUserTo("https://localhost:3000/authorize", { query: { login_hint: "jane" } });
  };
  exports.onContinuePostLogin = (event, api) => {
    console.log(JSON.stringify({ tx: event.transaction.id, query: event.request.query }));
    if (event.request.query.answer !== "link") {
      api.user.setAppMetadata("declined", true);
      return;
    }
    const candidate = event.transaction.metadata.candidate;
    globalThis.linkForTest(candidate, "samlp", "jane");
    api.authentication.setPrimaryUser(candidate);
  };
`;

function simulator(code = promptingAction) {
  const state = TenantState.fromSeed(seed);
  const action = createActionInstance({
    code,
    filename: "/actions/test/code.js",
    dependencies: [],
    secrets: {},
  });
  hooks.linkForTest = (primaryId, provider, id) => {
    state.linkIdentity(primaryId, { provider, user_id: id });
  };
  return { state, ...createLoginSimulator({ state, action }) };
}

describe("a login whose Action redirects", () => {
  it("suspends-and-sends-the-browser-to-the-url-with-its-query-and-a-state", async () => {
    const { login } = simulator();
    const result = await login(samlLogin);
    expect(result.sessionUserId).toBeUndefined();
    expect(result.redirect?.state).toMatch(/^[\w-]{32}$/);
    const url = new URL(result.redirect?.url ?? "");
    expect(url.origin + url.pathname).toBe("https://localhost:3000/authorize");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      login_hint: "jane",
      state: result.redirect?.state,
    });
  });

  it("resumes-at-continue-links-and-ends-the-session-on-the-primary", async () => {
    const { login, continue: resume, state } = simulator();
    const started = await login(samlLogin);
    const finished = await resume(started.redirect?.state, {
      query: { state: started.redirect?.state, answer: "link" },
    });
    expect(finished.error).toBeUndefined();
    expect(finished.sessionUserId).toBe("auth0|jane");
    expect(state.getUser("samlp|jane")).toBeUndefined();
    // Metadata set before the redirect is applied at the end of the flow; the session moved,
    // and app_metadata goes to the user the session ends as.
    expect(finished.user?.app_metadata).toEqual({ prompted_at: "before" });
    const [line] = finished.logLines as { tx: string; query: Record<string, string> }[];
    expect(line?.query).toEqual({ state: started.redirect?.state, answer: "link" });
  });

  it("keeps-the-transaction-id-across-the-redirect", async () => {
    const { login, continue: resume } = simulator(`
      exports.onExecutePostLogin = (event, api) => {
        console.log(event.transaction.id);
        api.redirect.sendUserTo("https://localhost/x");
      };
      exports.onContinuePostLogin = (event) => console.log(event.transaction.id);
    `);
    const started = await login(samlLogin);
    const finished = await resume(started.redirect?.state, {});
    expect(finished.logs[0]).toBe(started.logs[0]);
    expect(started.logs[0]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("ends-as-the-account-that-logged-in-when-the-continuation-links-nothing", async () => {
    const { login, continue: resume, state } = simulator();
    const started = await login(samlLogin);
    const finished = await resume(started.redirect?.state, { query: { answer: "no" } });
    expect(finished.sessionUserId).toBe("samlp|jane");
    expect(finished.user?.app_metadata).toEqual({ prompted_at: "before", declined: true });
    expect(state.getUser("auth0|jane")?.identities).toHaveLength(1);
  });

  it("refuses-a-missing-unknown-or-already-used-state-with-invalid_request", async () => {
    const { login, continue: resume } = simulator();
    const started = await login(samlLogin);
    expect((await resume(undefined, {})).errorCode).toBe("invalid_request");
    expect((await resume("not-a-state", {})).errorCode).toBe("invalid_request");
    expect((await resume(started.redirect?.state, {})).sessionUserId).toBe("samlp|jane");
    expect((await resume(started.redirect?.state, {})).errorCode).toBe("invalid_request");
  });

  it("fails-a-redirect-in-an-exchange-with-no-browser", async () => {
    const { login, state } = simulator();
    for (const protocol of ["oauth2-refresh-token", "oauth2-password", "oauth2-resource-owner"]) {
      const result = await login({ ...samlLogin, protocol });
      expect(result.errorCode, protocol).toBe("redirect_not_allowed");
      expect(result.redirect, protocol).toBeUndefined();
    }
    expect(state.getUser("samlp|jane")?.app_metadata).toEqual({});
  });

  it("ends-a-redirect-under-prompt-none-in-interaction_required", async () => {
    const { login } = simulator();
    const result = await login({ ...samlLogin, prompt: ["none"] });
    expect(result).toMatchObject({ errorCode: "interaction_required" });
    expect(result.redirect).toBeUndefined();
  });

  it("lets-deny-win-over-a-redirect", async () => {
    const { login } = simulator(`
      exports.onExecutePostLogin = (event, api) => {
        api.redirect.sendUserTo("https://localhost/x");
        api.access.deny("no");
      };
    `);
    const result = await login(samlLogin);
    expect(result).toMatchObject({ denied: "no" });
    expect(result.redirect).toBeUndefined();
  });

  it("allows-setPrimaryUser-once-per-transaction-across-the-redirect", async () => {
    const { login, continue: resume } = simulator(`
      exports.onExecutePostLogin = (event, api) => {
        api.authentication.setPrimaryUser("samlp|jane");
        api.redirect.sendUserTo("https://localhost/x");
      };
      exports.onContinuePostLogin = (event, api) => api.authentication.setPrimaryUser("samlp|jane");
    `);
    const started = await login(samlLogin);
    const finished = await resume(started.redirect?.state, {});
    expect(finished).toMatchObject({
      errorCode: "action_failed",
      actionErrorCode: "primary_user_already_set",
    });
  });

  it("suspends-again-when-the-continuation-redirects-again", async () => {
    const { login, continue: resume } = simulator(`
      exports.onExecutePostLogin = (event, api) => api.redirect.sendUserTo("https://localhost/one");
      exports.onContinuePostLogin = (event, api) => {
        if (event.request.query.step !== "2") api.redirect.sendUserTo("https://localhost/two");
      };
    `);
    const first = await login(samlLogin);
    const second = await resume(first.redirect?.state, { query: { step: "1" } });
    expect(new URL(second.redirect?.url ?? "").pathname).toBe("/two");
    expect(second.redirect?.state).not.toBe(first.redirect?.state);
    const done = await resume(second.redirect?.state, { query: { step: "2" } });
    expect(done.sessionUserId).toBe("samlp|jane");
  });
});
