import { readFile } from "node:fs/promises";
import { createRequire, isBuiltin } from "node:module";
import { load } from "js-yaml";
import { describe, expect, it } from "vitest";

const root = new URL("../../", import.meta.url);
const read = (path: string) => readFile(new URL(path, root), "utf8");

interface TenantYaml {
  actions: {
    name: string;
    code: string;
    runtime: string;
    dependencies: { name: string; version: string }[];
  }[];
  triggers: Record<string, { action_name: string }[]>;
}

describe("the deployable bundle", () => {
  it("declares-auth0-and-jose-in-tenant-yaml-at-exactly-the-versions-package-json-pins", async () => {
    const pkg = JSON.parse(await read("package.json")) as { dependencies: Record<string, string> };
    const tenant = load(await read("tenant.yaml")) as TenantYaml;
    const [action] = tenant.actions;
    expect(action?.dependencies).toEqual([
      { name: "auth0", version: pkg.dependencies.auth0 },
      { name: "jose", version: pkg.dependencies.jose },
    ]);
    expect(pkg.dependencies.auth0).toMatch(/^\d+\.\d+\.\d+$/);
    expect(pkg.dependencies.jose).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("binds-the-action-to-post-login-on-the-node22-runtime", async () => {
    const tenant = load(await read("tenant.yaml")) as TenantYaml;
    const [action] = tenant.actions;
    expect(action?.runtime).toBe("node22");
    expect(action?.code).toBe("./actions/link-accounts/code.js");
    expect(tenant.triggers["post-login"]?.map((b) => b.action_name)).toEqual([action?.name]);
  });

  it("requires-only-node-built-ins-and-the-declared-auth0-and-jose-packages", async () => {
    const code = await read("actions/link-accounts/code.js");
    const required = [...code.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1] as string);
    expect(required.length).toBeGreaterThan(0);
    for (const specifier of required) {
      expect(isBuiltin(specifier) || specifier.startsWith("auth0/") || specifier === "jose").toBe(
        true,
      );
    }
    expect(required).toContain("jose");
  });

  it("contains-nothing-the-deploy-cli-would-take-for-a-keyword", async () => {
    // a0deploy replaces ##KEY## and @@KEY@@ in the code file too: such a run would corrupt the bundle.
    const code = await read("actions/link-accounts/code.js");
    expect(code).not.toMatch(/##[A-Za-z0-9_]+##|@@[A-Za-z0-9_]+@@/);
  });

  it("is-a-commonjs-module-exporting-both-post-login-handlers-within-the-60-kB-budget", async () => {
    const code = await read("actions/link-accounts/code.js");
    expect(Buffer.byteLength(code)).toBeLessThanOrEqual(60 * 1024);
    const module = { exports: {} as Record<string, unknown> };
    const load = new Function("module", "exports", "require", code);
    load(module, module.exports, (specifier: string) => {
      if (specifier.startsWith("auth0/")) return { UsersClient: class {} };
      if (specifier === "jose") return {};
      if (isBuiltin(specifier)) return createRequire(import.meta.url)(specifier);
      throw new Error(`unexpected require ${specifier}`);
    });
    expect(typeof module.exports.onExecutePostLogin).toBe("function");
    expect(typeof module.exports.onContinuePostLogin).toBe("function");
  });
});
