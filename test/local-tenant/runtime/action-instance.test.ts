import { describe, expect, it } from "vitest";
import {
  createActionInstance,
  executionTimeoutMessage,
  type PostLoginEventWithoutSecrets,
} from "../../../src/local-tenant/runtime/action-instance";

function eventFor(userId: string): PostLoginEventWithoutSecrets {
  return {
    user: { user_id: userId },
    connection: { id: "con_1", name: "google-oauth2", strategy: "google-oauth2" },
  };
}

function instance(code: string, extra: { timeoutMs?: number } = {}) {
  return createActionInstance({
    code,
    filename: "/actions/test/code.js",
    dependencies: [],
    secrets: { LINKING_MODE: "link" },
    ...extra,
  });
}

describe("executions", () => {
  it("gives-the-action-its-secrets", async () => {
    const action = instance(`
      exports.onExecutePostLogin = (event) => console.log(event.secrets.LINKING_MODE);
    `);
    expect((await action.execute(eventFor("auth0|1"))).logs).toEqual(["link"]);
  });

  it("keeps-each-concurrent-execution's-console-lines-to-itself", async () => {
    const action = instance(`
      const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
      exports.onExecutePostLogin = async (event) => {
        console.log("start", event.user.user_id);
        await pause(event.user.user_id === "auth0|slow" ? 20 : 1);
        console.log(JSON.stringify({ end: event.user.user_id }));
      };
    `);
    const [slow, fast] = await Promise.all([
      action.execute(eventFor("auth0|slow")),
      action.execute(eventFor("auth0|fast")),
    ]);
    expect(slow.logs).toEqual(["start auth0|slow", '{"end":"auth0|slow"}']);
    expect(fast.logs).toEqual(["start auth0|fast", '{"end":"auth0|fast"}']);
  });

  it("records-deny-primary-user-and-batched-metadata", async () => {
    const action = instance(`
      exports.onExecutePostLogin = (event, api) => {
        api.authentication.setPrimaryUser("auth0|primary");
        api.user.setAppMetadata("linked", true).user.setUserMetadata("theme", "dark");
        api.access.deny("not today");
      };
    `);
    const result = await action.execute(eventFor("auth0|1"));
    expect(result).toMatchObject({
      denied: "not today",
      primaryUserId: "auth0|primary",
      appMetadata: { linked: true },
      userMetadata: { theme: "dark" },
    });
    expect(result.error).toBeUndefined();
  });

  it("fails-the-execution-when-setPrimaryUser-is-called-twice", async () => {
    const action = instance(`
      exports.onExecutePostLogin = (event, api) => {
        api.authentication.setPrimaryUser("auth0|a");
        api.authentication.setPrimaryUser("auth0|b");
      };
    `);
    const result = await action.execute(eventFor("auth0|1"));
    expect(result.errorCode).toBe("primary_user_already_set");
    expect(result.primaryUserId).toBeUndefined();
  });

  it("turns-a-throw-into-an-error-result-with-no-effects", async () => {
    const action = instance(`
      exports.onExecutePostLogin = async (event, api) => {
        api.user.setAppMetadata("half", "done");
        throw new Error("boom");
      };
    `);
    const result = await action.execute(eventFor("auth0|1"));
    expect(result).toMatchObject({ error: "boom", errorCode: "handler_threw", appMetadata: {} });
  });

  it("stops-an-execution-that-exceeds-the-time-limit-like-auth0", async () => {
    const action = instance(`exports.onExecutePostLogin = () => new Promise(() => {});`, {
      timeoutMs: 10,
    });
    const result = await action.execute(eventFor("auth0|1"));
    expect(result).toMatchObject({
      error: executionTimeoutMessage,
      errorCode: "execution_timeout",
    });
  });

  it("reports-a-load-failure-as-the-execution's-error", async () => {
    const action = createActionInstance({
      code: `exports.onExecutePostLogin = () => {};`,
      filename: "/actions/test/code.js",
      dependencies: [{ name: "auth0", version: "1.2.3" }],
      secrets: {},
    });
    const result = await action.execute(eventFor("auth0|1"));
    expect(result.errorCode).toBe("dependency_version_mismatch");
  });
});

describe("instance lifetime", () => {
  it("keeps-module-scope-and-cache-between-executions-until-restart", async () => {
    const action = instance(`
      let executions = 0;
      exports.onExecutePostLogin = (event, api) => {
        executions += 1;
        console.log(executions, api.cache.get("seen")?.value ?? "none");
        api.cache.set("seen", "yes");
      };
    `);
    expect((await action.execute(eventFor("auth0|1"))).logs).toEqual(["1 none"]);
    expect((await action.execute(eventFor("auth0|1"))).logs).toEqual(["2 yes"]);
    action.restart();
    expect((await action.execute(eventFor("auth0|1"))).logs).toEqual(["1 none"]);
  });

  it("does-not-let-the-action-mutate-the-caller's-event", async () => {
    const action = instance(
      `exports.onExecutePostLogin = (event) => { event.user.user_id = "x"; };`,
    );
    const event = eventFor("auth0|1");
    await action.execute(event);
    expect(event.user.user_id).toBe("auth0|1");
  });
});
