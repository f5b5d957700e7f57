import { afterEach, expect, it } from "vitest";
import { deployedActionsOf } from "../../src/local-tenant/deployed-actions";
import { type LocalTenant, startLocalTenant } from "../../src/local-tenant/local-tenant";
import { bindActionTheTenantAlreadyHas, postLoginBindingNames } from "./support/bound-action";
import { runDeployScript, scriptEnvironmentFor, writesIn } from "./support/deploy-script";

let tenant: LocalTenant | undefined;
afterEach(async () => {
  await tenant?.close();
  tenant = undefined;
});

it("lists-the-action-it-would-create-and-the-binding-it-would-add", async () => {
  tenant = await startLocalTenant({ source: "deployed" });

  const run = await runDeployScript(["--preview"], await scriptEnvironmentFor(tenant));

  expect(run.exitCode).toBe(0);
  expect(run.stdout).toContain("actions created: link-accounts-by-email");
  expect(run.stdout).toContain("post-login bindings added: link-accounts-by-email");
  expect(run.stdout).toContain("Preview only: nothing was changed.");
  expect(writesIn(tenant)).toEqual([]);
  expect(deployedActionsOf(tenant.state).list()).toEqual([]);
});

it("with-allow-unbinding-shows-the-binding-it-would-drop-without-dropping-it", async () => {
  tenant = await startLocalTenant({ source: "deployed" });
  bindActionTheTenantAlreadyHas(tenant.state, "enrich-profile");

  const run = await runDeployScript(
    ["--preview", "--allow-unbinding"],
    await scriptEnvironmentFor(tenant),
  );

  expect(run.exitCode).toBe(0);
  expect(run.stdout).toContain("post-login bindings removed: enrich-profile");
  expect(writesIn(tenant)).toEqual([]);
  expect(postLoginBindingNames(tenant.state)).toEqual(["enrich-profile"]);
});
