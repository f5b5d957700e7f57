import { spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ManagementApiServer } from "../../../src/local-tenant/management-api";
import { writeCertificateAuthorityFile } from "../../../src/local-tenant/trust";
import { projectRoot } from "../../../src/project-root";
import { linkingAction } from "../../local-tenant/management-api/harness";

export interface CliRun {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** The environment that points `npm run backfill` at a local tenant, trusting its CA. */
export async function backfillEnvironment(
  server: ManagementApiServer,
  extra: Record<string, string | undefined> = {},
): Promise<Record<string, string | undefined>> {
  const caFile = await writeCertificateAuthorityFile(
    server.caPem,
    await mkdtemp(join(tmpdir(), "backfill-ca-")),
  );
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    // The private folder (raw users file, whole journal) goes to a folder of the test's own.
    XDG_CACHE_HOME: await mkdtemp(join(tmpdir(), "backfill-cache-")),
    NODE_EXTRA_CA_CERTS: caFile,
    AUTH0_DOMAIN: server.domain,
    AUTH0_CLIENT_ID: linkingAction.clientId,
    AUTH0_CLIENT_SECRET: linkingAction.clientSecret,
    ...extra,
  };
}

export interface RunningCli {
  child: ReturnType<typeof spawn>;
  done: Promise<CliRun>;
}

/**
 * Starts the real CLI (`scripts/backfill.ts`) as its own process, not on a terminal: an --apply
 * is confirmed with --yes, as the workflow confirms it.
 */
export function startBackfill(args: string[], env: Record<string, string | undefined>): RunningCli {
  const confirmedArgs = args.includes("--apply") ? [...args, "--yes"] : args;
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "scripts/backfill.ts", ...confirmedArgs],
    {
      cwd: projectRoot,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stdout = "";
  let stderr = "";
  child.stdout?.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
    stderr += chunk;
  });
  const done = new Promise<CliRun>((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (exitCode, signal) => resolve({ exitCode, signal, stdout, stderr }));
  });
  return { child, done };
}

export function runBackfillCli(
  args: string[],
  env: Record<string, string | undefined>,
): Promise<CliRun> {
  return startBackfill(args, env).done;
}

export async function outDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), "backfill-out-"));
}
