import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  type LocalTenant,
  loadDemoSeed,
  startLocalTenant,
} from "../../src/local-tenant/local-tenant";
import { runA0deployExport } from "../support/a0deploy-export";

// auth0-deploy-cli (which nobody here wrote) exports the tenant's connections: it pages
// GET /api/v2/connections by checkpoint and reads { connections, next } (a bare array gave it
// none). What it reads besides (each connection's enabled clients, directory provisioning) is not
// emulated: it warns and goes on.

const exporter = {
  client_id: "ExportingDeployCli000000000001",
  client_secret: "local-only-exporting-deploy-cli-secret-not-a-real-credential",
};

let tenant: LocalTenant;
beforeAll(async () => {
  const seed = await loadDemoSeed({ withUsers: false });
  tenant = await startLocalTenant({
    seed: {
      ...seed,
      clients: [
        ...seed.clients,
        {
          ...exporter,
          name: "exporting-deploy-cli",
          grants: [{ scope: ["read:connections", "read:connections_options", "read:clients"] }],
        },
      ],
    },
  });
});
afterAll(async () => {
  await tenant?.close();
});

it("exports-every-connection", async () => {
  const { exitCode, output, outDir } = await runA0deployExport(tenant, exporter, {
    AUTH0_INCLUDED_ONLY: ["connections"],
  });
  expect(exitCode, output).toBe(0);
  const exported = await readFile(join(outDir, "tenant.yaml"), "utf8");
  // a0deploy lists database (auth0 strategy) connections under `databases`, not here.
  const expected = tenant.state.connections.filter(({ strategy }) => strategy !== "auth0");
  expect(expected.length).toBeGreaterThan(5);
  for (const { name } of expected) expect(exported).toContain(`- name: ${name}\n`);
}, 60_000);
