import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deployedActionsOf } from "../../src/local-tenant/deployed-actions";
import {
  type LocalTenant,
  loadDemoSeed,
  startLocalTenant,
} from "../../src/local-tenant/local-tenant";
import { projectRoot } from "../../src/project-root";
import { runDeployScript, type ScriptRun, scriptEnvironmentFor } from "./support/deploy-script";

// One real `a0deploy import` (tens of seconds: the CLI compiles its whole JSON schema) for the file.
const a0deployTimeoutMs = 240_000;

const aliceDatabaseId = "auth0|65a1f0c2d4e5f60718293a4b";
const aliceGoogle = {
  connection: "google-oauth2",
  providerUserId: "104857362910473829104",
  email: "alice@example.com",
  emailVerified: true,
};

let tenant: LocalTenant;
let run: ScriptRun;
let env: Record<string, string | undefined>;

beforeAll(async () => {
  tenant = await startLocalTenant({
    seed: await loadDemoSeed({ withUsers: true }),
    source: "deployed",
  });
  env = await scriptEnvironmentFor(tenant);
  run = await runDeployScript([], env);
}, a0deployTimeoutMs);

afterAll(async () => {
  await tenant?.close();
});

describe("npm run deploy into the local tenant", () => {
  it("runs-a0deploy-through-the-actions-endpoints-and-succeeds", () => {
    expect(run.stderr).toBe("");
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain("Import Successful");
    const calls = tenant.api.requestLog.entries().map(({ method, endpointKey, status }) => ({
      call: `${method} ${endpointKey}`,
      status,
    }));
    expect(calls).toEqual(
      expect.arrayContaining([
        { call: "POST create-action", status: 201 },
        { call: "POST deploy-action", status: 202 },
        { call: "PATCH replace-trigger-bindings", status: 200 },
      ]),
    );
    expect(calls.filter(({ status }) => status >= 400)).toEqual([]);
  });

  it("deploys-the-built-bundle-with-the-keyword-filled-secrets-and-binds-it-to-post-login", () => {
    const deployed = deployedActionsOf(tenant.state);
    const [action] = deployed.list();
    const bundle = readFileSync(resolve(projectRoot, "actions/link-accounts/code.js"), "utf8");
    expect(action?.deployedVersion?.code).toBe(bundle);
    expect(action?.deployedVersion?.dependencies).toEqual([
      { name: "auth0", version: "7.1.0" },
      { name: "jose", version: "5.10.0" },
    ]);
    const secrets = Object.fromEntries(
      (action?.deployedVersion?.secrets ?? []).map(({ name, value }) => [name, value]),
    );
    expect(secrets).toMatchObject({
      AUTH0_DOMAIN: tenant.api.domain,
      AUTH0_CLIENT_ID: env.LINKING_CLIENT_ID,
      AUTH0_CLIENT_SECRET: env.LINKING_CLIENT_SECRET,
      LINKING_MODE: "link",
      ON_ERROR: "continue",
      PROMPTED_LINKING: "off",
    });
    const bindings = deployed.bindings("post-login");
    expect(bindings.ok && bindings.value.map(({ action_id }) => action_id)).toEqual([action?.id]);
  });

  it("never-prints-a-secret", () => {
    for (const secret of [env.AUTH0_CLIENT_SECRET, env.LINKING_CLIENT_SECRET]) {
      expect(`${run.stdout}${run.stderr}`).not.toContain(secret);
    }
  });

  it("links-a-google-login-into-the-older-database-account-with-the-deployed-code", async () => {
    const result = await tenant.login(aliceGoogle);
    expect(result.error).toBeUndefined();
    expect(result.sessionUserId).toBe(aliceDatabaseId);
    expect(tenant.state.getUser(aliceDatabaseId)?.identities.map((i) => i.provider)).toEqual([
      "auth0",
      "google-oauth2",
    ]);
    expect(tenant.state.getUser(`google-oauth2|${aliceGoogle.providerUserId}`)).toBeUndefined();
  });
});
