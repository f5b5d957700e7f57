import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { localDeployEnvironment } from "../../../src/deploy/deploy-to-local-tenant";
import type { LocalTenant } from "../../../src/local-tenant/local-tenant";
import { writeCertificateAuthorityFile } from "../../../src/local-tenant/trust";
import { runProjectScript, type ScriptRun } from "../../support/project-script";

export type { ScriptRun };

/** Runs `npm run deploy`'s script as its own process, as a pipeline would. */
export function runDeployScript(
  args: string[],
  env: Record<string, string | undefined>,
): Promise<ScriptRun> {
  return runProjectScript("deploy", args, env);
}

/** The environment that points the script at a local tenant, its CA written to a temp file. */
export async function scriptEnvironmentFor(
  tenant: LocalTenant,
  settings: Record<string, string> = {},
): Promise<Record<string, string | undefined>> {
  const caFile = await writeCertificateAuthorityFile(
    tenant.api.caPem,
    await mkdtemp(join(tmpdir(), "deploy-test-ca-")),
  );
  return localDeployEnvironment(tenant, caFile, settings);
}

/** The requests that changed something in the tenant. */
export function writesIn(tenant: LocalTenant): string[] {
  return tenant.api.requestLog
    .entries()
    .filter(({ method, endpointKey }) => method !== "GET" && endpointKey !== "token")
    .map(({ method, path }) => `${method} ${path}`);
}
