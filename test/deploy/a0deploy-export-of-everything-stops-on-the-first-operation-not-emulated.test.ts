import { afterAll, beforeAll, expect, it } from "vitest";
import { localDeployClientName } from "../../src/deploy/deploy-to-local-tenant";
import { type LocalTenant, startLocalTenant } from "../../src/local-tenant/local-tenant";
import { runA0deployExport } from "../support/a0deploy-export";

let tenant: LocalTenant;
beforeAll(async () => {
  tenant = await startLocalTenant();
});
afterAll(async () => {
  await tenant?.close();
});

// An export with no type filter reads resources this emulator does not serve: it must stop on a
// message that names the operation, not on a bare 404 that reads as "no such resource".
it("names-the-operation-that-is-not-emulated", async () => {
  const deployer = tenant.state.clients.find(({ name }) => name === localDeployClientName);
  if (!deployer) throw new Error("the demo seed has no deploying client");
  const run = await runA0deployExport(tenant, deployer);
  expect(run.exitCode).not.toBe(0);
  expect(run.output).toMatch(/GET \/api\/v2\/[a-z-]+ is not emulated by the local tenant/);
}, 60_000);
