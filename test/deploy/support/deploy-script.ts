import { spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { localDeployEnvironment } from "../../../src/deploy/deploy-to-local-tenant";
import type { LocalTenant } from "../../../src/local-tenant/local-tenant";
import { writeCertificateAuthorityFile } from "../../../src/local-tenant/trust";
import { projectRoot } from "../../../src/project-root";

export interface ScriptRun {
  exitCode: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `npm run deploy`'s script as its own process, as a pipeline would. */
export function runDeployScript(
  args: string[],
  env: Record<string, string | undefined>,
): Promise<ScriptRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/deploy.ts", ...args], {
      cwd: projectRoot,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.once("error", reject);
    child.once("close", (exitCode) => resolve({ exitCode, stdout, stderr }));
  });
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
