import { mkdtemp, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { runChild } from "../../src/deploy/child-process";
import type { LocalTenant } from "../../src/local-tenant/local-tenant";
import { writeCertificateAuthorityFile } from "../../src/local-tenant/trust";

const a0deployBin = join(
  dirname(createRequire(import.meta.url).resolve("auth0-deploy-cli/package.json")),
  "lib/index.js",
);

export interface A0deployExport {
  exitCode: number | null;
  /** Both streams, as a person would read them. */
  output: string;
  /** Where the export was written (`tenant.yaml` and its folders). */
  outDir: string;
}

/** `a0deploy export -f yaml` against a local tenant, as `client`, trusting only its authority. */
export async function runA0deployExport(
  tenant: LocalTenant,
  client: { client_id: string; client_secret: string },
  config: Record<string, unknown> = {},
): Promise<A0deployExport> {
  const dir = await mkdtemp(join(tmpdir(), "a0deploy-export-"));
  const outDir = join(dir, "out");
  await writeFile(join(dir, "config.json"), JSON.stringify(config));
  let output = "";
  const run = await runChild(
    process.execPath,
    [a0deployBin, "export", "-c", join(dir, "config.json"), "-f", "yaml", "-o", outDir],
    {
      cwd: dir,
      env: {
        PATH: process.env.PATH,
        NODE_EXTRA_CA_CERTS: await writeCertificateAuthorityFile(tenant.api.caPem, dir),
        AUTH0_DOMAIN: tenant.api.domain,
        AUTH0_CLIENT_ID: client.client_id,
        AUTH0_CLIENT_SECRET: client.client_secret,
      },
      output: (chunk) => {
        output += chunk;
      },
    },
  );
  return { exitCode: run.exitCode, output, outDir };
}
