import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { linkingActionName } from "../../src/deploy/deploy-settings";
import { readTenantYamlDeployment } from "../../src/deploy/tenant-yaml-deployment";
import { deployedActionsOf } from "../../src/local-tenant/deployed-actions";
import type { LocalTenant } from "../../src/local-tenant/local-tenant";
import { linkingClientName, promptClientName } from "../../src/local-tenant/local-tenant";
import { projectRoot, tenantYamlPath } from "../../src/project-root";
import {
  adminClient,
  doctorEnvironment,
  doctorRows,
  doctorSeed,
  doctorTenant,
  failures,
  promptSettings,
  rowNamed,
  withClient,
} from "./support";

describe("npm run doctor against a healthy local tenant", () => {
  let tenant: LocalTenant;
  beforeAll(async () => {
    tenant = await doctorTenant();
    await import("../../src/deploy/deploy-to-local-tenant").then(({ deployToLocalTenant }) =>
      deployToLocalTenant(tenant, { settings: promptSettings(tenant) }),
    );
  }, 120_000);

  it("passes-every-check-and-writes-nothing", async () => {
    const before = tenant.api.requestLog.entries().length;
    const rows = await doctorRows(doctorEnvironment(tenant));

    expect(failures(rows)).toEqual([]);
    expect(rowNamed(rows, "deployed Action")?.status).toBe("pass");
    expect(rowNamed(rows, "deployed code")?.status).toBe("pass");
    expect(rowNamed(rows, "post-login binding")?.status).toBe("pass");
    expect(rowNamed(rows, "prompt client callbacks")?.status).toBe("pass");
    expect(rowNamed(rows, "scope read:roles (Action)")?.status).toBe("pass");
    expect(rowNamed(rows, "scope read:authentication_methods (Action)")?.status).toBe("pass");
    expect(rowNamed(rows, "Management API rate limit")?.status).toBe("pass");
    const writes = tenant.api.requestLog
      .entries()
      .slice(before)
      .filter(({ method, endpointKey }) => method !== "GET" && endpointKey !== "token");
    expect(writes).toEqual([]);
  });

  it("names-a-secret-that-does-not-match-its-client-id", async () => {
    const rows = await doctorRows({
      ...doctorEnvironment(tenant),
      LINKING_CLIENT_SECRET: "x".repeat(40),
    });
    expect(rowNamed(rows, "token (Action)")).toMatchObject({
      status: "fail",
      detail: expect.stringContaining("401"),
    });
    expect(JSON.stringify(rows)).not.toContain("x".repeat(40));
  });

  it("names-an-application-with-no-grant-for-the-management-api", async () => {
    const noGrants = tenant.state.clients.find(({ name }) => name === "no-grants");
    const rows = await doctorRows({
      ...doctorEnvironment(tenant),
      AUTH0_CLIENT_ID: noGrants?.client_id,
      AUTH0_CLIENT_SECRET: noGrants?.client_secret,
    });
    expect(rowNamed(rows, "token (administrator)")).toMatchObject({
      status: "fail",
      detail: expect.stringContaining("403"),
    });
  });

  it("names-a-trusted-connection-that-matches-no-connection", async () => {
    const rows = await doctorRows({
      ...doctorEnvironment(tenant),
      TRUSTED_CONNECTIONS: "google-oauth2,Username-Password-Authenticaton",
    });
    expect(rowNamed(rows, "TRUSTED_CONNECTIONS")).toMatchObject({
      status: "fail",
      detail: "names no connection: Username-Password-Authenticaton",
    });
  });

  it("names-a-prompt-client-id-that-is-no-application", async () => {
    const rows = await doctorRows({
      ...doctorEnvironment(tenant),
      PROMPT_CLIENT_ID: "NoSuchPromptClient00000000000000",
    });
    expect(rowNamed(rows, "prompt client")?.status).toBe("fail");
  });

  it("warns-and-never-passes-what-its-own-application-cannot-read", async () => {
    const linking = tenant.state.clients.find(({ name }) => name === linkingClientName);
    const rows = await doctorRows({
      ...doctorEnvironment(tenant),
      AUTH0_CLIENT_ID: linking?.client_id,
      AUTH0_CLIENT_SECRET: linking?.client_secret,
      LINKING_CLIENT_ID: undefined,
      LINKING_CLIENT_SECRET: undefined,
    });
    for (const check of ["prompt client", "deployed Action", "post-login binding"]) {
      expect(rowNamed(rows, check)?.status).toBe("warn");
    }
    expect(failures(rows)).toEqual([]);
  });
});

describe("npm run doctor names each misconfiguration of the tenant", () => {
  it.each([
    "read:roles",
    "read:authentication_methods",
  ])("an-action-application-without-%s", async (missing) => {
    const seed = await doctorSeed(
      withClient(linkingClientName, (client) => ({
        ...client,
        grants: [
          { scope: client.grants.flatMap(({ scope }) => scope).filter((s) => s !== missing) },
        ],
      })),
    );
    const tenant = await doctorTenant({ seed });
    const rows = await doctorRows(doctorEnvironment(tenant));
    expect(failures(rows)).toContain(`scope ${missing} (Action)`);
    expect(rowNamed(rows, "scope read:organizations (Action)")?.status).toBe("pass");
  });

  it("an-action-application-without-read-connections-options-trusts-no-database", async () => {
    const seed = await doctorSeed(
      withClient(linkingClientName, (client) => ({
        ...client,
        grants: client.grants.map((grant) => ({
          ...grant,
          scope: grant.scope.filter((scope) => scope !== "read:connections_options"),
        })),
      })),
    );
    const tenant = await doctorTenant({ seed });
    const rows = await doctorRows(doctorEnvironment(tenant));
    expect(rowNamed(rows, "connection options (Action)")?.status).toBe("warn");
    expect(rowNamed(rows, "database Username-Password-Authentication")).toMatchObject({
      status: "warn",
      detail: "listed without its options (kind unknown) database, not trusted for linking",
    });
    const named = await doctorRows({
      ...doctorEnvironment(tenant),
      TRUSTED_CONNECTIONS: "Username-Password-Authentication,google-oauth2",
    });
    expect(rowNamed(named, "database Username-Password-Authentication")).toMatchObject({
      status: "pass",
      detail: "listed without its options (kind unknown) database, trusted for linking",
    });
  });

  it("an-action-application-without-read-connections-even-when-trusted-connections-names-the-database", async () => {
    const seed = await doctorSeed(
      withClient(linkingClientName, (client) => ({
        ...client,
        grants: [
          {
            scope: client.grants
              .flatMap(({ scope }) => scope)
              .filter((s) => !s.startsWith("read:connections")),
          },
        ],
      })),
    );
    const tenant = await doctorTenant({ seed });
    const named = await doctorRows({
      ...doctorEnvironment(tenant),
      TRUSTED_CONNECTIONS: "Username-Password-Authentication,google-oauth2",
    });
    // Named, the database is trusted; its id is still needed for every link of one of its accounts.
    expect(failures(named)).toContain("scope read:connections (Action)");
    expect(rowNamed(named, "database Username-Password-Authentication")?.detail).toMatch(
      /, trusted for linking$/,
    );
  });

  it.each([
    [
      "a prompt client without the /continue callback",
      withClient(promptClientName, (client) => ({ ...client, callbacks: [] })),
      "prompt client callbacks",
    ],
    [
      "a prompt client without the authorization code grant",
      withClient(promptClientName, (client) => ({
        ...client,
        grant_types: ["client_credentials"],
      })),
      "prompt client grant types",
    ],
    [
      "a prompt client that sends its secret by basic authentication",
      withClient(promptClientName, (client) => ({
        ...client,
        token_endpoint_auth_method: "client_secret_basic",
      })),
      "prompt client authentication",
    ],
    [
      "a prompt client enabled on no connection",
      withClient(promptClientName, (client) => ({ ...client, enabled_connections: [] })),
      "prompt client connections",
    ],
    [
      "a custom domain the prompt client cannot return to",
      (seed: Awaited<ReturnType<typeof doctorSeed>>) => ({
        ...seed,
        custom_domains: ["login.example.com"],
      }),
      "prompt client callbacks",
    ],
  ])("%s", async (_name, change, check) => {
    const tenant = await doctorTenant({ seed: await doctorSeed(change) });
    const rows = await doctorRows(doctorEnvironment(tenant));
    expect(failures(rows)).toContain(check);
  });

  it("an-action-that-is-not-deployed-is-a-warning-before-the-first-deploy", async () => {
    const tenant = await doctorTenant();
    const rows = await doctorRows(doctorEnvironment(tenant));
    expect(rowNamed(rows, "deployed Action")?.status).toBe("warn");
    expect(rowNamed(rows, "post-login binding")?.status).toBe("fail");
  });

  it("an-administrator-application-that-lacks-read-actions", async () => {
    const seed = await doctorSeed(
      withClient(adminClient.name, (client) => ({
        ...client,
        grants: [{ scope: ["read:clients", "read:connections", "read:custom_domains"] }],
      })),
    );
    const tenant = await doctorTenant({ seed });
    const rows = await doctorRows(doctorEnvironment(tenant));
    expect(rowNamed(rows, "deployed Action")).toMatchObject({
      status: "warn",
      fix: expect.stringContaining("read:actions"),
    });
  });
});

describe("npm run doctor names what is wrong with the deployed Action", () => {
  const tenantYamlSecrets = readTenantYamlDeployment(tenantYamlPath).actions.find(
    ({ name }) => name === linkingActionName,
  );
  const allSecrets = Object.keys(tenantYamlSecrets?.secretKeywords ?? {});
  const postLogin = [{ id: "post-login", version: "v3" }];

  /** The Action as a deploy leaves it, made in process; `bound` lists post-login in order. */
  async function deployedTenant(options: { secrets?: string[]; others?: string[] } = {}) {
    const tenant = await doctorTenant();
    const actions = deployedActionsOf(tenant.state);
    const code = await readFile(join(projectRoot, "actions/link-accounts/code.js"), "utf8");
    const ours = actions.create({
      name: linkingActionName,
      code,
      supported_triggers: postLogin,
      secrets: (options.secrets ?? allSecrets).map((name) => ({ name, value: "x" })),
      deploy: true,
    });
    if (!ours.ok) throw new Error(ours.error.message);
    for (const name of options.others ?? []) {
      const other = actions.create({ name, code: "", supported_triggers: postLogin, deploy: true });
      if (!other.ok) throw new Error(other.error.message);
    }
    const bound = actions.replaceBindings(
      "post-login",
      [...(options.others ?? []), linkingActionName].map((value) => ({
        ref: { type: "action_name" as const, value },
        display_name: value,
      })),
    );
    if (!bound.ok) throw new Error(bound.error.message);
    return { tenant, actions, id: ours.value.id };
  }

  it("control: a deployed Action with every secret, bound alone, passes", async () => {
    const { tenant } = await deployedTenant();
    const rows = await doctorRows(doctorEnvironment(tenant));
    for (const check of [
      "deployed Action",
      "deployed code",
      "Action secrets",
      "post-login binding",
    ]) {
      expect(rowNamed(rows, check)?.status).toBe("pass");
    }
    expect(rowNamed(rows, "other post-login Actions")).toMatchObject({
      status: "pass",
      detail: "none",
    });
  });

  it("an-action-changed-since-its-deploy-and-not-deployed-again", async () => {
    const { tenant, actions, id } = await deployedTenant();
    actions.update(id, { code: "exports.onExecutePostLogin = async () => {};" });
    const rows = await doctorRows(doctorEnvironment(tenant));
    expect(failures(rows)).toContain("deployed Action");
    expect(rowNamed(rows, "deployed code")?.status).toBe("warn");
  });

  it("an-action-missing-a-secret-tenant-yaml-gives-it", async () => {
    const { tenant } = await deployedTenant({
      secrets: allSecrets.filter((name) => name !== "TRUSTED_CONNECTIONS"),
    });
    const rows = await doctorRows(doctorEnvironment(tenant));
    expect(rowNamed(rows, "Action secrets")).toMatchObject({
      status: "fail",
      detail: "missing: TRUSTED_CONNECTIONS",
    });
  });

  it("other-post-login-actions-named-in-their-order-each-to-leave-the-prompt-alone", async () => {
    const { tenant } = await deployedTenant({ others: ["add-roles", "require-mfa"] });
    const rows = await doctorRows(doctorEnvironment(tenant));
    expect(rowNamed(rows, "other post-login Actions")).toMatchObject({
      status: "warn",
      detail: `in order: add-roles → require-mfa → ${linkingActionName}`,
      fix: expect.stringContaining("PROMPT_CLIENT_ID"),
    });
    expect(rowNamed(rows, "post-login binding")?.detail).toBe("bound, 3 of 3");
  });
});
