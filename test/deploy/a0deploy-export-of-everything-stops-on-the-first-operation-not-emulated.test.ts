import { mkdtemp, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { runChild } from "../../src/deploy/child-process";
import { localDeployClientName } from "../../src/deploy/deploy-to-local-tenant";
import { type LocalTenant, startLocalTenant } from "../../src/local-tenant/local-tenant";
import { writeCertificateAuthorityFile } from "../../src/local-tenant/trust";

const a0deployBin = join(
  dirname(createRequire(import.meta.url).resolve("auth0-deploy-cli/package.json")),
  "lib/index.js",
);

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
  const dir = await mkdtemp(join(tmpdir(), "a0deploy-export-"));
  const deployer = tenant.state.clients.find(({ name }) => name === localDeployClientName);
  await writeFile(join(dir, "config.json"), "{}");
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
        AUTH0_CLIENT_ID: deployer?.client_id,
        AUTH0_CLIENT_SECRET: deployer?.client_secret,
      },
      output: (chunk) => {
        output += chunk;
      },
    },
  );
  expect(run.exitCode).not.toBe(0);
  expect(output).toMatch(/GET \/api\/v2\/[a-z-]+ is not emulated by the local tenant/);
}, 60_000);
