import { afterAll, beforeAll, expect, it } from "vitest";
import { type LocalTenant, startLocalTenant } from "../../src/local-tenant/local-tenant";
import { runDeployScript, scriptEnvironmentFor } from "./support/deploy-script";

let tenant: LocalTenant;
let env: Record<string, string | undefined>;
beforeAll(async () => {
  tenant = await startLocalTenant({ source: "deployed" });
  env = await scriptEnvironmentFor(tenant);
});
afterAll(async () => {
  await tenant?.close();
});

it("names-each-missing-or-malformed-setting-and-makes-no-call", async () => {
  const run = await runDeployScript([], {
    ...env,
    AUTH0_CLIENT_ID: undefined,
    LINKING_CLIENT_SECRET: undefined,
    LINKING_AUTH0_DOMAIN: "https://tenant.example.com/",
  });

  expect(run.exitCode).toBe(2);
  expect(run.stderr).toContain("[settings_invalid]");
  expect(run.stderr).toContain("[setting_missing] AUTH0_CLIENT_ID is not set");
  expect(run.stderr).toContain("[setting_missing] LINKING_CLIENT_SECRET is not set");
  expect(run.stderr).toContain("[setting_malformed] LINKING_AUTH0_DOMAIN must be a host name");
  expect(`${run.stdout}${run.stderr}`).not.toContain(env.AUTH0_CLIENT_SECRET);
  expect(tenant.api.requestLog.entries()).toEqual([]);
});

it("names-an-optional-keyword-the-action-would-reject-and-makes-no-call", async () => {
  const run = await runDeployScript([], { ...env, LINKING_MODE: "sometimes" });

  expect(run.exitCode).toBe(2);
  expect(run.stderr).toContain("[setting_malformed] LINKING_MODE:");
  expect(run.stderr).not.toContain("sometimes");
  expect(tenant.api.requestLog.entries()).toEqual([]);
});

it.each([
  ["unset", undefined],
  ["empty", ""],
])("refuses-a-deploy-whose-linking-mode-is-%s-and-makes-no-call", async (_case, mode) => {
  const run = await runDeployScript([], { ...env, LINKING_MODE: mode });

  expect(run.exitCode).toBe(2);
  expect(run.stderr).toContain("[setting_missing] LINKING_MODE is not set");
  expect(run.stderr).toContain("Use dry-run for a first deploy");
  expect(tenant.api.requestLog.entries()).toEqual([]);
});

it("deploys-a-first-dry-run-when-the-mode-is-said", async () => {
  const run = await runDeployScript(["--preview"], { ...env, LINKING_MODE: "dry-run" });

  expect(run.exitCode).toBe(0);
  expect(run.stderr).not.toContain("LINKING_MODE");
});
