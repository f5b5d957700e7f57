import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { runChild } from "../../src/deploy/child-process";
import {
  type LocalTenant,
  loadDemoSeed,
  startLocalTenant,
} from "../../src/local-tenant/local-tenant";
import { writeCertificateAuthorityFile } from "../../src/local-tenant/trust";

// auth0-deploy-cli (which nobody here wrote) exports the tenant's connections: it pages
// GET /api/v2/connections by checkpoint and reads { connections, next } (a bare array gave it
// none). What it reads besides (each connection's enabled clients, directory provisioning) is not
// emulated: it warns and goes on.

const a0deployBin = join(
  dirname(createRequire(import.meta.url).resolve("auth0-deploy-cli/package.json")),
  "lib/index.js",
);
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
  const dir = await mkdtemp(join(tmpdir(), "a0deploy-export-connections-"));
  await writeFile(
    join(dir, "config.json"),
    JSON.stringify({ AUTH0_INCLUDED_ONLY: ["connections"] }),
  );
  let output = "";
  const run = await runChild(
    process.execPath,
    [a0deployBin, "export", "-c", join(dir, "config.json"), "-f", "yaml", "-o", join(dir, "out")],
    {
      cwd: dir,
      env: {
        PATH: process.env.PATH,
        NODE_EXTRA_CA_CERTS: await writeCertificateAuthorityFile(tenant.api.caPem, dir),
        AUTH0_DOMAIN: tenant.api.domain,
        AUTH0_CLIENT_ID: exporter.client_id,
        AUTH0_CLIENT_SECRET: exporter.client_secret,
      },
      output: (chunk) => {
        output += chunk;
      },
    },
  );
  expect(run.exitCode, output).toBe(0);
  const exported = await readFile(join(dir, "out", "tenant.yaml"), "utf8");
  // a0deploy lists database (auth0 strategy) connections under `databases`, not here.
  const expected = tenant.state.connections.filter(({ strategy }) => strategy !== "auth0");
  expect(expected.length).toBeGreaterThan(5);
  for (const { name } of expected) expect(exported).toContain(`- name: ${name}\n`);
}, 60_000);
