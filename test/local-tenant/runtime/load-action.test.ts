import { describe, expect, it } from "vitest";
import type { PostLoginApi, PostLoginEvent } from "../../../src/actions-platform/post-login";
import { loadActionModule } from "../../../src/local-tenant/runtime/load-action";

const auth0 = { name: "auth0", version: "7.1.0" };

function load(code: string, dependencies = [auth0]) {
  return loadActionModule({ code, filename: "/actions/test/code.js", dependencies, console });
}

async function run(code: string, dependencies = [auth0]): Promise<unknown> {
  const loaded = load(code, dependencies);
  if (!loaded.ok) throw new Error(loaded.error.message);
  return loaded.onExecutePostLogin({} as PostLoginEvent, {} as PostLoginApi);
}

describe("require allow-list", () => {
  it("allows-node-builtins-with-and-without-the-node-prefix", async () => {
    const result = await run(`
      const crypto = require("node:crypto");
      const { createHash } = require("crypto");
      exports.onExecutePostLogin = () => crypto.randomUUID === require("node:crypto").randomUUID && typeof createHash;
    `);
    expect(result).toBe("function");
  });

  it("allows-a-declared-dependency-and-its-subpaths", async () => {
    const result = await run(`
      const { UsersClient } = require("auth0/users");
      exports.onExecutePostLogin = () => typeof UsersClient;
    `);
    expect(result).toBe("function");
  });

  it("refuses-an-installed-but-undeclared-dependency-like-auth0", () => {
    const loaded = load(`require("js-yaml"); exports.onExecutePostLogin = () => {};`);
    expect(loaded).toMatchObject({
      ok: false,
      error: { code: "module_load_failed", message: "Cannot find module 'js-yaml'" },
    });
  });

  it("refuses-a-package-whose-name-only-starts-like-a-declared-one", async () => {
    const result = await run(`
      exports.onExecutePostLogin = () => {
        try { require("auth0-deploy-cli"); return "loaded"; } catch (error) { return error.code; }
      };
    `);
    expect(result).toBe("MODULE_NOT_FOUND");
  });

  it("refuses-a-declared-version-that-differs-from-the-installed-one-naming-both", () => {
    const loaded = load(`exports.onExecutePostLogin = () => {};`, [
      { name: "auth0", version: "4.0.0" },
    ]);
    expect(loaded.ok).toBe(false);
    if (loaded.ok) return;
    expect(loaded.error.code).toBe("dependency_version_mismatch");
    expect(loaded.error.message).toContain("4.0.0");
    expect(loaded.error.message).toContain("7.1.0");
  });

  it("refuses-a-declared-dependency-that-is-not-installed", () => {
    const loaded = load(`exports.onExecutePostLogin = () => {};`, [
      { name: "not-installed-anywhere", version: "1.0.0" },
    ]);
    expect(loaded).toMatchObject({ ok: false, error: { code: "dependency_not_installed" } });
  });
});

describe("module shape", () => {
  it("requires-an-exported-onExecutePostLogin", () => {
    expect(load(`exports.somethingElse = () => {};`)).toMatchObject({
      ok: false,
      error: { code: "handler_missing" },
    });
  });

  it("accepts-module-exports-assignment", async () => {
    expect(await run(`module.exports = { onExecutePostLogin: () => __filename };`)).toBe(
      "/actions/test/code.js",
    );
  });

  it("runs-in-this-realm-so-errors-and-fetch-are-the-real-ones", async () => {
    const result = (await run(`
      exports.onExecutePostLogin = () => ({ error: new Error("x"), fetch, signal: AbortSignal.timeout(1000) });
    `)) as { error: unknown; fetch: unknown; signal: unknown };
    expect(result.error).toBeInstanceOf(Error);
    expect(result.fetch).toBe(globalThis.fetch);
    expect(result.signal).toBeInstanceOf(AbortSignal);
  });

  it("gives-the-bundle-the-console-the-runtime-passes", async () => {
    const lines: string[] = [];
    const ownConsole = { ...console, log: (line: string) => lines.push(line) } as Console;
    const loaded = loadActionModule({
      code: `exports.onExecutePostLogin = () => console.log("hello");`,
      filename: "/actions/test/code.js",
      dependencies: [],
      console: ownConsole,
    });
    if (!loaded.ok) throw new Error(loaded.error.message);
    await loaded.onExecutePostLogin({} as PostLoginEvent, {} as PostLoginApi);
    expect(lines).toEqual(["hello"]);
  });
});
