import { afterEach, expect, it } from "vitest";
import { type LocalTenant, startLocalTenant } from "../../src/local-tenant/local-tenant";
import { bindActionTheTenantAlreadyHas, postLoginBindingNames } from "./support/bound-action";
import { runDeployScript, scriptEnvironmentFor, writesIn } from "./support/deploy-script";

let tenant: LocalTenant | undefined;
afterEach(async () => {
  await tenant?.close();
  tenant = undefined;
});

it("stops-the-deploy-naming-the-binding-it-would-drop-and-changes-nothing", async () => {
  tenant = await startLocalTenant({ source: "deployed" });
  bindActionTheTenantAlreadyHas(tenant.state, "enrich-profile");

  const run = await runDeployScript([], await scriptEnvironmentFor(tenant));

  expect(run.exitCode).toBe(1);
  expect(run.stderr).toContain("[would_unbind]");
  expect(run.stderr).toContain("enrich-profile (post-login)");
  expect(run.stderr).toContain("--allow-unbinding");
  expect(run.stdout).toContain("post-login bindings removed: enrich-profile");
  expect(run.stdout).not.toContain("Import Successful");
  expect(writesIn(tenant)).toEqual([]);
  expect(postLoginBindingNames(tenant.state)).toEqual(["enrich-profile"]);
});
