import { describe, expect, it } from "vitest";
import {
  createActionInstance,
  executionTimeoutMessage,
  type PostLoginEventWithoutSecrets,
} from "../../../src/local-tenant/runtime/action-instance";

function event(
  overrides: Partial<PostLoginEventWithoutSecrets> = {},
): PostLoginEventWithoutSecrets {
  return {
    user: { user_id: "samlp|jane" },
    connection: { id: "con_1", name: "partner-saml", strategy: "samlp" },
    transaction: { id: "tx-1", protocol: "oidc-basic-profile", metadata: {} },
    request: { ip: "127.0.0.1", hostname: "localhost:3000", method: "GET", query: { a: "1" } },
    ...overrides,
  };
}

function instance(code: string, timeoutMs?: number) {
  return createActionInstance({
    code,
    filename: "/actions/test/code.js",
    dependencies: [],
    secrets: {},
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
  });
}

describe("api.redirect.sendUserTo", () => {
  it("records-the-url-and-query-the-browser-is-sent-to", async () => {
    const action = instance(`
      exports.onExecutePostLogin = (event, api) => {
        api.redirect.sendUserTo("https://localhost:3000/authorize", { query: { prompt: "login" } });
      };
    `);
    const result = await action.execute(event());
    expect(result.error).toBeUndefined();
    expect(result.redirect).toEqual({
      url: "https://localhost:3000/authorize",
      query: { prompt: "login" },
    });
  });

  it("fails-the-execution-on-a-url-that-is-not-absolute-http", async () => {
    for (const call of [
      `api.redirect.sendUserTo("/authorize")`,
      `api.redirect.sendUserTo("javascript:alert(1)")`,
      `api.redirect.sendUserTo("https://localhost/x", { query: { n: 1 } })`,
    ]) {
      const action = instance(`exports.onExecutePostLogin = (event, api) => { ${call}; };`);
      const result = await action.execute(event());
      expect(result.errorCode, call).toBe("redirect_invalid");
      expect(result.redirect, call).toBeUndefined();
    }
  });

  it("records-no-redirect-when-the-action-does-not-call-it", async () => {
    const action = instance("exports.onExecutePostLogin = () => {};");
    expect((await action.execute(event())).redirect).toBeUndefined();
  });
});

describe("onContinuePostLogin", () => {
  const redirectingAction = `
    exports.onExecutePostLogin = (event, api) => {
      api.transaction.setMetadata("chosen", "auth0|primary");
      api.redirect.sendUserTo("https://localhost:3000/authorize");
    };
    exports.onContinuePostLogin = (event, api) => {
      console.log(JSON.stringify({
        transaction: event.transaction.id,
        query: event.request.query,
        body: event.request.body,
        chosen: event.transaction.metadata.chosen,
      }));
      api.authentication.setPrimaryUser(event.transaction.metadata.chosen);
    };
  `;

  it("runs-with-the-new-request-the-same-transaction-id-and-its-metadata", async () => {
    const action = instance(redirectingAction);
    const before = await action.execute(event());
    const after = await action.resume(
      event({
        transaction: {
          id: "tx-1",
          protocol: "oidc-basic-profile",
          metadata: { ...before.transactionMetadata },
        },
        request: { method: "POST", query: { code: "c0de", state: "s" }, body: { answer: "yes" } },
      }),
    );
    expect(after.error).toBeUndefined();
    expect(JSON.parse(after.logs[0] ?? "{}")).toEqual({
      transaction: "tx-1",
      query: { code: "c0de", state: "s" },
      body: { answer: "yes" },
      chosen: "auth0|primary",
    });
    expect(after.primaryUserId).toBe("auth0|primary");
  });

  it("fails-the-resume-of-an-action-that-exports-no-onContinuePostLogin", async () => {
    const action = instance(`
      exports.onExecutePostLogin = (event, api) => api.redirect.sendUserTo("https://localhost/x");
    `);
    await action.execute(event());
    const after = await action.resume(event());
    expect(after.errorCode).toBe("continue_handler_missing");
  });

  it("gives-each-side-of-the-redirect-its-own-time-limit", async () => {
    const action = instance(
      `
      const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
      exports.onExecutePostLogin = async (event, api) => {
        await pause(120);
        api.redirect.sendUserTo("https://localhost/x");
      };
      exports.onContinuePostLogin = async (event) => {
        await pause(event.request.query.wait === "long" ? 400 : 120);
      };
    `,
      200,
    );
    const before = await action.execute(event());
    expect(before.error).toBeUndefined();
    // 120 ms before and 120 ms after: 240 ms in all, more than one limit, within each.
    const after = await action.resume(event({ request: { query: { wait: "short" } } }));
    expect(after.error).toBeUndefined();
    const late = await action.resume(event({ request: { query: { wait: "long" } } }));
    expect(late).toMatchObject({ errorCode: "execution_timeout", error: executionTimeoutMessage });
  });
});

describe("api.transaction.setMetadata", () => {
  it("updates-event.transaction.metadata-in-real-time-and-removes-a-key-set-to-null", async () => {
    const action = instance(`
      exports.onExecutePostLogin = (event, api) => {
        api.transaction.setMetadata("a", "one");
        api.transaction.setMetadata("b", 2);
        api.transaction.setMetadata("b", null);
        console.log(JSON.stringify(event.transaction.metadata));
      };
    `);
    const result = await action.execute(event());
    expect(result.logs).toEqual(['{"a":"one"}']);
    expect(result.transactionMetadata).toEqual({ a: "one" });
  });

  it("throws-where-the-action-sees-it-on-values-auth0-refuses", async () => {
    const action = instance(`
      exports.onExecutePostLogin = (event, api) => {
        for (const [key, value] of [["x".repeat(65), "v"], ["k", { nested: true }], ["big", "v".repeat(8193)]]) {
          try { api.transaction.setMetadata(key, value); console.log("accepted"); }
          catch (error) { console.log(error.name); }
        }
      };
    `);
    const result = await action.execute(event());
    expect(result.logs).toEqual(["TypeError", "TypeError", "RangeError"]);
    expect(result.transactionMetadata).toEqual({});
  });
});
